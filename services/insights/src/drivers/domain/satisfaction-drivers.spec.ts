import { DriverCounts } from './driver-rollup';
import {
  driversPage,
  driverSortKey,
  SatisfactionDriver,
  satisfactionDrivers,
  ThemeCounts,
} from './satisfaction-drivers';

/** CSAT satisfied of answers, NPS promoters / passives / detractors; every response answered both. */
const counts = (
  satisfied: number,
  responses: number,
  [p, pa, d]: [number, number, number],
): DriverCounts => ({
  responses,
  csatResponses: responses,
  csatSatisfied: satisfied,
  npsResponses: p + pa + d,
  npsPromoters: p,
  npsPassives: pa,
  npsDetractors: d,
});
const theme = (themeKind: string, themeValue: string, c: DriverCounts): ThemeCounts => ({
  themeKind,
  themeValue,
  counts: c,
});

// A slice of 100 responses: CSAT 63 of 100 = 63 %; NPS 42 promoters, 28 passives, 30 detractors = 12.
const BASE = counts(63, 100, [42, 28, 30]);
const THEMES = [
  // 40 responses about a slow issue: CSAT 12/40 = 30 %, NPS (6 − 24) / 40 = −45.
  theme('issueCode', 'billing.slow', counts(12, 40, [6, 10, 24])),
  // 35 about another: CSAT 30/35 = 85.71 %, NPS (21 − 4) / 35 = 48.57.
  theme('issueCode', 'billing.fine', counts(30, 35, [21, 10, 4])),
  // The same 40 rated speed low, the other 60 high.
  theme('rating.speedOfResolution', 'low', counts(12, 40, [6, 10, 24])),
  theme('rating.speedOfResolution', 'high', counts(51, 60, [36, 18, 6])),
  // 80 rated overall experience high: the other side has 20 answers only (< 30): listed, not tested.
  theme('rating.overallExperience', 'high', counts(60, 80, [40, 20, 20])),
  // Too few responses to be listed (5 < 30).
  theme('issueCode', 'billing.tiny', counts(1, 5, [0, 1, 4])),
  // Not a driver: an unknown topic or bucket.
  theme('rating.colour', 'high', counts(40, 40, [40, 0, 0])),
  theme('rating.speedOfResolution', 'great', counts(40, 40, [40, 0, 0])),
];
const OPTIONS = { minResponses: 30, alpha: 0.05, correction: 'benjamini-hochberg' as const };

const byKey = (drivers: SatisfactionDriver[]) =>
  Object.fromEntries(drivers.map((d) => [`${d.themeKind}=${d.themeValue}`, d]));

