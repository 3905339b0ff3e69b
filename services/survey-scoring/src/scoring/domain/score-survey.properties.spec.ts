import {
  NPS_CATEGORIES,
  SATISFACTION_INDEX_COMPONENTS,
  SERVQUAL_DIMENSIONS,
  SURVEY_KINDS,
  ServqualDimension,
  SurveyResponse,
  SurveyScores,
  validateContract,
} from '@supportlens/contracts';
import fc from 'fast-check';
import { npsCategoryOf } from './answer-scores';
import { importanceWeights } from './importance-weights';
import { compareLevels, qualityIndexOf, satisfactionLevelOf, weightedGapOf } from './quality-level';
import { roundWeights } from './rounding';
import { scoreSurvey } from './score-survey';
import { ScoringConfig } from './scoring-config';

// ---------------------------------------------------------------------------------------------------
// Arbitraries, matching the contracts' ranges (libs/contracts/src/surveys/*.ts, scoring-config.ts).
// ---------------------------------------------------------------------------------------------------

type Weights = Record<ServqualDimension, number>;
type Plain = Record<string, unknown>;

const word = fc.string({
  unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-'),
  minLength: 1,
  maxLength: 12,
});
const dimension = fc.constantFrom(...SERVQUAL_DIMENSIONS);
const dimensionSubset = fc.subarray([...SERVQUAL_DIMENSIONS], { minLength: 1 });
/** An answer that may also be null, which the contract's @IsOptional lets through. */
const answer = <T>(value: fc.Arbitrary<T>) => fc.option(value, { nil: null, freq: 12 });

/** Five integers ≥ 0 adding up to 100, from four cut points on 0..100. */
const pointsSumming100: fc.Arbitrary<number[]> = fc
  .array(fc.integer({ min: 0, max: 100 }), { minLength: 4, maxLength: 4 })
  .map((cuts) => {
    const [a, b, c, d] = [...cuts].sort((x, y) => x - y);
    return [a, b - a, c - b, d - c, 100 - d];
  });

/** A customer's importance allocation as the contract takes it: ints adding up to 100, 0s may be left out. */
const customerAllocation: fc.Arbitrary<Partial<Weights>> = fc
  .tuple(pointsSumming100, fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }))
  .map(([points, omitZero]) => {
    const allocation: Partial<Weights> = {};
    SERVQUAL_DIMENSIONS.forEach((d, i) => {
      if (points[i] > 0 || !omitZero[i]) allocation[d] = points[i];
    });
    return allocation;
  });

const toWeights = (points: readonly number[]): Weights =>
  Object.fromEntries(SERVQUAL_DIMENSIONS.map((d, i) => [d, points[i]])) as Weights;

/** Configured weights: ≥ 0 and adding up to 100, integers or not (33.3 + 33.3 + 33.4 …). */
const configWeights: fc.Arbitrary<Weights> = fc.oneof(
  pointsSumming100.map(toWeights),
  fc
    .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 })
    .filter((parts) => parts.reduce((s, p) => s + p, 0) > 0)
    .map((parts) => {
      const total = parts.reduce((s, p) => s + p, 0);
      return toWeights(parts.map((p) => (p * 100) / total));
    }),
);

const config: fc.Arbitrary<ScoringConfig> = fc.record({
  version: fc.integer({ min: 1, max: 1000 }),
  weights: configWeights,
  tolerance: fc.double({ min: 0, max: 3, noNaN: true }),
  benchmarks: fc.record({
    retail: fc.record({
      source: fc.constant('acsi' as const),
      score: fc.double({ min: 0, max: 100, noNaN: true }),
    }),
    Banking: fc.record({
      source: fc.constant('jd_power' as const),
      score: fc.integer({ min: 0, max: 1000 }),
    }),
  }),
});

