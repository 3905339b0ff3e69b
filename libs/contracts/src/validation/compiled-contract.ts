import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import { TransformationType } from 'class-transformer';
import type { defaultMetadataStorage as ClassTransformerStorage } from 'class-transformer/types/storage';
import { getMetadataStorage, ValidationArguments, ValidationTypes } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

/**
 * A fast path in front of class-validator. class-validator (with class-transformer) costs 150–250 µs
 * per event on our contracts, half of a consumer's CPU. Here the same decorators are read once and
 * turned into a compiled Ajv validator (structural rules: types, lengths, bounds, enums, required
 * properties, nesting) plus, per property, the decorator's own `validate` for the rules JSON Schema
 * cannot say the same way (formats, patterns, cross-field rules). The decorators stay the one
 * definition; nothing is written twice.
 *
 * The fast path only ever *accepts*: anything it does not accept goes to class-validator, which decides
 * and words the errors. So a rule translated too strictly costs time, never a different verdict; a
 * class using any rule this translation does not know has no fast path at all.
 */
export type FastAccept = (plain: Record<string, unknown>) => boolean;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: typeof ClassTransformerStorage;
};

type Constructor = abstract new (...args: never[]) => unknown;
type Schema = Record<string, unknown>;

/**
 * Rules checked by the decorator's own code, after Ajv: their exact meaning stays class-validator's.
 * They run on the value before stripping, as class-validator runs a property's rules before it strips
 * the object nested in it; a rule reading `args.object` must read only the contract's own keys.
 */
const CHECKED_BY_DECORATOR = new Set([
  'isIso8601',
  'isEmail',
  'matches',
  'isNotBefore',
  'sumsTo',
  'answersAtLeastOneOf',
  'isListedSegmentPair',
]);

/** Each rule as JSON Schema, where Ajv decides exactly as class-validator's built-in does. */
const STRUCTURAL: Record<string, (constraints: unknown[]) => Schema | undefined> = {
  isString: () => ({ type: 'string' }),
  isBoolean: () => ({ type: 'boolean' }),
  // JSON carries no NaN or Infinity; decimal-place limits are not translated.
  isNumber: ([options]) =>
    (options as { maxDecimalPlaces?: number } | undefined)?.maxDecimalPlaces === undefined
      ? { type: 'number' }
      : undefined,
  isInt: () => ({ type: 'integer' }),
  isArray: () => ({ type: 'array' }),
  isObject: () => ({ type: 'object' }),
  // Ajv counts code points; validator.js also skips U+FE0E/U+FE0F, so Ajv's count is never lower: as
  // strict or stricter for a maximum (a minimum would not be, and is not translated).
  maxLength: ([max]) => ({ type: 'string', maxLength: max }),
  isNotEmpty: () => ({ not: { enum: ['', null] } }),
  min: ([min]) => ({ type: 'number', minimum: min }),
  max: ([max]) => ({ type: 'number', maximum: max }),
  isIn: ([values]) =>
    Array.isArray(values) && values.every((value) => value === null || typeof value !== 'object')
      ? { enum: values }
      : undefined,
  arrayMaxSize: ([max]) => ({ type: 'array', maxItems: max }),
  arrayMinSize: ([min]) => ({ type: 'array', minItems: min }),
};

interface DecoratorCheck {
  property: string;
  optional: boolean;
  metadata: ValidationMetadata;
  validate: (value: unknown, args: ValidationArguments) => unknown;
}

interface NestedProperty {
  property: string;
  type: Constructor;
}

interface ClassPlan {
  checks: DecoratorCheck[];
  nested: NestedProperty[];
}

class Untranslatable extends Error {}

const compiled = new Map<Constructor, FastAccept | null>();

/** The fast path for a contract class, or null when its rules cannot all be translated. Cached. */
export function fastAcceptFor(contract: Constructor): FastAccept | null {
  if (!compiled.has(contract)) compiled.set(contract, compile(contract));
  return compiled.get(contract)!;
}

function compile(root: Constructor): FastAccept | null {
  const defs: Record<string, Schema> = {};
  const plans = new Map<Constructor, ClassPlan>();
  try {
    const pending = [root];
    for (let cls = pending.shift(); cls !== undefined; cls = pending.shift()) {
      if (plans.has(cls)) continue;
      const { schema, plan } = translate(cls);
      if (defs[cls.name]) throw new Untranslatable(`two classes named ${cls.name}`);
      defs[cls.name] = schema;
      plans.set(cls, plan);
      pending.push(...plan.nested.map((nested) => nested.type));
    }
  } catch (error) {
    if (error instanceof Untranslatable) return null;
    throw error;
  }
  // Judged as given, then stripped only once accepted: a refused value must reach class-validator
  // untouched, and a decorator rule may see unknown keys (class-validator strips a nested object only
  // after its parent's rules ran: @SumsTo counts every number it is given). Own properties only: an
  // inherited value is not a property class-validator would see as set.
  const options = { allErrors: false, strictSchema: true, strictTypes: false, ownProperties: true };
  const schema = { $ref: `#/$defs/${root.name}`, $defs: defs };
  const check: ValidateFunction = new Ajv2020(options).compile(structuredClone(schema));
  // removeAdditional strips what the contract does not name, as class-validator's `whitelist` does.
  const strip: ValidateFunction = new Ajv2020({ ...options, removeAdditional: 'all' }).compile(schema);
  return (plain) => check(plain) && decoratorChecksPass(root, plain, plans) && strip(plain);
}

