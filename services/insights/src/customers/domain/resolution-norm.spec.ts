import { DEFAULT_CUSTOMER_PROFILE_SETTINGS } from './customer-profile-settings';
import { resolutionAgainstNorm, verdictOf } from './resolution-norm';

const SETTINGS = DEFAULT_CUSTOMER_PROFILE_SETTINGS.resolutionNorm; // minCases 5, tolerance 0.25

describe('verdictOf', () => {
  it('is in line within the band, slower above 1.25× and faster below 1/1.25 = 0.8×', () => {
    expect(verdictOf(1, 0.25)).toBe('in_line');
    expect(verdictOf(1.25, 0.25)).toBe('in_line');
    expect(verdictOf(1.26, 0.25)).toBe('slower');
    expect(verdictOf(0.8, 0.25)).toBe('in_line');
    expect(verdictOf(0.79, 0.25)).toBe('faster');
  });

  it('has no band with a zero tolerance', () => {
    expect(verdictOf(1, 0)).toBe('in_line');
    expect(verdictOf(1.001, 0)).toBe('slower');
    expect(verdictOf(0.999, 0)).toBe('faster');
  });
});

describe('resolutionAgainstNorm', () => {
  it('holds each code to its own norm and weights the codes by the customer’s resolved cases', () => {
    // billing: 3 cases, median 30 h against a norm of 10 h → 3×; onboarding: 1 case, 40 h vs 80 h → 0.5×.
    // ratio = (3 × 3 + 1 × 0.5) / 4 = 2.375; norm for the mix = (3 × 10 + 1 × 80) / 4 = 27.5 h.
    const result = resolutionAgainstNorm(
      {
        resolved: 4,
        medianHours: 32.5,
        byIssueCode: {
          onboarding: { resolved: 1, medianHours: 40 },
          billing: { resolved: 3, medianHours: 30 },
        },
      },
      { billing: { cases: 120, medianHours: 10 }, onboarding: { cases: 8, medianHours: 80 } },
      SETTINGS,
      90,
    );
    expect(result).toEqual({
      windowDays: 90,
      resolved: 4,
      medianHours: 32.5,
      normHours: 27.5,
      ratio: 2.375,
      verdict: 'slower',
      byIssueCode: [
        {
          issueCode: 'billing',
          resolved: 3,
          medianHours: 30,
          norm: { cases: 120, medianHours: 10 },
          ratio: 3,
        },
        {
          issueCode: 'onboarding',
          resolved: 1,
          medianHours: 40,
          norm: { cases: 8, medianHours: 80 },
          ratio: 0.5,
        },
      ],
    });
  });

  it('makes no norm of too few cases, and leaves those codes out of the comparison', () => {
    // onboarding has 4 cases (< 5): only billing (20 h vs 25 h = 0.8×, in the band) is compared.
    const result = resolutionAgainstNorm(
      {
        resolved: 3,
        medianHours: 20,
        byIssueCode: {
          billing: { resolved: 2, medianHours: 20 },
          onboarding: { resolved: 1, medianHours: 500 },
        },
      },
      { billing: { cases: 5, medianHours: 25 }, onboarding: { cases: 4, medianHours: 1 } },
      SETTINGS,
      90,
    );
    expect(result).toMatchObject({ normHours: 25, ratio: 0.8, verdict: 'in_line' });
    expect(result.byIssueCode[1]).toEqual({
      issueCode: 'onboarding',
      resolved: 1,
      medianHours: 500,
      norm: null,
      ratio: null,
    });
  });

  it('has no verdict without any norm, and no norm of 0 hours to divide by', () => {
    const result = resolutionAgainstNorm(
      { resolved: 1, medianHours: 2, byIssueCode: { instant: { resolved: 1, medianHours: 2 } } },
      { instant: { cases: 50, medianHours: 0 } },
      SETTINGS,
      90,
    );
    expect(result).toMatchObject({ normHours: null, ratio: null, verdict: null });
    expect(result.byIssueCode[0].norm).toBeNull();
  });

  it('says nothing for a customer without resolved cases', () => {
    expect(
      resolutionAgainstNorm({ resolved: 0, medianHours: null, byIssueCode: {} }, {}, SETTINGS, 90),
    ).toEqual({
      windowDays: 90,
      resolved: 0,
      medianHours: null,
      normHours: null,
      ratio: null,
      verdict: null,
      byIssueCode: [],
    });
  });

  it('rounds for display but judges on the exact ratio', () => {
    // 12.5 / 10 = 1.25 exactly: in line. 12.5004 / 10 = 1.25004 → shown 1.25 but slower.
    const norms = { billing: { cases: 9, medianHours: 10 } };
    const at = (hours: number) =>
      resolutionAgainstNorm(
        { resolved: 1, medianHours: hours, byIssueCode: { billing: { resolved: 1, medianHours: hours } } },
        norms,
        SETTINGS,
        90,
      );
    expect(at(12.5)).toMatchObject({ ratio: 1.25, verdict: 'in_line' });
    expect(at(12.5004)).toMatchObject({ medianHours: 12.5, ratio: 1.25, verdict: 'slower' });
  });

  it('ignores a norm for a code named like an object property', () => {
    const result = resolutionAgainstNorm(
      { resolved: 1, medianHours: 3, byIssueCode: { constructor: { resolved: 1, medianHours: 3 } } },
      {},
      SETTINGS,
      90,
    );
    expect(result.byIssueCode[0]).toMatchObject({ issueCode: 'constructor', norm: null, ratio: null });
  });
});
