import { RATING_TOPICS, RatingTopic } from '@supportlens/contracts';
import { RATING_BUCKETS, RatingBucket } from '../../satisfaction/domain/satisfaction-groupings';
import { DriverCounts } from './driver-rollup';
import { adjustPValues, npsDifferenceZTest, PValueCorrection, twoProportionZTest, ZTest } from './statistics';

export const DRIVER_KINDS = ['issueCode', 'rating'] as const;
/** What a driver is about: the issue code of the responses' cases, or a bucket of one topic rating. */
export type DriverKind = (typeof DRIVER_KINDS)[number];

/** A theme's counts summed over the report's days, as the rollup keys it. */
export interface ThemeCounts {
  themeKind: string;
  themeValue: string;
  counts: DriverCounts;
}

export interface CsatSide {
  /** CSAT answers. */
  responses: number;
  /** Of which 4–5 (top two boxes). */
  satisfied: number;
  /** satisfied ÷ responses × 100; null without answers. */
  percent: number | null;
}

export interface NpsSide {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** %promoters − %detractors; null without answers. */
  score: number | null;
}

export interface DriverTest {
  z: number;
  /** Two-sided, before correction. */
  p: number;
  /** After the correction across the report's themes (see DriverOptions.correction). */
  pAdjusted: number;
  /** pAdjusted < alpha. */
  significant: boolean;
}

/** One metric's effect of a theme: the score with it, without it, and the test of the difference. */
export interface MetricEffect<Side> {
  with: Side;
  without: Side;
  /** The score of every response of the slice (with and without together). */
  overall: number | null;
  /** with − without, in points (percentage points for CSAT, NPS points). */
  points: number | null;
  /**
   * overall − without = points × (with answers ÷ all answers): how far the overall score would move
   * back if the theme's responses scored like the rest (negative: the theme pulls the score down).
   */
  impact: number | null;
  /** Null when either side has fewer than `minResponses` answers of this metric. */
  test: DriverTest | null;
}

export interface SatisfactionDriver {
  kind: DriverKind;
  /** `issueCode` drivers. */
  issueCode: string | null;
  /** `rating` drivers: the topic and the bucket (low 1–2, mid 3, high 4–5). */
  topic: RatingTopic | null;
  bucket: RatingBucket | null;
  /** The rollup's theme key (`issueCode` / `rating.<topic>`, and its value): the cursor's tie-break. */
  themeKind: string;
  themeValue: string;
  responses: {
    with: number;
    without: number;
    /** with ÷ (with + without): the theme's share of the slice's responses. */
    share: number;
  };
  csat: MetricEffect<CsatSide>;
  nps: MetricEffect<NpsSide>;
}

export interface DriverOptions {
  /** A theme with fewer responses is left out; a side with fewer answers of a metric is not tested. */
  minResponses: number;
  alpha: number;
  correction: PValueCorrection;
}

/**
 * The drivers of one slice over one range: for each theme, CSAT and NPS with the theme's responses
 * and without them (the slice's total minus the theme's), the difference, its impact on the overall
 * score and its test (two-proportion z for CSAT, Welch z of two NPS values for NPS). The p-values of
 * each metric are adjusted across the listed themes together (one family per metric), so a report
 * of fifty themes does not call two of them significant by chance. Unranked, unrounded. Pure.
 */
export function satisfactionDrivers(
  base: DriverCounts,
  themes: readonly ThemeCounts[],
  options: DriverOptions,
): SatisfactionDriver[] {
  const drafts = themes.flatMap((theme) => {
    const identity = themeIdentity(theme.themeKind, theme.themeValue);
    if (!identity || theme.counts.responses < Math.max(1, options.minResponses)) return [];
    return [draftDriver(identity, theme, base, options.minResponses)];
  });
  const csatP = adjustPValues(
    drafts.map((d) => d.csatTest?.p ?? null),
    options.correction,
  );
  const npsP = adjustPValues(
    drafts.map((d) => d.npsTest?.p ?? null),
    options.correction,
  );
  return drafts.map((d, i) => ({
    ...d.driver,
    csat: { ...d.driver.csat, test: finalTest(d.csatTest, csatP[i], options.alpha) },
    nps: { ...d.driver.nps, test: finalTest(d.npsTest, npsP[i], options.alpha) },
  }));
}

type Identity = Pick<
  SatisfactionDriver,
  'kind' | 'issueCode' | 'topic' | 'bucket' | 'themeKind' | 'themeValue'
>;

/** The driver a rollup theme is, or null for a row that is not one (the base, an unknown topic). */
function themeIdentity(themeKind: string, themeValue: string): Identity | null {
  if (themeKind === 'issueCode') {
    return { kind: 'issueCode', issueCode: themeValue, topic: null, bucket: null, themeKind, themeValue };
  }
  const topic = themeKind.startsWith('rating.') ? themeKind.slice('rating.'.length) : null;
  if (
    topic !== null &&
    (RATING_TOPICS as readonly string[]).includes(topic) &&
    (RATING_BUCKETS as readonly string[]).includes(themeValue)
  ) {
    return {
      kind: 'rating',
      issueCode: null,
      topic: topic as RatingTopic,
      bucket: themeValue as RatingBucket,
      themeKind,
      themeValue,
    };
  }
  return null;
}

