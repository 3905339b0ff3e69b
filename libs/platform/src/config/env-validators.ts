import { ValidateBy, ValidationArguments, ValidationOptions } from 'class-validator';

// Validators whose messages name the bad value (not the variable: the loader prefixes that),
// so a failed start reads `PORT: "abc" is not an integer between 1 and 65535`.

const HOST_PORT = /^(?:\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9])?):(\d{1,5})$/;
const KAFKA_NAME = /^[A-Za-z0-9._-]{1,200}$/;
// Exactly what body-parser's `bytes.parse` reads; anything else it would parseInt ("1mb " → 1 byte).
const BYTE_SIZE = /^\d+(?:\.\d+)? *(?:b|kb|mb|gb)?$/i;

/** Quotes the value as it would have appeared in the environment. */
export function quoteValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function isPortNumber(text: string): boolean {
  const port = Number(text);
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** True for "host:port" or "host1:port1,host2:port2" (spaces around commas allowed). */
export function isHostPortList(value: unknown): boolean {
  if (typeof value !== 'string' || value.trim() === '') return false;
  return value.split(',').every((entry) => {
    const match = HOST_PORT.exec(entry.trim());
    return match !== null && isPortNumber(match[1]);
  });
}

export function isPostgresUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}

export function IsIntInRange(min: number, max?: number, options?: ValidationOptions): PropertyDecorator {
  const range = max === undefined ? `>= ${min}` : `between ${min} and ${max}`;
  return ValidateBy(
    {
      name: 'isIntInRange',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' &&
          Number.isInteger(value) &&
          value >= min &&
          (max === undefined || value <= max),
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} is not an integer ${range}`,
      },
    },
    options,
  );
}

export function IsHostPortList(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHostPortList',
      validator: {
        validate: isHostPortList,
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} is not a host:port list (example: 127.0.0.1:9092)`,
      },
    },
    options,
  );
}

export function IsPostgresUrl(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPostgresUrl',
      validator: {
        validate: isPostgresUrl,
        // The value is not echoed: it may hold a password.
        defaultMessage: () =>
          'is not a postgres:// or postgresql:// URL (example: postgres://user:password@127.0.0.1:5432/supportlens)',
      },
    },
    options,
  );
}

/** A size body-parser understands: a number of bytes or e.g. "512kb", "1mb". */
export function IsByteSize(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isByteSize',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && BYTE_SIZE.test(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} is not a size (examples: 1mb, 512kb, 1048576)`,
      },
    },
    options,
  );
}

/** Characters Kafka allows in client ids, group ids and topic names. */
export function IsKafkaName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isKafkaName',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && KAFKA_NAME.test(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} may only contain letters, digits, ".", "_" and "-"`,
      },
    },
    options,
  );
}

export function IsOneOf(allowed: readonly string[], options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOneOf',
      constraints: [allowed],
      validator: {
        validate: (value: unknown) => typeof value === 'string' && allowed.includes(value),
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} is not one of ${allowed.join('|')}`,
      },
    },
    options,
  );
}

export function IsBooleanValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isBooleanValue',
      validator: {
        validate: (value: unknown) => typeof value === 'boolean',
        defaultMessage: (args?: ValidationArguments) =>
          `${quoteValue(args?.value)} is not a boolean (true/false, 1/0, yes/no, on/off)`,
      },
    },
    options,
  );
}
