/**
 * Validation of a JSON settings document against the shape of its defaults, so that a section can be
 * validated before (and without) anyone writing a DTO for it:
 *
 * - an object has the keys of the default object and no others;
 * - a number, string or boolean has the default's JSON type (numbers finite, strings storable);
 * - an array holds elements of the shape of the default's first element (complete objects); an
 *   empty default array holds any plain JSON, each element of the first one's kind;
 * - a `null` default accepts null or any scalar (its section's problems function says more).
 *
 * Objects are merged key by key (a missing key keeps the value it had); arrays and scalars are
 * replaced as a whole. Pure.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** One bad field: its path in the document (`churnRisk.windows.recentDays`, `x.items[2]`) and why. */
export interface SettingsFieldError {
  field: string;
  message: string;
}

export interface MergeOptions {
  /** `refuse`: an unknown key is an error (a request); `ignore`: it is dropped and reported (a stored document). */
  unknownKeys: 'refuse' | 'ignore';
  /** How the whole document is named when it is not an object. */
  rootName: string;
}

export interface MergeResult<T> {
  /** The base with every valid part of the patch applied (an invalid part keeps the base's value). */
  merged: T;
  errors: SettingsFieldError[];
  /** Unknown keys dropped (with `unknownKeys: 'ignore'`). */
  ignored: string[];
}

type JsonKind = 'object' | 'array' | 'number' | 'string' | 'boolean' | 'null';

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
// Postgres text and jsonb refuse U+0000 and unpaired UTF-16 surrogates.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text Postgres can store (in text and jsonb). */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !LONE_SURROGATE.test(text);
}

/** Merges `patch` over `base`, both checked against `shape` (the defaults). Neither input is changed. */
export function mergeByShape<T>(base: T, patch: unknown, shape: T, options: MergeOptions): MergeResult<T> {
  const errors: SettingsFieldError[] = [];
  const ignored: string[] = [];
  const merged = mergeValue(base as JsonValue, patch, shape as JsonValue, '', options, errors, ignored);
  // A copy: the result shares nothing with the request, the stored row or the defaults (it may be frozen).
  return { merged: structuredClone(merged) as T, errors, ignored };
}

/** Everything wrong with a complete value against the shape (every key of every object required). */
export function shapeErrors(value: unknown, shape: unknown, path = ''): SettingsFieldError[] {
  const errors: SettingsFieldError[] = [];
  checkComplete(value, shape as JsonValue, path, errors);
  return errors;
}

/**
 * What keeps a defaults document from being a usable shape: values JSON cannot carry (undefined,
 * NaN, a Date, a Map…) and arrays whose elements do not all have the first one's shape.
 */
export function defaultsShapeProblems(defaults: unknown, path = ''): string[] {
  const problems: string[] = [];
  const at = path === '' ? 'the document' : path;
  const kind = kindOf(defaults);
  if (kind === undefined) {
    problems.push(`${at} is not plain JSON (${describe(defaults)})`);
  } else if (kind === 'number' && !Number.isFinite(defaults)) {
    problems.push(`${at} is not a finite number`);
  } else if (kind === 'object') {
    for (const [key, child] of Object.entries(defaults as object)) {
      problems.push(...defaultsShapeProblems(child, childPath(path, key)));
    }
  } else if (kind === 'array') {
    const items = defaults as unknown[];
    items.forEach((item, index) => problems.push(...defaultsShapeProblems(item, `${path}[${index}]`)));
    if (items.length > 0 && problems.length === 0) {
      items.slice(1).forEach((item, index) => {
        for (const error of shapeErrors(item, items[0], `${path}[${index + 1}]`)) {
          problems.push(`${error.message} (an array's elements take the shape of its first one)`);
        }
      });
    }
  }
  return problems;
}

