import type { defaultMetadataStorage as ClassTransformerStorage } from 'class-transformer/types/storage';
import {
  getMetadataStorage,
  IS_DEFINED,
  IS_ISO8601,
  IS_OBJECT,
  MAX,
  MIN,
  ValidationTypes,
} from 'class-validator';
import { validationMetadataArrayToSchemas } from 'class-validator-jsonschema';
import { EventContracts } from '../event-contracts';

/**
 * JSON Schema and AsyncAPI are generated from the contract classes, never written by hand: the
 * class-validator rules are the one definition, this module only translates them.
 */

/** A JSON Schema (or any JSON object in a generated document). */
export type JsonSchema = { [keyword: string]: unknown };

/** Where the schemas live in the AsyncAPI document; `standaloneJsonSchema` rewrites it to `$defs`. */
export const SCHEMA_REF_PREFIX = '#/components/schemas/';
export const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

// The storage @Type writes to. class-transformer has no typings for its CommonJS path, so the types
// come from its `types/` folder; it must be the CommonJS module, the one `class-transformer` loads.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: typeof ClassTransformerStorage;
};

type Options = NonNullable<Parameters<typeof validationMetadataArrayToSchemas>[1]>;
type ValidationMetadata = Parameters<typeof validationMetadataArrayToSchemas>[0][number];
type Constructor = abstract new (...args: never[]) => unknown;

/** Where the library's defaults are wrong or missing for our rules. */
const CONVERTERS: Options['additionalConverters'] = {
  // Timestamps are RFC 3339 date-times (the default also allows a bare date).
  [IS_ISO8601]: { type: 'string', format: 'date-time' },
  // The defaults also say `type: number`, which could override `@IsInt` depending on decorator order.
  [MIN]: (meta) => ({ minimum: meta.constraints[0] as number }),
  [MAX]: (meta) => ({ maximum: meta.constraints[0] as number }),
  // Every @IsObject() / @IsDefined() sits on a nested class: its $ref already says `type: object`, and
  // `required` already says it must be there.
  [IS_OBJECT]: {},
  [IS_DEFINED]: {},
  // Our custom decorator (validation/is-not-before.ts): a cross-field rule JSON Schema cannot express.
  isNotBefore: (meta) => ({ description: `must not be earlier than ${String(meta.constraints[0])}` }),
  // Cross-field rules of validation/sums-to.ts and answers-something.ts, said in words.
  sumsTo: (meta) => ({ description: `the values must add up to ${String(meta.constraints[0])}` }),
  answersAtLeastOneOf: (meta) => ({
    description: `a response must answer at least one of ${(meta.constraints[0] as string[]).join(', ')}`,
  }),
};

/**
 * One JSON Schema per contract class reachable from `EventContracts` (the data classes and the classes
 * they nest), keyed by class name, with nested classes as `$ref`s to `#/components/schemas/<Class>`.
 * Required properties are exactly those without `@IsOptional`. Unknown properties are allowed: the
 * consumers strip them (a tolerant reader). Keys are sorted, so the output is deterministic.
 */
export function buildJsonSchemas(): Record<string, JsonSchema> {
  const classes = reachableClasses(Object.values(EventContracts).map((contract) => contract.dataClass));
  const schemas = validationMetadataArrayToSchemas(classes.flatMap(metadatasOf).map(withConstraintName), {
    classTransformerMetadataStorage: defaultMetadataStorage,
    refPointerPrefix: SCHEMA_REF_PREFIX,
    additionalConverters: CONVERTERS,
  });
  const missing = classes.map((cls) => cls.name).filter((name) => !(name in schemas));
  if (missing.length > 0) throw new Error(`no validation rules found for ${missing.join(', ')}`);
  return sortKeysDeep(schemas) as Record<string, JsonSchema>;
}

/**
 * The schema of one class as a standalone JSON Schema 2020-12 document: the classes it nests
 * (transitively) go into `$defs` and the references point there.
 */
export function standaloneJsonSchema(className: string, schemas = buildJsonSchemas()): JsonSchema {
  const root = schemas[className];
  if (!root) throw new Error(`no JSON Schema for ${className}`);
  const defs: Record<string, JsonSchema> = {};
  const pending = referencedClasses(root);
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    if (name === className || name in defs) continue;
    const schema = schemas[name];
    if (!schema) throw new Error(`${className} refers to ${name}, which has no schema`);
    defs[name] = schema;
    pending.push(...referencedClasses(schema));
  }
  const document: JsonSchema = { $schema: JSON_SCHEMA_DIALECT, title: className, ...root };
  if (Object.keys(defs).length > 0) document.$defs = defs;
  return sortKeysDeep(rewriteRefs(document, className)) as JsonSchema;
}

/** Object keys sorted at every level (array order kept), so generated files never churn. */
export function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
        .map((key) => [key, sortKeysDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** The data classes and every class they nest with `@ValidateNested` + `@Type`, each once. */
function reachableClasses(roots: Constructor[]): Constructor[] {
  const seen: Constructor[] = [];
  const names = new Map<string, Constructor>();
  const pending = [...roots];
  for (let cls = pending.shift(); cls !== undefined; cls = pending.shift()) {
    if (seen.includes(cls)) continue;
    // Schemas are keyed by class name: two contract classes with one name would silently merge.
    const namesake = names.get(cls.name);
    if (namesake && namesake !== cls) throw new Error(`two contract classes are named ${cls.name}`);
    names.set(cls.name, cls);
    seen.push(cls);
    for (const meta of metadatasOf(cls)) {
      if (meta.type !== ValidationTypes.NESTED_VALIDATION) continue;
      const typeMeta = defaultMetadataStorage.findTypeMetadata(cls, meta.propertyName);
      if (!typeMeta) {
        throw new Error(`${cls.name}.${meta.propertyName} is @ValidateNested without @Type(() => Class)`);
      }
      pending.push(typeMeta.typeFunction() as unknown as Constructor);
    }
  }
  return seen;
}

function metadatasOf(cls: Constructor): ValidationMetadata[] {
  // Arguments as class-validator-jsonschema's own targetConstructorToSchema passes them.
  return getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
}

/** `registerDecorator` rules are stored as `customValidation`; converters are keyed by their name. */
function withConstraintName(meta: ValidationMetadata): ValidationMetadata {
  const [constraint] = meta.constraintCls
    ? getMetadataStorage().getTargetValidatorConstraints(meta.constraintCls)
    : [];
  return { ...meta, type: constraint?.name ?? meta.type } as ValidationMetadata;
}

function referencedClasses(schema: unknown): string[] {
  const names: string[] = [];
  walk(schema, (node) => {
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith(SCHEMA_REF_PREFIX)) {
      names.push(ref.slice(SCHEMA_REF_PREFIX.length));
    }
  });
  return names;
}

function rewriteRefs(value: unknown, rootClass: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, rootClass));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => {
      if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_REF_PREFIX)) {
        const name = child.slice(SCHEMA_REF_PREFIX.length);
        return [key, name === rootClass ? '#' : `#/$defs/${name}`];
      }
      return [key, rewriteRefs(child, rootClass)];
    }),
  );
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) {
    value.forEach((item) => walk(item, visit));
  } else if (value !== null && typeof value === 'object') {
    visit(value as Record<string, unknown>);
    Object.values(value).forEach((child) => walk(child, visit));
  }
}
