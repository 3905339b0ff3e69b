import type { SchemaObject } from '@nestjs/swagger';
import { buildJsonSchemas, SCHEMA_REF_PREFIX } from '@supportlens/contracts';

/**
 * Contract schemas for the OpenAPI document, generated from the contract classes (the same JSON
 * Schema as docs/contracts/) with the classes they nest inlined, so the document cannot drift from
 * the rules the pipe validates with.
 */
let schemas: ReturnType<typeof buildJsonSchemas> | undefined;

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