describe('satisfactionDrivers', () => {
  const drivers = byKey(satisfactionDrivers(BASE, THEMES, OPTIONS));

  it('lists the themes with enough responses, nothing that is not a driver', () => {
    expect(Object.keys(drivers).sort()).toEqual([
      'issueCode=billing.fine',
      'issueCode=billing.slow',
      'rating.overallExperience=high',
      'rating.speedOfResolution=high',
      'rating.speedOfResolution=low',
    ]);
    expect(drivers['rating.speedOfResolution=low']).toMatchObject({
      kind: 'rating',
      topic: 'speedOfResolution',
      bucket: 'low',
      issueCode: null,
    });
    expect(drivers['issueCode=billing.slow']).toMatchObject({ kind: 'issueCode', issueCode: 'billing.slow' });
  });

  it('gives CSAT with and without the theme, the points, the impact and the test (worked example)', () => {
    const slow = drivers['issueCode=billing.slow'];
    expect(slow.responses).toEqual({ with: 40, without: 60, share: 0.4 });
    // Without = base − with: 63 − 12 = 51 of 100 − 40 = 60 → 85 %. Points 30 − 85 = −55.
    // Impact = overall − without = 63 − 85 = −22 = −55 × 40/100.
    // pooled 63/100: SE = √(0.63 · 0.37 · (1/40 + 1/60)) = √(0.2331 · 0.0416667) = 0.0985520;
    // z = (0.30 − 0.85) / 0.0985520 = −5.580809; p = 2 · Q(5.580809) = 2.39402e-8.
    // Benjamini–Hochberg over the 4 CSAT tests (slow, speed low and speed high share that p; fine has
    // 5.5588e-4; overall-experience is untested): p₍₃₎ · 4/3 = 3.19203e-8 < p₍₄₎ · 4/4, so the three
    // smallest all become p · 4/3.
    expect(slow.csat.with).toEqual({ responses: 40, satisfied: 12, percent: 30 });
    expect(slow.csat.without).toEqual({ responses: 60, satisfied: 51, percent: 85 });
    expect(slow.csat.overall).toBeCloseTo(63, 10);
    expect(slow.csat.points).toBeCloseTo(-55, 10);
    expect(slow.csat.impact).toBeCloseTo(-22, 10);
    expect(slow.csat.test!.z).toBeCloseTo(-5.580809, 5);
    expect(slow.csat.test!.p).toBeCloseTo(2.39402e-8, 12);
    expect(slow.csat.test!.pAdjusted).toBeCloseTo((2.39402e-8 * 4) / 3, 12);
    expect(slow.csat.test!.significant).toBe(true);
  });

  it('gives NPS with and without the theme and the Welch test (worked example)', () => {
    const slow = drivers['issueCode=billing.slow'];
    // With: 6/10/24 → −45. Without: 36/18/6 of 60 → 50. Overall 12. Points −95, impact 12 − 50 = −38.
    // var with = (0.15 + 0.6 − 0.45²) / 40 = 0.5475 / 40 = 0.0136875
    // var without = (0.6 + 0.1 − 0.5²) / 60 = 0.45 / 60 = 0.0075
    // z = (−0.45 − 0.5) / √0.0211875 = −0.95 / 0.1455593 = −6.526551; p = 6.73013e-11
    expect(slow.nps.with).toEqual({ responses: 40, promoters: 6, passives: 10, detractors: 24, score: -45 });
    expect(slow.nps.without).toEqual({
      responses: 60,
      promoters: 36,
      passives: 18,
      detractors: 6,
      score: 50,
    });
    expect(slow.nps.overall).toBeCloseTo(12, 10);
    expect(slow.nps.points).toBeCloseTo(-95, 10);
    expect(slow.nps.impact).toBeCloseTo(-38, 10);
    expect(slow.nps.test!.z).toBeCloseTo(-6.526551, 5);
    expect(slow.nps.test!.p).toBeCloseTo(6.73013e-11, 15);
    // fine's NPS p (3.4371e-4) is the largest of the 4: the three smallest become p · 4/3.
    expect(slow.nps.test!.pAdjusted).toBeCloseTo((6.73013e-11 * 4) / 3, 15);
  });

  it('keeps impact = points × share of answers, with the opposite sign for the complement', () => {
    const fine = drivers['issueCode=billing.fine'];
    // Without: 33 of 65 = 50.769 %; points 85.714 − 50.769 = 34.945; impact 63 − 50.769 = 12.231 = 34.945 × 0.35
    expect(fine.csat.points).toBeCloseTo(34.9451, 4);
    expect(fine.csat.impact).toBeCloseTo(12.2308, 4);
    expect(fine.csat.impact!).toBeCloseTo(fine.csat.points! * 0.35, 10);
    // z = 3.452274, p = 5.55882e-4, the largest CSAT p of the family: adjusted = p · 4/4.
    expect(fine.csat.test!.z).toBeCloseTo(3.452274, 5);
    expect(fine.csat.test!.pAdjusted).toBeCloseTo(5.55882e-4, 8);
    const high = drivers['rating.speedOfResolution=high'];
    expect(high.csat.points).toBeCloseTo(55, 10);
    expect(high.csat.impact).toBeCloseTo(33, 10); // 63 − 30 = 55 × 0.6
    expect(high.csat.test!.z).toBeCloseTo(5.580809, 5);
  });

  it('does not test a side with fewer answers than minResponses, nor count it in the correction', () => {
    const overall = drivers['rating.overallExperience=high'];
    // Without: 3 of 20 = 15 %; impact 63 − 15 = 48; NPS without (2 − 10) / 20 = −40, impact 52.
    expect(overall.csat.without).toEqual({ responses: 20, satisfied: 3, percent: 15 });
    expect(overall.csat.impact).toBeCloseTo(48, 10);
    expect(overall.nps.impact).toBeCloseTo(52, 10);
    expect(overall.csat.test).toBeNull();
    expect(overall.nps.test).toBeNull();
  });

  it('has no score without answers on a side, and no impact then', () => {
    const [only] = satisfactionDrivers(
      counts(5, 40, [10, 0, 0]),
      [theme('issueCode', 'x', counts(5, 40, [10, 0, 0]))],
      OPTIONS,
    );
    expect(only.csat.without).toEqual({ responses: 0, satisfied: 0, percent: null });
    expect(only.csat.points).toBeNull();
    expect(only.csat.impact).toBeNull();
    expect(only.csat.test).toBeNull();
  });

  it('applies the configured correction and significance level', () => {
    const bonferroni = byKey(
      satisfactionDrivers(BASE, THEMES, { ...OPTIONS, correction: 'bonferroni', alpha: 0.0001 }),
    );
    // fine: 5.55882e-4 · 4 = 2.22353e-3 ≥ 0.0001: not significant; slow: 2.39402e-8 · 4 is.
    expect(bonferroni['issueCode=billing.fine'].csat.test).toMatchObject({ significant: false });
    expect(bonferroni['issueCode=billing.fine'].csat.test!.pAdjusted).toBeCloseTo(2.22353e-3, 7);
    expect(bonferroni['issueCode=billing.slow'].csat.test).toMatchObject({ significant: true });
  });
});