function draftDriver(
  identity: Identity,
  theme: ThemeCounts,
  base: DriverCounts,
  minResponses: number,
): { driver: SatisfactionDriver; csatTest: ZTest | null; npsTest: ZTest | null } {
  const withCounts = theme.counts;
  const without = (count: keyof DriverCounts) => base[count] - withCounts[count];
  const csatWith = csatSide(withCounts.csatResponses, withCounts.csatSatisfied);
  const csatWithout = csatSide(without('csatResponses'), without('csatSatisfied'));
  const csatAll = csatSide(base.csatResponses, base.csatSatisfied);
  const npsWith = npsSide(withCounts.npsPromoters, withCounts.npsPassives, withCounts.npsDetractors);
  const npsWithout = npsSide(without('npsPromoters'), without('npsPassives'), without('npsDetractors'));
  const npsAll = npsSide(base.npsPromoters, base.npsPassives, base.npsDetractors);
  const tested = (a: number, b: number) => a >= minResponses && b >= minResponses;
  const csatTest = tested(csatWith.responses, csatWithout.responses)
    ? twoProportionZTest(csatWith.satisfied, csatWith.responses, csatWithout.satisfied, csatWithout.responses)
    : null;
  const npsTest = tested(npsWith.responses, npsWithout.responses)
    ? npsDifferenceZTest(npsWith, npsWithout)
    : null;
  const responsesWithout = without('responses');
  return {
    driver: {
      ...identity,
      responses: {
        with: withCounts.responses,
        without: responsesWithout,
        share: withCounts.responses / (withCounts.responses + responsesWithout),
      },
      csat: effect(csatWith, csatWithout, csatAll.percent, (s) => s.percent),
      nps: effect(npsWith, npsWithout, npsAll.score, (s) => s.score),
    },
    csatTest,
    npsTest,
  };
}

function effect<Side>(
  withSide: Side,
  withoutSide: Side,
  overall: number | null,
  score: (side: Side) => number | null,
): MetricEffect<Side> {
  const a = score(withSide);
  const b = score(withoutSide);
  return {
    with: withSide,
    without: withoutSide,
    overall,
    points: a === null || b === null ? null : a - b,
    impact: overall === null || b === null || a === null ? null : overall - b,
    test: null,
  };
}

function csatSide(responses: number, satisfied: number): CsatSide {
  return { responses, satisfied, percent: responses > 0 ? (satisfied / responses) * 100 : null };
}

function npsSide(promoters: number, passives: number, detractors: number): NpsSide {
  const responses = promoters + passives + detractors;
  return {
    responses,
    promoters,
    passives,
    detractors,
    score: responses > 0 ? ((promoters - detractors) / responses) * 100 : null,
  };
}

function finalTest(test: ZTest | null, pAdjusted: number | null, alpha: number): DriverTest | null {
  if (!test || pAdjusted === null) return null;
  return { z: test.z, p: test.p, pAdjusted, significant: pAdjusted < alpha };
}

export const DRIVER_SORTS = ['impact', 'csat', 'nps', 'p'] as const;
/**
 * `impact`: the larger of |CSAT impact| and |NPS impact| first; `csat` / `nps`: that metric's |impact|
 * first; `p`: the smallest adjusted p-value (of either metric) first. Ties by theme key.
 */
export type DriverSort = (typeof DRIVER_SORTS)[number];

/**
 * The number a driver is ordered by, ascending, for a sort: −|impact| (so the largest first) or the
 * adjusted p-value; a driver without the figure sorts after every driver with one. It is what a
 * keyset cursor holds. Pure.
 */
export function driverSortKey(driver: SatisfactionDriver, sort: DriverSort): number {
  if (sort === 'p') {
    const ps = [driver.csat.test?.pAdjusted, driver.nps.test?.pAdjusted].filter(isNumber);
    return ps.length > 0 ? Math.min(...ps) : 2;
  }
  const impacts = (
    sort === 'csat'
      ? [driver.csat.impact]
      : sort === 'nps'
        ? [driver.nps.impact]
        : [driver.csat.impact, driver.nps.impact]
  ).filter(isNumber);
  return impacts.length > 0 ? -Math.max(...impacts.map(Math.abs)) : 1;
}

/** Where a driver stands in a ranking: its sort key, then its theme key. */
export type DriverPosition = [sortKey: number, themeKind: string, themeValue: string];

export function driverPosition(driver: SatisfactionDriver, sort: DriverSort): DriverPosition {
  return [driverSortKey(driver, sort), driver.themeKind, driver.themeValue];
}

export function comparePositions(a: DriverPosition, b: DriverPosition): number {
  return a[0] - b[0] || compareText(a[1], b[1]) || compareText(a[2], b[2]);
}

/**
 * One page of the ranking: the drivers after `after` (a keyset position, exclusive) in ranking order,
 * at most `limit`, and the position to continue from when more follow. Pure.
 */
export function driversPage(
  drivers: readonly SatisfactionDriver[],
  sort: DriverSort,
  limit: number,
  after: DriverPosition | null,
): { items: SatisfactionDriver[]; next: DriverPosition | null } {
  const ranked = drivers
    .map((driver) => ({ driver, position: driverPosition(driver, sort) }))
    .filter(({ position }) => after === null || comparePositions(position, after) > 0)
    .sort((a, b) => comparePositions(a.position, b.position));
  const page = ranked.slice(0, limit);
  return {
    items: page.map(({ driver }) => driver),
    next: ranked.length > limit ? page[page.length - 1].position : null,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isNumber(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
