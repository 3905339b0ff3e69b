import { IsISO8601, Matches } from 'class-validator';

/**
 * RFC 3339 date-time with an explicit offset: `2026-11-02T09:00:00Z`, `2026-11-02T10:00:00.5+01:00`.
 * Year 0000 is refused: ISO 8601 allows it, but Postgres does not (it has no year 0), so a record
 * carrying it would pass validation and fail in the database.
 */
export const RFC3339_DATE_TIME =
  /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A timestamp with its offset. ISO 8601 alone would let `2026-11-02T09:00:00` through, which
 * JavaScript reads in the server's local time zone: the same record would mean a different instant
 * (and get a different event id) depending on where SupportLens runs.
 */
export function IsTimestamp(): PropertyDecorator {
  return (target: object, property: string | symbol) => {
    IsISO8601({ strict: true })(target, property as string);
    Matches(RFC3339_DATE_TIME, {
      message:
        '$property must be a date-time with a UTC offset, e.g. 2026-11-02T09:00:00Z (year 0000 is not one)',
    })(target, property as string);
  };
}
