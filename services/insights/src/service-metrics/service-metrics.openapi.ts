import { ContentObject, SchemaObject } from '@nestjs/swagger';
import { CASE_CSV_HEADER, FIGURE_COLUMNS } from './service-metrics.csv';

/** The answers' shapes for the OpenAPI document (the definitions are in docs/metrics.md). */

const nullableNumber: SchemaObject = { type: 'number', nullable: true };
const counts: SchemaObject = { type: 'object', additionalProperties: { type: 'integer' } };

const row: SchemaObject = {
  type: 'object',
  properties: {
    key: { type: 'string', description: 'The group values joined with `|`; `total` for the total.' },
    group: { type: 'object', additionalProperties: { type: 'string' }, description: 'Value per dimension.' },
    ...Object.fromEntries(
      FIGURE_COLUMNS.map((column) => [
        column,
        column === 'casesByChannel' || column === 'casesByIssueCode' ? counts : nullableNumber,
      ]),
    ),
  },
};

const calendar: SchemaObject = {
  type: 'object',
  properties: { version: { type: 'integer' }, timeZone: { type: 'string' } },
  description: 'The business calendar the business-hours figures were measured with.',
};

const csv = (description: string) => ({ 'text/csv': { schema: { type: 'string', description } } });

export const SERVICE_METRICS_CONTENT: ContentObject = {
  'application/json': {
    schema: {
      type: 'object',
      properties: {
        from: { type: 'string', format: 'date-time' },
        to: { type: 'string', format: 'date-time' },
        groupBy: { type: 'array', items: { type: 'string' } },
        period: { type: 'string', enum: ['day', 'week', 'month'] },
        filters: { type: 'object', additionalProperties: { type: 'string' } },
        businessCalendar: calendar,
        rows: { type: 'array', items: row },
        total: row,
      },
    },
  },
  ...csv('`key`, one column per dimension, every metric; the total last.'),
};

export const SERVICE_CASES_CONTENT: ContentObject = {
  'application/json': {
    schema: {
      type: 'object',
      properties: {
        items: {
          type: 'array',
          items: {
            type: 'object',
            description: 'A case with `metrics`, `classification` and its linked `survey` (or null).',
          },
        },
        nextCursor: { type: 'string', nullable: true },
        businessCalendar: calendar,
      },
    },
  },
  ...csv(`Columns: ${CASE_CSV_HEADER.join(', ')}.`),
};