const servqualRating = fc.record({
  expectation: fc.integer({ min: 1, max: 7 }),
  perception: fc.integer({ min: 1, max: 7 }),
});
const servqualAnswers = fc.record(
  {
    reliability: servqualRating,
    responsiveness: servqualRating,
    assurance: servqualRating,
    empathy: servqualRating,
    tangibles: servqualRating,
  },
  { requiredKeys: [] },
);
const servqualItems = fc.array(
  fc.record({
    dimension,
    expectation: fc.integer({ min: 1, max: 7 }),
    perception: fc.integer({ min: 1, max: 7 }),
  }),
  { maxLength: 20 },
);
const topicRating = fc.integer({ min: 1, max: 5 });
const ratings = fc.record(
  {
    overallExperience: topicRating,
    speedOfResolution: topicRating,
    completenessOfResolution: topicRating,
    representativeKnowledge: topicRating,
    professionalism: topicRating,
  },
  { requiredKeys: [] },
);
const industry = fc.oneof(
  fc.constantFrom('retail', 'RETAIL', 'Retail', 'banking', 'Banking', 'telecom', 'constructor', 'toString'),
  fc.string({ maxLength: 100 }),
);

/** Whether a plain response answers one of SCORED_ANSWERS, as the contract's AnswersAtLeastOneOf reads it. */
function answersSomething(plain: Plain): boolean {
  return ['csat', 'nps', 'ces', 'buyAgain', 'ratings', 'servqual', 'servqualItems'].some((field) => {
    const value = plain[field];
    if (value === undefined || value === null) return false;
    if (Array.isArray(value)) return value.length > 0;
    if (typeof value === 'object') return Object.values(value).some((part) => part !== undefined);
    return true;
  });
}

/** Any valid survey response: a transactional or image survey with any mix of answers. */
const plainResponse: fc.Arbitrary<Plain> = fc
  .record(
    {
      responseId: word,
      source: word,
      customer: fc.record(
        { id: word, segment: fc.record({ industry, plan: word }, { requiredKeys: [] }) },
        { requiredKeys: ['id'] },
      ),
      kind: fc.constantFrom(...SURVEY_KINDS),
      respondedAt: fc.constant('2026-11-02T12:00:00Z'),
      csat: answer(fc.integer({ min: 1, max: 5 })),
      nps: answer(fc.integer({ min: 0, max: 10 })),
      ces: answer(fc.integer({ min: 1, max: 7 })),
      buyAgain: answer(fc.integer({ min: 0, max: 10 })),
      ratings: answer(ratings),
      servqual: answer(servqualAnswers),
      servqualItems: answer(servqualItems),
      importance: answer(customerAllocation),
    },
    { requiredKeys: ['responseId', 'source', 'customer', 'kind', 'respondedAt'] },
  )
  .filter(answersSomething);

/** A valid response, validated (and so typed and shaped) the way the pipeline hands it to the scorer. */
const validResponse: fc.Arbitrary<SurveyResponse> = plainResponse.map((plain) => {
  const result = validateContract(SurveyResponse, plain);
  if (!result.valid)
    throw new Error(`the generator made an invalid response: ${JSON.stringify(result.violations)}`);
  return result.value;
});

/** A valid response with at least one SERVQUAL answer. */
const servqualResponse = validResponse.filter(
  (response) =>
    Object.values(response.servqual ?? {}).some((r) => r != null) ||
    (response.servqualItems ?? []).length > 0,
);

const LEVEL_RANK = { dissatisfied: 0, satisfied: 1, delighted: 2 } as const;
const NPS_RANK = { detractor: 0, passive: 1, promoter: 2 } as const;
const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

// ---------------------------------------------------------------------------------------------------