/** One class's JSON Schema and what Ajv leaves to the decorators. */
function translate(cls: Constructor): { schema: Schema; plan: ClassPlan } {
  const storage = getMetadataStorage();
  // Arguments as validateSync passes them without groups.
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false, undefined);
  const byProperty = new Map<string, ValidationMetadata[]>();
  for (const metadata of metadatas) {
    byProperty.set(metadata.propertyName, [...(byProperty.get(metadata.propertyName) ?? []), metadata]);
  }
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  const plan: ClassPlan = { checks: [], nested: [] };
  for (const [property, list] of byProperty) {
    if (hasTransformRules(cls, property)) throw new Untranslatable(`${cls.name}.${property} is transformed`);
    const optional = list.some(isOptionalRule);
    if (!optional) required.push(property);
    const rules: Schema[] = [];
    for (const metadata of list) {
      if (isOptionalRule(metadata)) continue;
      if (metadata.groups?.length || metadata.always) throw new Untranslatable('groups are not translated');
      if (metadata.type === ValidationTypes.IS_DEFINED) {
        rules.push({ not: { type: 'null' } });
      } else if (metadata.type === ValidationTypes.NESTED_VALIDATION) {
        const type = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction() as
          Constructor | undefined;
        if (!type) throw new Untranslatable(`${cls.name}.${property} has no @Type`);
        plan.nested.push({ property, type });
        const ref = { $ref: `#/$defs/${type.name}` };
        rules.push({ if: { type: 'array' }, then: { items: ref }, else: ref });
      } else if (metadata.type === ValidationTypes.CUSTOM_VALIDATION) {
        rules.push(...customRule(metadata, property, optional, plan));
      } else {
        throw new Untranslatable(`rule type ${metadata.type}`);
      }
    }
    const all = rules.length === 0 ? {} : { allOf: rules };
    // @IsOptional skips every rule when the value is null (or missing).
    properties[property] = optional ? { anyOf: [{ type: 'null' }, all] } : all;
  }
  return { schema: { type: 'object', properties, required }, plan };
}

function customRule(
  metadata: ValidationMetadata,
  property: string,
  optional: boolean,
  plan: ClassPlan,
): Schema[] {
  const [constraint] = getMetadataStorage().getTargetValidatorConstraints(metadata.constraintCls);
  if (!constraint || constraint.async) throw new Untranslatable(`rule ${constraint?.name ?? '?'}`);
  const name = constraint.name;
  if (CHECKED_BY_DECORATOR.has(name)) {
    if (metadata.each) throw new Untranslatable(`${name} with each`);
    const instance = constraint.instance as { validate: DecoratorCheck['validate'] };
    plan.checks.push({ property, optional, metadata, validate: instance.validate.bind(instance) });
    return [];
  }
  const schema = STRUCTURAL[name]?.(metadata.constraints ?? []);
  if (!schema) throw new Untranslatable(`rule ${name}`);
  // `each`: every item of an array, or the value itself when it is not one.
  return [metadata.each ? { if: { type: 'array' }, then: { items: schema }, else: schema } : schema];
}

function isOptionalRule(metadata: ValidationMetadata): boolean {
  return metadata.type === ValidationTypes.CONDITIONAL_VALIDATION && metadata.name === 'isOptional';
}

function hasTransformRules(cls: Constructor, property: string): boolean {
  return (
    defaultMetadataStorage.findTransformMetadatas(cls, property, TransformationType.PLAIN_TO_CLASS).length >
      0 ||
    defaultMetadataStorage.findExposeMetadata(cls, property) !== undefined ||
    defaultMetadataStorage.findExcludeMetadata(cls, property) !== undefined
  );
}

/** The decorator-checked rules of an object Ajv accepted, and of every object nested in it. */
function decoratorChecksPass(
  cls: Constructor,
  object: Record<string, unknown>,
  plans: Map<Constructor, ClassPlan>,
): boolean {
  const plan = plans.get(cls)!;
  for (const check of plan.checks) {
    const value = object[check.property];
    if (check.optional && (value === undefined || value === null)) continue;
    const args: ValidationArguments = {
      targetName: cls.name,
      property: check.property,
      object,
      value,
      constraints: check.metadata.constraints,
    };
    if (check.validate(value, args) !== true) return false;
  }
  for (const { property, type } of plan.nested) {
    const value = object[property];
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (!decoratorChecksPass(type, item as Record<string, unknown>, plans)) return false;
    }
  }
  return true;
}
