/** A CSV document: a header row and one row per item, CRLF line ends (RFC 4180). Pure. */
export function toCsvDocument(
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<unknown>>,
): string {
  const lines = [header, ...rows].map((row) => row.map((value) => csvField(cellText(value))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** True when the client asked for CSV (`Accept: text/csv`). */
export function wantsCsv(accept: string | undefined): boolean {
  return accept?.includes('text/csv') ?? false;
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/**
 * RFC 4180 quoting, and a leading quote before =, +, -, @ so a spreadsheet never runs a cell as a
 * formula; a plain negative number stays a number.
 */
export function csvField(value: string): string {
  const safe = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
