import type { SchemaObject } from '@nestjs/swagger';

/**
 * The OpenAPI schema of a settings document, from its defaults (the same shape the settings are
 * validated against), each value's default shown. `partial` leaves every property optional, as a
 * request may name only what it changes.
 */
export function jsonSchemaOf(value: unknown, partial = false): SchemaObject {
  if (value === null) return { nullable: true };
  if (Array.isArray(value)) {
    const items = value.length > 0 ? jsonSchemaOf(value[0]) : {};
    return { type: 'array', items, default: value };
  }
  switch (typeof value) {
    case 'number':
      return { type: 'number', default: value };
    case 'string':
      return { type: 'string', default: value };
    case 'boolean':
      return { type: 'boolean', default: value };
    case 'object': {
      const entries = Object.entries(value as object);
      return {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(entries.map(([key, child]) => [key, jsonSchemaOf(child, partial)])),
        ...(partial || entries.length === 0 ? {} : { required: entries.map(([key]) => key) }),
      };
    }
    default:
      return {};
  }
}