/** A path with one more key: `a.b`, or `a["odd key"]` for a key that is not an identifier. */
export function childPath(path: string, key: string): string {
  if (!IDENTIFIER.test(key)) return `${path}[${JSON.stringify(key)}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** The value at a dotted path (`windows.recentDays`, `items[2].name`); undefined when there is none. */
export function valueAt(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const part of path.split(/\.|\[(\d+)\]/).filter((p) => p !== undefined && p !== '')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

function mergeValue(
  base: JsonValue,
  patch: unknown,
  shape: JsonValue,
  path: string,
  options: MergeOptions,
  errors: SettingsFieldError[],
  ignored: string[],
): JsonValue {
  if (kindOf(shape) !== 'object') {
    const before = errors.length;
    checkComplete(patch, shape, path, errors);
    return errors.length === before ? (patch as JsonValue) : base;
  }
  if (kindOf(patch) !== 'object') {
    const name = path === '' ? options.rootName : path;
    errors.push({ field: name, message: `${name} must be an object` });
    return base;
  }
  const shapeObject = shape as JsonObject;
  // The base may lack keys the shape has (a stored document older than a new setting).
  const baseObject = kindOf(base) === 'object' ? (base as JsonObject) : shapeObject;
  const merged: JsonObject = {};
  for (const key of Object.keys(shapeObject)) {
    merged[key] = Object.hasOwn(baseObject, key) ? baseObject[key] : shapeObject[key];
  }
  for (const [key, value] of Object.entries(patch as object)) {
    const at = childPath(path, key);
    if (!Object.hasOwn(shapeObject, key)) {
      if (options.unknownKeys === 'ignore') ignored.push(at);
      else errors.push({ field: at, message: `${at} is not a setting (${expected(shapeObject)})` });
      continue;
    }
    merged[key] = mergeValue(merged[key], value, shapeObject[key], at, options, errors, ignored);
  }
  return merged;
}

function checkComplete(value: unknown, shape: JsonValue, path: string, errors: SettingsFieldError[]): void {
  const shapeKind = kindOf(shape);
  const kind = kindOf(value);
  const name = path === '' ? 'the value' : path;
  switch (shapeKind) {
    case 'number':
      if (kind !== 'number') errors.push({ field: path, message: `${name} must be a number` });
      else if (!Number.isFinite(value))
        errors.push({ field: path, message: `${name} must be a finite number` });
      return;
    case 'string':
      if (kind !== 'string') errors.push({ field: path, message: `${name} must be a string` });
      else if (!isStorableText(value as string)) {
        errors.push({ field: path, message: `${name} must not contain U+0000 or unpaired surrogates` });
      }
      return;
    case 'boolean':
      if (kind !== 'boolean') errors.push({ field: path, message: `${name} must be true or false` });
      return;
    case 'null':
      if (kind === 'null') return;
      if (kind === 'number' || kind === 'string' || kind === 'boolean') {
        checkComplete(value, value as JsonValue, path, errors); // finite, storable
        return;
      }
      errors.push({ field: path, message: `${name} must be null, a number, a string or a boolean` });
      return;
    case 'array':
      checkArray(value, shape as JsonValue[], path, errors);
      return;
    case 'object':
      checkObject(value, shape as JsonObject, path, errors);
      return;
    default:
      errors.push({ field: path, message: `${name} has no usable default to be checked against` });
  }
}

function checkArray(value: unknown, shape: JsonValue[], path: string, errors: SettingsFieldError[]): void {
  const name = path === '' ? 'the value' : path;
  if (!Array.isArray(value)) {
    errors.push({ field: path, message: `${name} must be an array` });
    return;
  }
  if (shape.length > 0) {
    value.forEach((item, index) => checkComplete(item, shape[0], `${path}[${index}]`, errors));
    return;
  }
  // No element to take the shape of (a weekday without opening hours, no holidays): any plain JSON,
  // each element of the first one's kind; the section's own rules say more.
  value.forEach((item, index) => {
    const at = `${path}[${index}]`;
    const kind = kindOf(item);
    if (kind !== kindOf(value[0])) {
      errors.push({ field: at, message: `${at} must be ${article(kindOf(value[0]))} like ${path}[0]` });
    } else {
      checkPlainJson(item, at, errors);
    }
  });
}

function checkObject(value: unknown, shape: JsonObject, path: string, errors: SettingsFieldError[]): void {
  const name = path === '' ? 'the value' : path;
  if (kindOf(value) !== 'object') {
    errors.push({ field: path, message: `${name} must be an object` });
    return;
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(shape)) {
    const at = childPath(path, key);
    if (!Object.hasOwn(object, key)) errors.push({ field: at, message: `${at} is required` });
    else checkComplete(object[key], shape[key], at, errors);
  }
  for (const key of Object.keys(object)) {
    if (Object.hasOwn(shape, key)) continue;
    const at = childPath(path, key);
    errors.push({ field: at, message: `${at} is not a setting (${expected(shape)})` });
  }
}

/** Any JSON value: finite numbers, storable strings, plain objects and arrays all the way down. */
function checkPlainJson(value: unknown, path: string, errors: SettingsFieldError[]): void {
  const kind = kindOf(value);
  if (kind === 'object') {
    for (const [key, child] of Object.entries(value as object))
      checkPlainJson(child, childPath(path, key), errors);
  } else if (kind === 'array') {
    (value as unknown[]).forEach((item, index) => checkPlainJson(item, `${path}[${index}]`, errors));
  } else if (kind === undefined) {
    errors.push({ field: path, message: `${path} must be plain JSON` });
  } else {
    checkComplete(value, value as JsonValue, path, errors); // finite, storable
  }
}

function article(kind: JsonKind | undefined): string {
  switch (kind) {
    case 'object':
    case 'array':
      return `an ${kind}`;
    case 'null':
      return 'null';
    default:
      return `a ${kind}`;
  }
}

function kindOf(value: unknown): JsonKind | undefined {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'object': {
      // A plain object of any realm (structuredClone and vm contexts have their own Object.prototype).
      const prototype = Object.getPrototypeOf(value) as object | null;
      const plain = prototype === null || Object.getPrototypeOf(prototype) === null;
      return plain && Object.prototype.toString.call(value) === '[object Object]' ? 'object' : undefined;
    }
    default:
      return undefined;
  }
}

function expected(shape: JsonObject): string {
  const keys = Object.keys(shape);
  return keys.length === 0 ? 'this object has no settings' : `expected ${keys.join(', ')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  return typeof value;
}
