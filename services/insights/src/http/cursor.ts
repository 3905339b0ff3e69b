import { BadRequestException } from '@nestjs/common';

/** What each part of a cursor must be: SQL casts it, so a wrong value must be refused here (400), not there (500). */
export type CursorPart = 'string' | 'number' | 'integer' | 'timestamp';

/** Integers Postgres `int` holds. */
const INT_RANGE = 2_147_483_647;

/**
 * Keyset-pagination cursors: the sort key of the last item of a page, opaque to clients (base64url
 * JSON). A cursor that does not decode to the expected shape is a 400, never a silent first page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly CursorPart[]): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(key) && key.length === shape.length && key.every((part, i) => fits(part, shape[i])))
      return key as (string | number)[];
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not one this API returned');
}

function fits(value: unknown, part: CursorPart): boolean {
  switch (part) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value) && Math.abs(value as number) <= INT_RANGE;
    case 'timestamp':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value));
  }
}
