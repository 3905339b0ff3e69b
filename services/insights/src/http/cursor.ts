import { BadRequestException } from '@nestjs/common';

/**
 * Keyset-pagination cursors: the sort key of the last item of a page, opaque to clients (base64url
 * JSON). A cursor that does not decode to the expected shape is a 400, never a silent first page.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string, shape: readonly ('string' | 'number')[]): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (
      Array.isArray(key) &&
      key.length === shape.length &&
      key.every((part, i) => typeof part === shape[i] && (typeof part !== 'number' || Number.isFinite(part)))
    )
      return key as (string | number)[];
  } catch {
    // fall through
  }
  throw new BadRequestException('cursor is not one this API returned');
}
