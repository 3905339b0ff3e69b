import { EventContracts, fastAcceptFor, findUnstorableJson, validateContract } from '@supportlens/contracts';
import { aCase, aSurveyResponse } from '@supportlens/testing';
import { instanceToPlain } from 'class-transformer';
import { SyntheticLoad } from '../../scripts/bench/shared/synthetic-load';

/**
 * The compiled fast path may only ever accept what class-validator accepts, with the same result. This
 * holds it against class-validator on realistic records of every input contract and on thousands of
 * single-field mutations of them (missing, null, wrong type, too long, out of range, bad timestamps,
 * cross-field violations, unknown properties), each judged by both.
 */
type Plain = Record<string, unknown>;
type Contract = new () => object;

const load = new SyntheticLoad({
  seed: 7,
  customers: 50,
  namespace: 'fast-validation',
  start: new Date('2026-10-01T00:00:00Z'),
  spacingMs: 60_000,
  maxFollowUpSlots: 40,
  trendFromSlot: 100,
});
const synthetic = load.take(400);

const SEEDS: Array<{ name: string; contract: Contract; records: Plain[] }> = [
  {
    name: 'ClassifiedCase',
    contract: EventContracts.ClassifiedCase.dataClass,
    records: pick(EventContracts.ClassifiedCase.topic, 3),
  },
  {
    name: 'ScoredSurvey',
    contract: EventContracts.ScoredSurvey.dataClass,
    records: pick(EventContracts.ScoredSurvey.topic, 4),
  },
  {
    name: 'SupportCase',
    contract: EventContracts.Case.dataClass,
    records: [aCase(), aCase({ status: 'open' })],
  },
  {
    name: 'SurveyResponse',
    contract: EventContracts.Survey.dataClass,
    records: [
      aSurveyResponse(),
      jsonCopy(
        aSurveyResponse({
          comment: undefined,
          ces: undefined,
          customer: { id: 'c-2', segment: { plan: 'pro' } },
        }),
      ),
    ],
  },
  {
    name: 'CustomerErasure',
    contract: EventContracts.CustomerErasure.dataClass,
    records: [{ customerId: 'cust-1', erasedAt: '2026-11-02T10:00:00.000Z' }],
  },
];

const REPLACEMENTS: Array<[string, unknown]> = [
  ['null', null],
  ['empty string', ''],
  ['number', 7],
  ['negative', -1],
  ['fraction', 0.5],
  ['large', 1e9],
  ['boolean', true],
  ['string', 'x'],
  ['long string', 'x'.repeat(1001)],
  ['array', []],
  ['array of one', ['x']],
  ['object', {}],
  ['local time', '2026-11-02T09:00:00'],
  ['no such day', '2026-02-30T09:00:00Z'],
  ['leap second', '2026-11-02T23:59:60Z'],
  ['lower-case time', '2026-11-02t09:00:00z'],
  ['early time', '1999-01-01T00:00:00Z'],
  ['bad e-mail', 'not@'],
  ['odd e-mail', 'a@b'],
];

