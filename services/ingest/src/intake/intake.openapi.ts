import type { SchemaObject } from '@nestjs/swagger';
import { buildJsonSchemas, SCHEMA_REF_PREFIX } from '@supportlens/contracts';

/**
 * The OpenAPI description of what intake takes and answers. The record schemas are generated from
 * the contract classes (the same JSON Schema as docs/contracts/), with the classes they nest inlined,
 * so the document cannot drift from the rules intake validates with.
 */

let schemas: ReturnType<typeof buildJsonSchemas> | undefined;

/** The contract class's schema with every `$ref` to another contract class inlined (they do not nest recursively). */
export function contractSchema(className: string): SchemaObject {
  schemas ??= buildJsonSchemas();
  const inline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(inline);
    if (value === null || typeof value !== 'object') return value;
    const ref = (value as { $ref?: unknown }).$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF_PREFIX)) {
      return inline(schemas![ref.slice(SCHEMA_REF_PREFIX.length)]);
    }
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, inline(child)]));
  };
  const schema = schemas[className];
  if (!schema) throw new Error(`no JSON Schema for ${className}`);
  return inline(schema) as SchemaObject;
}

/** One record or an array of them (at most INGEST_MAX_BATCH_ITEMS). */
export function oneOrMany(record: SchemaObject, what: string): SchemaObject {
  return {
    oneOf: [record, { type: 'array', items: record, description: `A batch of ${what}.` }],
  };
}

/** `{ accepted: [...] }`: the records taken, each with the event id it was published under. */
export const INTAKE_RECEIPT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    accepted: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', description: 'The record id (`caseId` or `responseId`).' },
          eventId: { type: 'string', description: 'The deterministic id of the event it was published as.' },
          duplicate: {
            type: 'boolean',
            description: 'True when this exact version was accepted before: nothing new was published.',
          },
        },
      },
    },
  },
};
