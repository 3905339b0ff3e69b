import type { SchemaObject } from '@nestjs/swagger';

/** `GET /v1/customers/:id/personal-data`: the contact details ingest holds. */
export const PERSONAL_DATA_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['customerId', 'name', 'email', 'updatedAt'],
  properties: {
    customerId: { type: 'string', example: 'cust-42' },
    name: { type: 'string', nullable: true, description: 'Null when no record carried a name.' },
    email: { type: 'string', nullable: true, description: 'Lower-cased; null when no record carried one.' },
    updatedAt: {
      type: 'string',
      format: 'date-time',
      description: 'When ingest last stored a change to them.',
    },
  },
};

/** `DELETE /v1/customers/:id/personal-data`: the erasure as recorded and announced. */
export const ERASURE_RECEIPT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['customerId', 'erasedAt'],
  properties: {
    customerId: { type: 'string', example: 'cust-42' },
    erasedAt: {
      type: 'string',
      format: 'date-time',
      description:
        'When the data was erased. Records of the customer dated up to this instant never bring it back.',
    },
  },
};