describe('the compiled fast path of validateContract', () => {
  it('translates every contract class', () => {
    for (const contract of Object.values(EventContracts)) {
      expect({ name: contract.dataClass.name, fast: fastAcceptFor(contract.dataClass) !== null }).toEqual({
        name: contract.dataClass.name,
        fast: true,
      });
    }
  });

  // Cases a review found where an earlier version disagreed with class-validator.
  it.each([
    [
      '@SumsTo counts a key the contract does not name (class-validator checks it before stripping)',
      EventContracts.Survey.dataClass,
      jsonCopy(aSurveyResponse({ importance: { reliability: 60, responsiveness: 40, bonus: 5 } })),
    ],
    [
      'a value refused by the fast path reaches class-validator unstripped',
      EventContracts.Survey.dataClass,
      jsonCopy(
        aSurveyResponse({
          importance: { reliability: 50, responsiveness: 45, bonus: 5 },
          comment: 'a\uFE0F'.repeat(6_000),
        }),
      ),
    ],
    [
      'an unknown object holding a "constructor" key',
      EventContracts.Case.dataClass,
      jsonCopy(aCase({ extra: { constructor: 1 } })),
    ],
    [
      'a "__proto__" key from JSON',
      EventContracts.Case.dataClass,
      JSON.parse(`{"__proto__":{"caseId":"x"},${JSON.stringify(aCase()).slice(1)}`) as Plain,
    ],
  ])('agrees with class-validator: %s', (_name, contract, record) => {
    expectSameAsClassValidator(contract, record);
  });

  it('refuses the property names __proto__ and constructor with a reason', () => {
    const result = validateContract(
      EventContracts.Case.dataClass,
      jsonCopy(aCase({ extra: { constructor: 1 } })),
    );
    expect(result).toEqual({
      valid: false,
      violations: [
        {
          field: 'extra.constructor',
          message: 'extra.constructor: "constructor" is not accepted as a property name',
        },
      ],
    });
  });

  describe.each(SEEDS)('$name', ({ contract, records }) => {
    it('has realistic seed records that both paths accept alike', () => {
      expect(records.length).toBeGreaterThan(0);
      for (const record of records) {
        expect(fastAcceptFor(contract)!(structuredClone(record))).toBe(true);
        expectSameAsClassValidator(contract, record);
      }
    });

    it('never accepts a mutation class-validator refuses, and returns the same value', () => {
      let mutations = 0;
      let refusedByBoth = 0;
      for (const record of records) {
        for (const mutated of mutationsOf(record)) {
          mutations++;
          if (!expectSameAsClassValidator(contract, mutated)) refusedByBoth++;
        }
      }
      expect(mutations).toBeGreaterThan(20);
      // The mutations do reach the rules: most of them are refused.
      expect(refusedByBoth).toBeGreaterThan(mutations / 3);
    });
  });
});

/** Returns whether the record is valid; fails the test when the two paths disagree on an accept. */
function expectSameAsClassValidator(contract: Contract, record: Plain): boolean {
  const slow = validateSlowly(contract, structuredClone(record));
  const fastCopy = structuredClone(record);
  // validateContract asks the fast path only about storable values (see findUnstorableJson).
  const fast = findUnstorableJson(record).length === 0 && fastAcceptFor(contract)!(fastCopy);
  if (fast) {
    expect({ record, verdict: slow.valid }).toEqual({ record, verdict: true });
    expect(JSON.parse(JSON.stringify(fastCopy))).toEqual(slow.value);
  }
  // validateContract itself agrees with class-validator whichever path decided.
  const result = verdictOf(() => validateContract(contract, structuredClone(record)));
  expect(result.valid).toBe(slow.valid);
  if (result.valid) expect(result.value).toEqual(slow.value);
  return slow.valid;
}

/** class-validator alone: what validateContract did before the fast path. */
function validateSlowly(contract: Contract, record: Plain): { valid: boolean; value?: unknown } {
  return verdictOf(() => validateContract(contract, record, '', { fastPath: false }));
}

/**
 * A contract check that throws (class-transformer does on a null inside a nested array) is a refusal:
 * the consumers' parser dead-letters the message as unparseable.
 */
function verdictOf(check: () => ReturnType<typeof validateContract>): { valid: boolean; value?: unknown } {
  try {
    const result = check();
    return result.valid
      ? { valid: true, value: JSON.parse(JSON.stringify(instanceToPlain(result.value))) }
      : { valid: false };
  } catch {
    return { valid: false };
  }
}

function jsonCopy(value: Plain): Plain {
  return JSON.parse(JSON.stringify(value)) as Plain;
}

function pick(topic: string, count: number): Plain[] {
  return synthetic
    .filter((event) => event.contract.topic === topic)
    .slice(0, count)
    .map((event) => jsonCopy(event.data as Plain));
}

/** Every single-field change of a record: each path replaced, removed, and an unknown key added. */
function* mutationsOf(record: Plain): Generator<Plain> {
  for (const path of pathsOf(record)) {
    yield mutate(record, path, undefined, true);
    for (const [, value] of REPLACEMENTS) yield mutate(record, path, value, false);
  }
  yield { ...record, unknownField: 1 };
}

function pathsOf(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value)
    ? value.map((item, index) => [index, item] as const)
    : Object.entries(value);
  const own = prefix.length > 0 ? [prefix] : [];
  return [...own, ...entries.flatMap(([key, child]) => pathsOf(child, [...prefix, key]))];
}

function mutate(record: Plain, path: Array<string | number>, value: unknown, remove: boolean): Plain {
  const copy = structuredClone(record);
  let parent: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (remove) delete parent[last];
  else parent[last] = structuredClone(value);
  return copy;
}
