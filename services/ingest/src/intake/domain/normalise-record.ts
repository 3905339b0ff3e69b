/**
 * Lenient clean-up applied to what other systems send before it is validated strictly: trims text,
 * folds enum spellings (`Self-Service`, `SELF SERVICE` → `self_service`), lower-cases emails and drops
 * empty optional strings. It never invents a value; anything still wrong after it is a 400 or a DLQ
 * record. Pure, no I/O.
 */
export function normaliseRecord(input: unknown, enumFields: readonly string[]): unknown {
  if (!isObject(input)) return input;
  const record = trimStrings(input) as Record<string, unknown>;
  for (const field of enumFields) {
    if (typeof record[field] === 'string') record[field] = foldEnum(record[field] as string);
  }
  if (isObject(record.customer) && typeof record.customer.email === 'string') {
    record.customer.email = record.customer.email.toLowerCase();
  }
  return record;
}

/** Timestamps leave ingest as UTC ISO 8601 with milliseconds, whatever offset they came with. */
export function canonicalTimestamp(value: string): string {
  return new Date(value).toISOString();
}

function foldEnum(value: string): string {
  return value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function trimStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimStrings);
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const cleaned = trimStrings(child);
    // An empty string in an optional field means "not given"; required fields then fail validation clearly.
    if (cleaned === '' && key !== 'subject' && key !== 'description') continue;
    out[key] = cleaned;
  }
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
