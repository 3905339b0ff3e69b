import { cpus } from 'node:os';
import {
  INTERACTION_TYPES,
  RATING_TOPICS,
  SERVQUAL_DIMENSIONS,
  ServqualDimension,
  ServqualItem,
  SurveyResponse,
  SurveyScores,
  TopicRatings,
  validateContract,
} from '@supportlens/contracts';
import { scoreSurvey } from '../../services/survey-scoring/src/scoring/domain/score-survey';
import {
  DEFAULT_SCORING_CONFIG,
  ScoringConfig,
} from '../../services/survey-scoring/src/scoring/domain/scoring-config';

/**
 * `npm run bench:scoring`: how many survey responses the pure scorer scores per second on one core.
 *
 * Scores a fixed, seeded set of varied, realistic responses (transactional and image surveys; CSAT,
 * NPS, CES, topic ratings; short- and long-form SERVQUAL, some with the customer's own importance
 * allocation; some customers in industries with a benchmark) over and over: a warm-up first (so the
 * JIT has compiled the hot paths), then several timed runs of a fixed minimum duration. Prints the
 * median, min and max responses/second, nanoseconds per response and the Node version.
 *
 * Options: --responses N (10000), --runs N (7), --seconds S per run (1), --warmup S (1), --seed N.
 * Exits with 1 when the median is below the 50,000 responses/second the scorer must sustain.
 */

const TARGET_PER_SECOND = 50_000;

interface Options {
  responses: number;
  runs: number;
  seconds: number;
  warmup: number;
  seed: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { responses: 10_000, runs: 7, seconds: 1, warmup: 1, seed: 20_261_102 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '') as keyof Options;
    const value = Number(argv[i + 1]);
    if (!Object.hasOwn(options, name) || !Number.isFinite(value) || value <= 0) {
      throw new Error(`unknown option or bad value: ${argv[i]} ${argv[i + 1] ?? ''}`.trim());
    }
    options[name] = value;
  }
  options.runs = Math.max(5, Math.floor(options.runs)); // a median of fewer than 5 runs says little
  options.responses = Math.floor(options.responses);
  return options;
}

// ---------------------------------------------------------------------------------------------------
// A seeded, realistic data set.
// ---------------------------------------------------------------------------------------------------

/** mulberry32: a small, fast, seeded PRNG; the same seed always gives the same data set. */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Illustrative industry figures (not quoted from any study): ACSI scores 0–100, J.D. Power 0–1,000.
 * Keys in mixed case on purpose; the lookup is case-insensitive.
 */
const BENCH_CONFIG: ScoringConfig = {
  ...DEFAULT_SCORING_CONFIG,
  benchmarks: {
    retail: { source: 'acsi', score: 77 },
    Banking: { source: 'jd_power', score: 652 },
    telecommunications: { source: 'acsi', score: 71 },
    software: { source: 'acsi', score: 78 },
    Airlines: { source: 'jd_power', score: 801 },
    insurance: { source: 'jd_power', score: 867 },
  },
};
/** The customers' industries: most with a benchmark, some without, some in other spellings. */
const INDUSTRIES = [
  'retail',
  'Retail',
  'banking',
  'BANKING',
  'telecommunications',
  'software',
  'Software',
  'airlines',
  'insurance',
  'healthcare',
  'manufacturing',
  'education',
];

