import fc from 'fast-check';
import { churnRiskSettingsProblems, DEFAULT_CHURN_RISK_SETTINGS as SETTINGS } from './churn-risk-settings';
import { ChurnSignals, noChurnSignals } from './churn-signals';
import { scoreChurnRisk, valueFactor } from './score-churn-risk';

const signals = (overrides: Partial<ChurnSignals>): ChurnSignals => ({ ...noChurnSignals(), ...overrides });

describe('scoreChurnRisk', () => {
  it('scores 0 without evidence', () => {
    expect(scoreChurnRisk(noChurnSignals(), SETTINGS)).toEqual({
      score: 0,
      baseScore: 0,
      valueFactor: 1,
      reasons: [],
      suggestedAction: null,
    });
  });

  it('adds explainable points per signal and weights by value (worked example)', () => {
    // detractor        12 + 2 × (6 − 5)                        = 14
    // low CSAT         6 × (4 − 3)                             = 6
    // repeated cases   2 × (4 − 3) + 4 × (2 − 1)               = 6
    // reopened         5 × 1                                   = 5
    // long resolution  5 × ((30 / 24 − 1) + 0)                 = 1.25   (longest 60 h < 3 × 24 h)
    // negative tone    15 × 1 / 2                              = 7.5
    // falling trend    max(2 × (8 − 5), —)                     = 6
    // base = 45.75; value factor = 1 + 0.5 × log₁₀(2000 / 1000) = 1.150515
    // score = round(45.75 × 1.150515) = round(52.636) = 53
    const result = scoreChurnRisk(
      signals({
        lastNps: 5,
        lastNpsCategory: 'detractor',
        previousNps: 8,
        lastCsat: 3,
        recentCases: 2,
        windowCases: 4,
        reopens: 1,
        topIssueCode: 'billing.invoice',
        medianResolutionHours: 30,
        maxResolutionHours: 60,
        tonedCases: 2,
        negativeToneCases: 1,
        lifetimeValue: 2000,
      }),
      SETTINGS,
    );
    expect(result.score).toBe(53);
    expect(result.baseScore).toBe(45.75);
    expect(result.valueFactor).toBe(1.15);
    expect(result.reasons).toEqual([
      { signal: 'detractor', points: 14, detail: 'last NPS 5 (detractor)' },
      { signal: 'negative_tone', points: 7.5, detail: '1 of 2 recent cases sound negative' },
      // equal points: in the order of CHURN_SIGNALS
      { signal: 'low_csat', points: 6, detail: 'last CSAT 3 of 5' },
      { signal: 'repeated_cases', points: 6, detail: '2 cases in 30 days, 4 in 90 days' },
      { signal: 'falling_trend', points: 6, detail: 'falling: NPS 8 → 5' },
      { signal: 'reopened_cases', points: 5, detail: '1 reopen in 90 days, mostly billing.invoice' },
      {
        signal: 'long_resolution',
        points: 1.25,
        detail: 'median resolution 30 h, longest 60 h (norm 24 h)',
      },
    ]);
    expect(result.suggestedAction).toMatch(/^Call within 48 h by a senior agent/);
  });

  it('caps each signal and the total (a promoter turned detractor after three reopened, escalated cases)', () => {
    // detractor 12 + 2 × 3 = 18; low CSAT 6 × 2 = 12; SERVQUAL 15 × 1.5 / 3 = 7.5;
    // repeated 0 + 4 × 2 = 8; reopened min(15, 15) = 15; escalated min(15, 18) = 15;
    // long resolution 5 × (0.5 + 96 / 72 − 1) = 4.1667; tone 15 × 2 / 3 = 10;
    // trend min(10, max(2 × 6, 4 × 3)) = 10
    // base = 99.67; factor = 1 + 0.5 × log₁₀ 5 = 1.349485; 134.5 → capped at 100
    const result = scoreChurnRisk(
      signals({
        lastNps: 3,
        lastNpsCategory: 'detractor',
        previousNps: 9,
        lastCsat: 2,
        previousCsat: 5,
        lastServqualLevel: 'dissatisfied',
        lastServqualGap: -1.5,
        recentCases: 3,
        windowCases: 3,
        reopens: 3,
        escalations: 3,
        topIssueCode: 'billing.refund',
        medianResolutionHours: 36,
        maxResolutionHours: 96,
        tonedCases: 3,
        negativeToneCases: 2,
        lifetimeValue: 5000,
      }),
      SETTINGS,
    );
    expect(result.baseScore).toBe(99.67);
    expect(result.valueFactor).toBe(1.35);
    expect(result.score).toBe(100);
    expect(result.reasons.map((reason) => [reason.signal, reason.points])).toEqual([
      ['detractor', 18],
      ['reopened_cases', 15],
      ['escalated_cases', 15],
      ['low_csat', 12],
      ['negative_tone', 10],
      ['falling_trend', 10],
      ['repeated_cases', 8],
      ['servqual_below_expectation', 7.5],
      ['long_resolution', 4.17],
    ]);
  });

  it('suggests escalating to the product owner of the issue when reopens lead', () => {
    // reopened min(15, 5 × 4) = 15; escalated 6 × 2 = 12; base 27, no value → score 27
    const result = scoreChurnRisk(
      signals({ reopens: 4, escalations: 2, topIssueCode: 'billing.refund', recentCases: 1, windowCases: 2 }),
      SETTINGS,
    );
    expect(result.score).toBe(27);
    expect(result.reasons[0].signal).toBe('reopened_cases');
    expect(result.suggestedAction).toBe(
      'Escalate to the product owner of billing.refund: the same problem keeps coming back',
    );
  });

  it('reads a detractor from the NPS answer when the category is missing, and not a passive', () => {
    expect(scoreChurnRisk(signals({ lastNps: 6 }), SETTINGS).score).toBe(12);
    expect(scoreChurnRisk(signals({ lastNps: 7, lastNpsCategory: 'passive' }), SETTINGS).score).toBe(0);
  });
});

