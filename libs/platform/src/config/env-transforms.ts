import { Transform } from 'class-transformer';

// Environment values are strings. Implicit conversion would turn 'false' into true and 'abc'
// into NaN, so these transforms read the raw value (`obj[key]`, not the implicitly converted
// `value`) and, when it cannot be parsed, pass the raw string on so validation can quote it.

const INTEGER = /^[+-]?\d+$/;
const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** Parses an environment string such as "6" into an integer. */
export function ToInt(): PropertyDecorator {
  return Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
    const raw = key in obj ? obj[key] : value;
    if (typeof raw === 'string') {
      const trimmed = raw.trim();
      return INTEGER.test(trimmed) ? Number(trimmed) : raw;
    }
    return raw;
  });
}

/** Parses "true/false", "1/0", "yes/no", "on/off" (any case) into a boolean. */
export function ToBoolean(): PropertyDecorator {
  return Transform(({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
    const raw = key in obj ? obj[key] : value;
    if (typeof raw === 'string') {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
    }
    return raw;
  });
}