function generateResponses(count: number, seed: number): SurveyResponse[] {
  const random = randomSource(seed);
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  /** An answer drawn with the given relative weights for min, min + 1, … */
  const skewed = (min: number, weights: readonly number[]) => {
    let roll = random() * weights.reduce((sum, w) => sum + w, 0);
    for (let i = 0; i < weights.length; i++) if ((roll -= weights[i]) < 0) return min + i;
    return min + weights.length - 1;
  };
  const csat = () => skewed(1, [6, 7, 12, 35, 40]);
  const nps = () => skewed(0, [3, 2, 2, 3, 3, 6, 7, 12, 20, 20, 22]);
  const expectation = () => skewed(1, [1, 1, 2, 6, 14, 30, 46]);
  const perceptionFor = (expected: number) => Math.min(7, Math.max(1, expected + between(-3, 1)));
  const rating = () => {
    const expected = expectation();
    return { expectation: expected, perception: perceptionFor(expected) };
  };

  const ratings = (): TopicRatings => {
    const answered: TopicRatings = {};
    for (const topic of RATING_TOPICS)
      if (chance(topic === 'overallExperience' ? 0.8 : 0.5)) answered[topic] = csat();
    if (Object.keys(answered).length === 0) answered.overallExperience = csat();
    return answered;
  };
  const shortForm = () => {
    const answers: Partial<Record<ServqualDimension, { expectation: number; perception: number }>> = {};
    const everything = chance(0.6);
    for (const dimension of SERVQUAL_DIMENSIONS) if (everything || chance(0.6)) answers[dimension] = rating();
    if (Object.keys(answers).length === 0) answers.reliability = rating();
    return answers;
  };
  const longForm = (): ServqualItem[] => {
    const items: ServqualItem[] = [];
    for (const dimension of SERVQUAL_DIMENSIONS) {
      if (chance(0.15)) continue; // a dimension the questionnaire (or the customer) skipped
      const expected = expectation();
      for (let n = between(3, 5); n > 0; n--) {
        const itemExpectation = Math.min(7, Math.max(1, expected + between(-1, 1)));
        items.push({ dimension, expectation: itemExpectation, perception: perceptionFor(itemExpectation) });
      }
    }
    if (items.length === 0) items.push({ dimension: 'reliability', ...rating() });
    return items;
  };
  /** 100 points in steps of 5 over all five dimensions, or over three (the others left out). */
  const importance = () => {
    const dimensions = chance(0.7) ? SERVQUAL_DIMENSIONS : SERVQUAL_DIMENSIONS.slice(0, 3);
    const allocation: Partial<Record<ServqualDimension, number>> = {};
    let left = 100;
    dimensions.forEach((dimension, i) => {
      const points = i === dimensions.length - 1 ? left : 5 * between(0, left / 5);
      allocation[dimension] = points;
      left -= points;
    });
    return allocation;
  };

  const responses: SurveyResponse[] = [];
  for (let i = 0; i < count; i++) {
    const transactional = chance(0.7);
    const plain: Record<string, unknown> = {
      responseId: `R-${seed}-${i}`,
      source: pick(['qualtrics', 'medallia', 'zendesk', 'surveymonkey']),
      customer: {
        id: `cust-${between(1, 2_000)}`,
        ...(chance(0.8)
          ? { segment: { industry: pick(INDUSTRIES), plan: pick(['free', 'pro', 'enterprise']) } }
          : {}),
      },
      kind: transactional ? 'transactional' : 'image',
      respondedAt: `2026-11-${String(between(1, 30)).padStart(2, '0')}T${String(between(0, 23)).padStart(2, '0')}:15:00Z`,
    };
    if (transactional) {
      plain.interaction = pick(INTERACTION_TYPES);
      if (chance(0.6)) plain.caseId = `ZD-${between(1_000, 99_999)}`;
      if (chance(0.85)) plain.csat = csat();
      if (chance(0.5)) plain.ces = skewed(1, [4, 5, 8, 12, 22, 26, 23]);
      if (chance(0.3)) plain.nps = nps();
      if (chance(0.5)) plain.ratings = ratings();
      if (chance(0.25)) plain.servqual = shortForm();
      else if (chance(0.1)) plain.servqualItems = longForm();
      if (plain.csat === undefined && plain.ces === undefined) plain.csat = csat();
    } else {
      if (chance(0.9)) plain.nps = nps();
      if (chance(0.7)) plain.buyAgain = nps();
      if (chance(0.3)) plain.csat = csat();
      if (chance(0.35)) plain.servqual = shortForm();
      if (chance(0.35)) plain.servqualItems = longForm();
      if (plain.nps === undefined && plain.servqual === undefined) plain.nps = nps();
    }
    if ((plain.servqual || plain.servqualItems) && chance(0.35)) plain.importance = importance();
    if (chance(0.2))
      plain.comment = 'The agent was friendly but it took three tries to get the invoice fixed.';

    // Scored as the pipeline scores them: validated contract instances.
    const result = validateContract(SurveyResponse, plain);
    if (!result.valid) throw new Error(`generated an invalid response: ${JSON.stringify(result.violations)}`);
    responses.push(result.value);
  }
  return responses;
}