describe('valueFactor', () => {
  it('is 1 up to the reference, grows with log₁₀ and stops at the maximum at ten times it', () => {
    expect(valueFactor(null, SETTINGS)).toBe(1);
    expect(valueFactor(0, SETTINGS)).toBe(1);
    expect(valueFactor(500, SETTINGS)).toBe(1);
    expect(valueFactor(1000, SETTINGS)).toBe(1);
    // 1 + 0.5 × log₁₀(3162.28 / 1000) = 1 + 0.5 × 0.5 = 1.25
    expect(valueFactor(1000 * Math.sqrt(10), SETTINGS)).toBeCloseTo(1.25, 10);
    expect(valueFactor(10_000, SETTINGS)).toBeCloseTo(1.5, 10);
    expect(valueFactor(1_000_000, SETTINGS)).toBe(1.5);
  });
});

describe('settings', () => {
  it('defaults are valid and a clear threshold at or above the raise threshold is refused', () => {
    expect(churnRiskSettingsProblems(SETTINGS)).toEqual([]);
    expect(churnRiskSettingsProblems({ ...SETTINGS, clearThreshold: 60 })).toContain(
      'clearThreshold must be ≥ 0 and below raiseThreshold',
    );
  });
});

describe('scoreChurnRisk properties', () => {
  const npsCategory = (nps: number) => (nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor');
  const levelOf = (gap: number) => (gap < -0.25 ? 'dissatisfied' : gap > 0.25 ? 'delighted' : 'satisfied');
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

  const arbitrarySignals: fc.Arbitrary<ChurnSignals> = fc
    .record({
      lastCsat: optional(fc.integer({ min: 1, max: 5 })),
      previousCsat: optional(fc.integer({ min: 1, max: 5 })),
      lastNps: optional(fc.integer({ min: 0, max: 10 })),
      previousNps: optional(fc.integer({ min: 0, max: 10 })),
      lastServqualGap: optional(fc.double({ min: -6, max: 6, noNaN: true })),
      recentCases: fc.nat(20),
      olderCases: fc.nat(20),
      reopens: fc.nat(20),
      escalations: fc.nat(20),
      medianResolutionHours: optional(fc.double({ min: 0, max: 1000, noNaN: true })),
      longer: fc.double({ min: 0, max: 1000, noNaN: true }),
      tonedCases: fc.nat(20),
      negativeShare: fc.double({ min: 0, max: 1, noNaN: true }),
      lifetimeValue: optional(fc.double({ min: 0, max: 1e7, noNaN: true })),
    })
    .map((r) => ({
      lastCsat: r.lastCsat,
      previousCsat: r.previousCsat,
      lastNps: r.lastNps,
      lastNpsCategory: r.lastNps === null ? null : npsCategory(r.lastNps),
      previousNps: r.previousNps,
      lastServqualLevel: r.lastServqualGap === null ? null : levelOf(r.lastServqualGap),
      lastServqualGap: r.lastServqualGap,
      recentCases: r.recentCases,
      windowCases: r.recentCases + r.olderCases,
      reopens: r.reopens,
      escalations: r.escalations,
      topIssueCode: 'billing.refund',
      medianResolutionHours: r.medianResolutionHours,
      maxResolutionHours: r.medianResolutionHours === null ? null : r.medianResolutionHours + r.longer,
      tonedCases: r.tonedCases,
      negativeToneCases: Math.floor(r.tonedCases * r.negativeShare),
      lifetimeValue: r.lifetimeValue,
    }));

  /** The same customer with more negative evidence on every signal (or the same). */
  const worse = (s: ChurnSignals, d: number[]): ChurnSignals => {
    const lastNps = s.lastNps === null ? null : Math.max(0, s.lastNps - d[0]);
    const lastGap = s.lastServqualGap === null ? null : Math.max(-6, s.lastServqualGap - d[1]);
    const median = s.medianResolutionHours === null ? null : s.medianResolutionHours + d[2];
    return {
      ...s,
      lastCsat: s.lastCsat === null ? null : Math.max(1, s.lastCsat - d[3]),
      lastNps,
      lastNpsCategory: lastNps === null ? null : npsCategory(lastNps),
      lastServqualGap: lastGap,
      lastServqualLevel: lastGap === null ? null : levelOf(lastGap),
      recentCases: s.recentCases + d[4],
      windowCases: s.windowCases + d[4] + d[5],
      reopens: s.reopens + d[6],
      escalations: s.escalations + d[7],
      medianResolutionHours: median,
      maxResolutionHours: median === null ? null : s.maxResolutionHours! + d[2] + d[8],
      tonedCases: s.tonedCases + d[9],
      negativeToneCases: s.negativeToneCases + d[9],
    };
  };

  it('scores within 0…100, as an integer, with reasons sorted by points and adding up to the base', () => {
    fc.assert(
      fc.property(arbitrarySignals, (s) => {
        const result = scoreChurnRisk(s, SETTINGS);
        expect(Number.isInteger(result.score)).toBe(true);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const points = result.reasons.map((reason) => reason.points);
        expect(points).toEqual([...points].sort((a, b) => b - a));
        expect(points.every((p) => p > 0)).toBe(true);
        const sum = points.reduce((a, b) => a + b, 0);
        expect(Math.abs(sum - result.baseScore)).toBeLessThan(0.01 * (points.length + 1));
        expect(result.suggestedAction === null).toBe(result.reasons.length === 0);
      }),
    );
  });

  it('never lowers the score for more negative evidence', () => {
    fc.assert(
      fc.property(arbitrarySignals, fc.array(fc.nat(10), { minLength: 10, maxLength: 10 }), (s, d) => {
        expect(scoreChurnRisk(worse(s, d), SETTINGS).score).toBeGreaterThanOrEqual(
          scoreChurnRisk(s, SETTINGS).score,
        );
      }),
    );
  });

  it('never lowers the score for a more valuable customer', () => {
    fc.assert(
      fc.property(arbitrarySignals, fc.double({ min: 0, max: 1e6, noNaN: true }), (s, more) => {
        const richer = { ...s, lifetimeValue: (s.lifetimeValue ?? 0) + more };
        expect(scoreChurnRisk(richer, SETTINGS).score).toBeGreaterThanOrEqual(
          scoreChurnRisk(s, SETTINGS).score,
        );
      }),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(arbitrarySignals, (s) => {
        expect(scoreChurnRisk(s, SETTINGS)).toEqual(scoreChurnRisk(structuredClone(s), SETTINGS));
      }),
    );
  });
});