describe('ranking and pages', () => {
  const all = satisfactionDrivers(BASE, THEMES, OPTIONS);
  const keys = (drivers: SatisfactionDriver[]) => drivers.map((d) => `${d.themeKind}=${d.themeValue}`);

  it('ranks by the larger |impact| of CSAT and NPS, ties by theme key', () => {
    // |impacts| (CSAT, NPS): speed high (33, 57) → 57; overall high (48, 52) → 52; slow and speed low
    // (22, 38) → 38, issueCode before rating; fine (12.23, 19.69) → 19.69.
    expect(keys(driversPage(all, 'impact', 10, null).items)).toEqual([
      'rating.speedOfResolution=high',
      'rating.overallExperience=high',
      'issueCode=billing.slow',
      'rating.speedOfResolution=low',
      'issueCode=billing.fine',
    ]);
    expect(keys(driversPage(all, 'csat', 10, null).items)).toEqual([
      'rating.overallExperience=high', // 48
      'rating.speedOfResolution=high', // 33
      'issueCode=billing.slow', // 22
      'rating.speedOfResolution=low', // 22
      'issueCode=billing.fine', // 12.23
    ]);
  });

  it('ranks by the smaller adjusted p-value, untested themes last', () => {
    const ranked = driversPage(all, 'p', 10, null).items;
    expect(keys(ranked)).toEqual([
      'issueCode=billing.slow',
      'rating.speedOfResolution=high',
      'rating.speedOfResolution=low',
      'issueCode=billing.fine',
      'rating.overallExperience=high',
    ]);
    expect(driverSortKey(ranked[4], 'p')).toBe(2);
  });

  it('pages with a keyset position: every driver once, in order', () => {
    const first = driversPage(all, 'impact', 2, null);
    expect(keys(first.items)).toEqual(['rating.speedOfResolution=high', 'rating.overallExperience=high']);
    expect(first.next).toEqual([-52, 'rating.overallExperience', 'high']);
    const second = driversPage(all, 'impact', 2, first.next);
    expect(keys(second.items)).toEqual(['issueCode=billing.slow', 'rating.speedOfResolution=low']);
    const third = driversPage(all, 'impact', 2, second.next);
    expect(keys(third.items)).toEqual(['issueCode=billing.fine']);
    expect(third.next).toBeNull();
    // Exactly a page's worth left: no next page.
    expect(driversPage(all, 'impact', 5, null).next).toBeNull();
  });
});
