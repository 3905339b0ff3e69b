import { ContentObject, SchemaObject } from '@nestjs/swagger';
import { CHURN_SIGNALS } from './domain/score-churn-risk';
import { CHURN_RISK_CSV_HEADER, CHURN_RISK_STATUS_CSV_COLUMNS } from './churn-risk-csv';

/** The list's answer for the OpenAPI document (the fields of ChurnRiskListItem). */

const reason: SchemaObject = {
  type: 'object',
  properties: {
    signal: { type: 'string', enum: [...CHURN_SIGNALS] },
    points: { type: 'number', description: 'Points before value weighting.' },
    detail: { type: 'string', description: 'The evidence in words, e.g. "last NPS 3 (detractor)".' },
  },
};

const item: SchemaObject = {
  type: 'object',
  properties: {
    customerId: { type: 'string' },
    score: { type: 'integer', minimum: 0, maximum: 100 },
    reasons: { type: 'array', items: reason, description: 'Highest points first.' },
    suggestedAction: { type: 'string', nullable: true },
    lifetimeValue: { type: 'number', nullable: true },
    segment: {
      type: 'object',
      additionalProperties: { type: 'string' },
      description: 'The customer’s segment as last sent.',
    },
    status: { type: 'string', enum: ['open', 'cleared'] },
    raisedAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    clearedAt: { type: 'string', format: 'date-time', nullable: true },
    version: { type: 'integer', description: 'The sequence of the last event published about the insight.' },
  },
};

export const CHURN_RISK_CONTENT: ContentObject = {
  'application/json': {
    schema: {
      type: 'object',
      properties: {
        items: { type: 'array', items: item },
        nextCursor: {
          type: 'string',
          nullable: true,
          description: 'Pass as `cursor` (with the same sort) for the next page; null on the last page.',
        },
      },
    },
  },
  'text/csv': {
    schema: {
      type: 'string',
      description: `Columns: ${CHURN_RISK_CSV_HEADER.join(', ')}; with status=all also ${CHURN_RISK_STATUS_CSV_COLUMNS.join(', ')}. The next cursor is in the X-Next-Cursor header.`,
    },
  },
};
