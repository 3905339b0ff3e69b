import { evaluateSegment, ratioReaches, SignalReading } from './evaluate-segment';
import { DEFAULT_PERSONA_SIGNAL_SETTINGS, PersonaSignalSettings } from './persona-signal-settings';
import { segmentsOf } from '../../customers/domain/segments';
import { emptyWindowCounts, restOfBase, SegmentCounts, WindowCounts } from './segment-counts';

const SETTINGS = DEFAULT_PERSONA_SIGNAL_SETTINGS;
const SEGMENT = { attribute: 'industry', value: 'retail' } as const;

function window(
  issues: Record<string, number>,
  channels: Record<string, number>,
  extra: Partial<WindowCounts> = {},
): WindowCounts {
  return { ...emptyWindowCounts(), issues, channels, ...extra };
}

/** The base of a window is the segment plus the rest; tests state the rest, as the formulas do. */
function plus(a: WindowCounts, b: WindowCounts): WindowCounts {
  const add = (x: Record<string, number>, y: Record<string, number>) => {
    const out: Record<string, number> = { ...x };
    for (const [k, v] of Object.entries(y)) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  return {
    issues: add(a.issues, b.issues),
    channels: add(a.channels, b.channels),
    csat: {
      responses: a.csat.responses + b.csat.responses,
      satisfied: a.csat.satisfied + b.csat.satisfied,
    },
    nps: {
      promoters: a.nps.promoters + b.nps.promoters,
      passives: a.nps.passives + b.nps.passives,
      detractors: a.nps.detractors + b.nps.detractors,
    },
  };
}

function reading(readings: SignalReading[], key: string): SignalReading {
  const found = readings.find((r) => r.key === key);
  if (!found) throw new Error(`no reading ${key} among ${readings.map((r) => r.key).join(', ')}`);
  return found;
}

describe('evaluateSegment', () => {
  // The integration scenario's first month: the segment asks about `x` three times as often as the
  // rest of the base, and three times as often as the month before; its other codes and its
  // channels are ordinary.
  const current = window({ w: 23, x: 30, y: 24, z: 23 }, { chat: 50, email: 50 });
  const previous = window({ w: 30, x: 10, y: 30, z: 30 }, { chat: 50, email: 50 });
  const rest = window({ w: 120, x: 40, y: 120, z: 120 }, { chat: 200, email: 200 });
  const counts: SegmentCounts = { segment: SEGMENT, current, previous };

  it('finds the code the segment asks about three times as often, against the base and its own past', () => {
    const evaluation = evaluateSegment(counts, plus(current, rest), SETTINGS);
    // 4 codes × (base, past) + 2 channels × (base, past); satisfaction has no answers.
    expect(evaluation.familySize).toBe(12);
    const x = reading(evaluation.readings, 'industry=retail|issue|x');
    // Against the base: 30/100 vs 40/400. p̂ = 70/500 = 0.14, SE = √(0.14·0.86·(1/100 + 1/400)) = 0.0387943,
    // z = 0.2 / 0.0387943 = 5.155393, p = 2.531e-7 (scipy), the smallest of 12: BH × 12/1 = 3.0372e-6.
    // Newcombe 95% interval of 30% − 10%: 11.24 to 29.92 points (the Wilson intervals of each share). h = 2·asin√0.3 − 2·asin√0.1 = 0.5158.
    expect(x.comparisons.base).toEqual({
      against: 'base',
      test: 'two-proportion-z',
      statistic: 5.1554,
      pValue: 2.531e-7,
      adjustedPValue: 3.0372e-6,
      segment: { count: 30, total: 100, share: 0.3 },
      reference: { count: 40, total: 400, share: 0.1 },
      ratio: 3,
      differencePoints: 20,
      differenceInterval: { low: 11.24, high: 29.92 },
      cohensH: 0.5158,
      cohensD: null,
      direction: 'higher',
      meetsRaise: true,
      meetsKeep: true,
    });
    expect(x.comparisons.base!.pValue / 2.531000455701944e-7).toBeCloseTo(1, 5);
    // Against its past: 30/100 vs 10/100. p̂ = 0.2, SE = √(0.2·0.8·0.02) = 0.0565685, z = 3.535534,
    // p = 4.06952e-4 (scipy), second smallest: BH × 12/2 = 2.44171e-3 < 0.01, ratio 3 ≥ 1.5.
    expect(x.comparisons.past).toMatchObject({
      test: 'two-proportion-z',
      statistic: 3.5355,
      pValue: 4.06952e-4,
      adjustedPValue: 2.44171e-3,
      segment: { count: 30, total: 100, share: 0.3 },
      reference: { count: 10, total: 100, share: 0.1 },
      ratio: 3,
      differencePoints: 20,
      direction: 'higher',
      meetsRaise: true,
    });
  });

  it('finds nothing in the ordinary codes and channels (adjusted p and effect both too small)', () => {
    const evaluation = evaluateSegment(counts, plus(current, rest), SETTINGS);
    const y = reading(evaluation.readings, 'industry=retail|issue|y');
    // 24/100 vs 120/400: z = −1.185114, p = 0.235973, BH-adjusted 0.449239; ratio 0.8 (needs ≤ 1/1.5).
    expect(y.comparisons.base).toMatchObject({
      pValue: 0.235973,
      adjustedPValue: 0.449239,
      ratio: 0.8,
      direction: 'lower',
      meetsRaise: false,
      meetsKeep: false,
    });
    // 24/100 vs 30/100: z = −0.955637, p = 0.339256, adjusted 0.508884.
    expect(y.comparisons.past).toMatchObject({ pValue: 0.339256, adjustedPValue: 0.508884 });
    const chat = reading(evaluation.readings, 'industry=retail|channel|chat');
    expect(chat.comparisons.base).toMatchObject({ statistic: 0, pValue: 1, adjustedPValue: 1, ratio: 1 });
    const raised = evaluation.readings.filter((r) => Object.values(r.comparisons).some((c) => c.meetsRaise));
    expect(raised.map((r) => r.key)).toEqual(['industry=retail|issue|x']);
  });

  it('is not fooled by the segment being part of the base: the rest excludes it', () => {
    const rest = restOfBase(plus(current, window({ x: 40, y: 360 }, { chat: 400 })), current);
    expect(rest.issues).toEqual({ w: 0, x: 40, y: 360, z: 0 });
  });

  it('needs enough cases on each side, and enough of an item (observed or expected)', () => {
    const small = window({ x: 3, y: 2 }, { chat: 5 });
    const evaluation = evaluateSegment(
      { segment: SEGMENT, current: small, previous: small },
      plus(small, rest),
      SETTINGS,
    );
    expect(evaluation).toEqual({ segment: SEGMENT, familySize: 0, readings: [] });

    // A segment that never asks about a code the rest asks about in 40% of its cases: expected
    // 100 × 0.4 = 40 ≥ 5, so it is tested (Fisher: the smallest expected cell is 100 × 40/500 = 8 ≥ 5, so z).
    const never = window({ a: 100 }, { chat: 100 });
    const base = plus(never, window({ a: 240, b: 160 }, { chat: 400 }));
    const b = reading(
      evaluateSegment({ segment: SEGMENT, current: never, previous: emptyWindowCounts() }, base, SETTINGS)
        .readings,
      'industry=retail|issue|b',
    );
    expect(b.comparisons.base).toMatchObject({
      segment: { count: 0, total: 100 },
      ratio: 0,
      direction: 'lower',
      meetsRaise: true,
    });
    expect(b.comparisons.past).toBeUndefined();
  });

  it("uses Fisher's exact test when an expected cell is small", () => {
    // 6/40 vs 2/400: p̂ = 8/440, smallest expected 40 × 8/440 = 0.73 < 5 → Fisher.
    const segment = window({ rare: 6, common: 34 }, {});
    const others = window({ rare: 2, common: 398 }, {});
    const evaluation = evaluateSegment(
      { segment: SEGMENT, current: segment, previous: emptyWindowCounts() },
      plus(segment, others),
      SETTINGS,
    );
    const rare = reading(evaluation.readings, 'industry=retail|issue|rare');
    // scipy.stats.fisher_exact([[6, 34], [2, 398]]).pvalue = 9.602816360882457e-06
    expect(rare.comparisons.base).toMatchObject({
      test: 'fisher-exact',
      statistic: null,
      pValue: 9.60282e-6,
      ratio: 30,
      meetsRaise: true,
    });
  });

  it('compares CSAT and NPS with the rest of the base and with the month before', () => {
    // CSAT: 30/50 satisfied vs 400/500: p̂ = 430/550, z = (0.6 − 0.8)/√(0.781818·0.218182·(1/50 + 1/500)) = −3.2648
    // NPS: 10/10/30 (−40) vs 250/150/100 (+30): −70 points.
    const segment = window(
      {},
      {},
      {
        csat: { responses: 50, satisfied: 30 },
        nps: { promoters: 10, passives: 10, detractors: 30 },
      },
    );
    const others = window(
      {},
      {},
      {
        csat: { responses: 500, satisfied: 400 },
        nps: { promoters: 250, passives: 150, detractors: 100 },
      },
    );
    const past = window(
      {},
      {},
      {
        csat: { responses: 40, satisfied: 34 },
        nps: { promoters: 20, passives: 10, detractors: 10 },
      },
    );
    const evaluation = evaluateSegment(
      { segment: SEGMENT, current: segment, previous: past },
      plus(segment, others),
      SETTINGS,
    );
    expect(evaluation.familySize).toBe(4);
    const csat = reading(evaluation.readings, 'industry=retail|satisfaction|csat');
    expect(csat.comparisons.base).toMatchObject({
      test: 'two-proportion-z',
      statistic: -3.2648,
      segment: { count: 30, total: 50, share: 0.6 },
      reference: { count: 400, total: 500, share: 0.8 },
      differencePoints: -20,
      direction: 'lower',
      meetsRaise: true,
    });
    // Month on month: 30/50 vs 34/40 = 60% vs 85%: −25 points.
    expect(csat.comparisons.past).toMatchObject({ differencePoints: -25, direction: 'lower' });
    const nps = reading(evaluation.readings, 'industry=retail|satisfaction|nps');
    expect(nps.comparisons.base).toMatchObject({
      test: 'nps-difference-z',
      segment: { total: 50, promoters: 10, passives: 10, detractors: 30, nps: -40 },
      reference: { total: 500, promoters: 250, passives: 150, detractors: 100, nps: 30 },
      ratio: null,
      differencePoints: -70,
      cohensH: null,
      direction: 'lower',
      meetsRaise: true,
    });
  });

  it('reads the effect minimum either way: ×1.5 more or ÷1.5 less', () => {
    expect(ratioReaches(1.5, 1.5)).toBe(true);
    expect(ratioReaches(1.49, 1.5)).toBe(false);
    expect(ratioReaches(1 / 1.5, 1.5)).toBe(true);
    expect(ratioReaches(0.7, 1.5)).toBe(false);
    expect(ratioReaches(null, 1.5)).toBe(true);
  });

  it('adjusts with Holm when asked, which is stricter', () => {
    const holm: PersonaSignalSettings = { ...SETTINGS, correction: 'holm' };
    const x = reading(evaluateSegment(counts, plus(current, rest), holm).readings, 'industry=retail|issue|x');
    // Holm: smallest × 12, second × 11: 3.0372e-6 and 4.47647e-3.
    expect(x.comparisons.base!.adjustedPValue).toBeCloseTo(3.0372e-6, 9);
    expect(x.comparisons.past!.adjustedPValue).toBeCloseTo(4.47647e-3, 7);
  });
});

describe('segmentsOf', () => {
  it('one segment per attribute with a value', () => {
    expect(segmentsOf({ industry: 'retail', plan: '', region: 'emea', other: 'x' })).toEqual([
      { attribute: 'industry', value: 'retail' },
      { attribute: 'region', value: 'emea' },
    ]);
    expect(segmentsOf(undefined)).toEqual([]);
  });
});