describe('scoring properties', () => {
  it('puts every NPS answer 0..10 in exactly one category, never lower for a higher answer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 0, max: 10 }), (a, b) => {
        expect(NPS_CATEGORIES).toContain(npsCategoryOf(a));
        if (a <= b) expect(NPS_RANK[npsCategoryOf(a)]).toBeLessThanOrEqual(NPS_RANK[npsCategoryOf(b)]);
      }),
    );
  });

  it('renormalises the weights of any non-empty set of dimensions to add up to 100', () => {
    fc.assert(
      fc.property(
        dimensionSubset,
        fc.option(customerAllocation),
        configWeights,
        (scored, customer, weights) => {
          const result = importanceWeights(scored, customer, weights);
          expect(result.weights).toHaveLength(scored.length);
          expect(Math.abs(sum(result.weights) - 100)).toBeLessThan(1e-9);
          for (const w of result.weights) expect(w >= 0 && w <= 100).toBe(true);
          const customerTotal = customer ? sum(scored.map((d) => customer[d] ?? 0)) : 0;
          expect(result.source).toBe(customerTotal > 0 ? 'customer' : 'config');
          // and the published (rounded) weights still add up to 100, each within one unit of its own
          const rounded = roundWeights(result.weights);
          expect(Math.abs(sum(rounded) - 100)).toBeLessThan(1e-9);
          rounded.forEach((r, i) => expect(Math.abs(r - result.weights[i])).toBeLessThan(1e-4 + 1e-12));
        },
      ),
    );
  });

  it("keeps the answered dimensions' weight ratios whatever the missing dimensions weigh", () => {
    const points = fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 });
    fc.assert(
      fc.property(dimensionSubset, points, points, (scored, a, b) => {
        // b agrees with a on the scored dimensions and says anything at all about the others
        const pointsA = toWeights(a);
        const pointsB = { ...toWeights(b), ...Object.fromEntries(scored.map((d) => [d, pointsA[d]])) };
        const fromA = importanceWeights(scored, undefined, pointsA);
        expect(importanceWeights(scored, undefined, pointsB)).toEqual(fromA);
        // the same, for a customer's allocation
        expect(importanceWeights(scored, pointsB, pointsA)).toEqual(
          importanceWeights(scored, pointsA, pointsB),
        );
        // and the ratios are the raw points' ratios
        const total = sum(scored.map((d) => pointsA[d]));
        if (total > 0) {
          scored.forEach((d, i) => expect(fromA.weights[i]).toBeCloseTo((pointsA[d] * 100) / total, 9));
        }
      }),
    );
  });

  it("leaves a response's SERVQUAL score alone when only the missing dimensions' weights change", () => {
    fc.assert(
      fc.property(
        servqualResponse,
        config,
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (response, scoring, otherPoints) => {
          const before = scoreSurvey(response, scoring).servqual!;
          const weights = { ...scoring.weights };
          SERVQUAL_DIMENSIONS.forEach((d, i) => {
            if (before.missingDimensions.includes(d)) weights[d] = otherPoints[i];
          });
          expect(scoreSurvey(response, { ...scoring, weights }).servqual).toEqual(before);
        },
      ),
    );
  });

  it('keeps the weighted gap within −6..6 and the quality index within 0..100', () => {
    fc.assert(
      fc.property(servqualResponse, config, (response, scoring) => {
        const servqual = scoreSurvey(response, scoring).servqual!;
        expect(servqual.weightedGap >= -6 && servqual.weightedGap <= 6).toBe(true);
        expect(servqual.qualityIndex >= 0 && servqual.qualityIndex <= 100).toBe(true);
        // consistent with each other and with the published weights and gaps (to the rounding)
        expect(Math.abs(servqual.qualityIndex - ((servqual.weightedGap + 6) / 12) * 100)).toBeLessThan(1e-3);
        const recomputed = sum(servqual.dimensions.map((d) => d.weight * d.gap)) / 100;
        expect(Math.abs(recomputed - servqual.weightedGap)).toBeLessThan(1e-3);
        expect(servqual.level).toBe(satisfactionLevelOf(servqual.weightedGap, scoring.tolerance));
      }),
    );
    // and for the functions on their own, on any gaps and weights
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -6, max: 6, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (gaps, points) => {
          const scored = SERVQUAL_DIMENSIONS.slice(0, gaps.length);
          const { weights } = importanceWeights(scored, undefined, toWeights(points));
          const gap = weightedGapOf(gaps, weights);
          expect(gap >= -6 && gap <= 6).toBe(true);
          const index = qualityIndexOf(gap);
          expect(index >= 0 && index <= 100).toBe(true);
        },
      ),
    );
  });

  it('never gives a lower level to a larger gap', () => {
    const gap = fc.double({ min: -6, max: 6, noNaN: true });
    fc.assert(
      fc.property(gap, gap, fc.double({ min: 0, max: 3, noNaN: true }), (a, b, tolerance) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [levelLow, levelHigh] = [
          satisfactionLevelOf(low, tolerance),
          satisfactionLevelOf(high, tolerance),
        ];
        expect(compareLevels(levelLow, levelHigh)).toBeLessThanOrEqual(0);
        expect(LEVEL_RANK[levelLow]).toBeLessThanOrEqual(LEVEL_RANK[levelHigh]);
      }),
    );
  });

  it('keeps the satisfaction index within 0..100, from the components answered and only those', () => {
    fc.assert(
      fc.property(validResponse, config, (response, scoring) => {
        const scores = scoreSurvey(response, scoring);
        const expected = SATISFACTION_INDEX_COMPONENTS.filter((component) =>
          component === 'csat'
            ? response.csat != null
            : component === 'overallExperience'
              ? response.ratings?.overallExperience != null
              : scores.servqual !== undefined,
        );
        if (expected.length === 0) {
          expect(scores.satisfactionIndex).toBeUndefined();
          expect(scores.satisfactionIndexComponents).toBeUndefined();
          expect(scores.benchmark).toBeUndefined();
          return;
        }
        expect(scores.satisfactionIndexComponents).toEqual(expected);
        expect(scores.satisfactionIndex! >= 0 && scores.satisfactionIndex! <= 100).toBe(true);
      }),
    );
  });

  it('lists every dimension once, scored or missing, in SERVQUAL order', () => {
    fc.assert(
      fc.property(servqualResponse, config, (response, scoring) => {
        const servqual = scoreSurvey(response, scoring).servqual!;
        const scored = servqual.dimensions.map((d) => d.dimension);
        expect(scored.length).toBeGreaterThan(0);
        expect([...scored, ...servqual.missingDimensions].sort()).toEqual([...SERVQUAL_DIMENSIONS].sort());
        const order = (list: readonly ServqualDimension[]) => list.map((d) => SERVQUAL_DIMENSIONS.indexOf(d));
        expect(order(scored)).toEqual([...order(scored)].sort((x, y) => x - y));
        expect(order(servqual.missingDimensions)).toEqual(
          [...order(servqual.missingDimensions)].sort((x, y) => x - y),
        );
        const items =
          Object.values(response.servqual ?? {}).filter((r) => r != null).length +
          (response.servqualItems ?? []).length;
        expect(sum(servqual.dimensions.map((d) => d.items))).toBe(items);
      }),
    );
  });

  it('produces scores that validate against the SurveyScores contract, for any valid response', () => {
    fc.assert(
      fc.property(validResponse, config, (response, scoring) => {
        const scores = scoreSurvey(response, scoring);
        const result = validateContract(SurveyScores, scores);
        if (!result.valid) throw new Error(JSON.stringify({ scores, violations: result.violations }));
        expect(result.value).toEqual(scores); // nothing the contract does not name, nothing stripped
      }),
      { numRuns: 1000 },
    );
  });

  it('is pure: the same input gives the same scores and the response is not modified', () => {
    fc.assert(
      fc.property(validResponse, config, (response, scoring) => {
        const before = JSON.stringify(response);
        const first = scoreSurvey(response, scoring);
        expect(JSON.stringify(response)).toBe(before);
        expect(scoreSurvey(response, scoring)).toEqual(first);
      }),
    );
  });
});