// ---------------------------------------------------------------------------------------------------
// Measurement.
// ---------------------------------------------------------------------------------------------------

let sink = 0; // every result feeds it, so no work can be optimised away

function consume(scores: SurveyScores): void {
  sink += (scores.satisfactionIndex ?? 0) + (scores.servqual?.weightedGap ?? 0);
}

/** Scores the whole set over and over until `seconds` have passed; returns responses/second. */
function run(responses: readonly SurveyResponse[], config: ScoringConfig, seconds: number): number {
  const budget = BigInt(Math.round(seconds * 1e9));
  const start = process.hrtime.bigint();
  let scored = 0;
  let elapsed = 0n;
  do {
    for (let i = 0; i < responses.length; i++) consume(scoreSurvey(responses[i], config));
    scored += responses.length;
    elapsed = process.hrtime.bigint() - start;
  } while (elapsed < budget);
  return scored / (Number(elapsed) / 1e9);
}

function describeMix(responses: readonly SurveyResponse[], config: ScoringConfig): string {
  let servqual = 0;
  let customerWeights = 0;
  let missing = 0;
  let benchmarked = 0;
  let image = 0;
  for (const response of responses) {
    const scores = scoreSurvey(response, config);
    const result = validateContract(SurveyScores, scores);
    if (!result.valid)
      throw new Error(`invalid scores for ${response.responseId}: ${JSON.stringify(result.violations)}`);
    if (response.kind === 'image') image++;
    if (scores.servqual) servqual++;
    if (scores.servqual?.weightSource === 'customer') customerWeights++;
    if (scores.servqual && scores.servqual.missingDimensions.length > 0) missing++;
    if (scores.benchmark) benchmarked++;
  }
  const percent = (n: number) => `${Math.round((n / responses.length) * 100)}%`;
  return (
    `image surveys ${percent(image)}, SERVQUAL ${percent(servqual)} (customer weights ${percent(customerWeights)},` +
    ` missing dimensions ${percent(missing)}), compared with a benchmark ${percent(benchmarked)}`
  );
}

const integer = (n: number) => Math.round(n).toLocaleString('en-US');

function main(): void {
  const options = parseOptions(process.argv.slice(2));
  const responses = generateResponses(options.responses, options.seed);
  const mix = describeMix(responses, BENCH_CONFIG); // also checks every output against SurveyScores

  run(responses, BENCH_CONFIG, options.warmup);
  const rates: number[] = [];
  for (let i = 0; i < options.runs; i++) rates.push(run(responses, BENCH_CONFIG, options.seconds));
  const sorted = [...rates].sort((a, b) => a - b);
  const median =
    sorted.length % 2 === 1
      ? sorted[(sorted.length - 1) / 2]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;

  const rows: Array<[string, string]> = [
    ['responses/second (median)', integer(median)],
    ['responses/second (min)', integer(sorted[0])],
    ['responses/second (max)', integer(sorted[sorted.length - 1])],
    ['ns per response (median)', (1e9 / median).toFixed(0)],
    ['runs', `${options.runs} × ≥ ${options.seconds} s, after ${options.warmup} s warm-up`],
    [
      'node',
      `${process.version} (${process.platform} ${process.arch}, ${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
    ],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  console.log(
    `survey-scoring benchmark: ${integer(responses.length)} seeded responses (seed ${options.seed}), one core`,
  );
  console.log(`mix: ${mix}`);
  console.log('');
  for (const [name, value] of rows) console.log(`  ${name.padEnd(width)}  ${value}`);
  console.log('');
  const met = median >= TARGET_PER_SECOND;
  console.log(
    `target ≥ ${integer(TARGET_PER_SECOND)} responses/second: ${met ? 'met' : 'NOT MET'} (sink ${sink.toFixed(0)}, printed so no work is optimised away)`,
  );
  if (!met) process.exitCode = 1;
}

main();
