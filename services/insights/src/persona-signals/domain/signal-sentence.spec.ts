import { Comparison, SignalReading } from './evaluate-segment';
import { segmentLabel, signalSentence } from './signal-sentence';

function comparison(overrides: Partial<Comparison>): Comparison {
  return {
    against: 'base',
    test: 'two-proportion-z',
    statistic: 5,
    pValue: 1e-6,
    adjustedPValue: 1e-5,
    segment: { count: 31, total: 100, share: 0.31 },
    reference: { count: 40, total: 400, share: 0.1 },
    ratio: 3.1,
    differencePoints: 21,
    differenceInterval: { low: 11, high: 30 },
    cohensH: 0.5,
    cohensD: null,
    direction: 'higher',
    meetsRaise: true,
    meetsKeep: true,
    ...overrides,
  };
}

function reading(
  dimension: SignalReading['dimension'],
  item: string,
  comparisons: SignalReading['comparisons'],
): SignalReading {
  return { key: 'k', segment: { attribute: 'industry', value: 'retail' }, dimension, item, comparisons };
}

describe('signalSentence', () => {
  it('the example of the issue: 3.1× the base, up 80% month on month', () => {
    const r = reading('issue', 'bulk_import', {
      base: comparison({}),
      past: comparison({ against: 'past', ratio: 1.8 }),
    });
    expect(signalSentence(r, 'base')).toBe(
      'retail (industry) asks 3.1× more about bulk_import than the rest of the base (31.0% of its cases vs 10.0%), up 80% month on month',
    );
  });

  it('less than the base, with no past to compare', () => {
    const r = reading('issue', 'billing.refund', {
      base: comparison({
        ratio: 0.25,
        segment: { count: 5, total: 100, share: 0.05 },
        reference: { count: 80, total: 400, share: 0.2 },
      }),
    });
    expect(signalSentence(r, 'base')).toBe(
      'retail (industry) asks 4.0× less about billing.refund than the rest of the base (5.0% of its cases vs 20.0%)',
    );
  });

  it('led by the month before when only that carries the signal', () => {
    const r = reading('issue', 'x', {
      base: comparison({ ratio: 1.2 }),
      past: comparison({
        against: 'past',
        ratio: 0.55,
        segment: { count: 11, total: 100, share: 0.11 },
        reference: { count: 20, total: 100, share: 0.2 },
      }),
    });
    expect(signalSentence(r, 'past')).toBe(
      'retail (industry) asks about x 45% less than the month before (11.0% of its cases vs 20.0%), 1.2× the rest of the base',
    );
  });

  it('new items: where the rest never asks, and for the first time', () => {
    const never = reading('issue', 'x', {
      base: comparison({ ratio: null, reference: { count: 0, total: 400, share: 0 } }),
    });
    expect(signalSentence(never, 'base')).toBe(
      'retail (industry) asks about x (31.0% of its cases) where the rest of the base never does',
    );
    const first = reading('issue', 'x', { past: comparison({ against: 'past', ratio: null }) });
    expect(signalSentence(first, 'past')).toBe(
      'retail (industry) asks about x for the first time (31.0% of its cases, none the month before)',
    );
  });

  it('channels', () => {
    const r = reading('channel', 'phone', {
      base: comparison({
        ratio: 2.05,
        segment: { count: 41, total: 100, share: 0.41 },
        reference: { count: 80, total: 400, share: 0.2 },
      }),
      past: comparison({ against: 'past', ratio: 1 }),
    });
    expect(signalSentence(r, 'base')).toBe(
      'retail (industry) uses phone 2.0× more than the rest of the base (41.0% of its cases vs 20.0%), as often as the month before',
    );
  });

  it('CSAT and NPS, in points', () => {
    const csat = reading('satisfaction', 'csat', {
      base: comparison({
        ratio: 0.75,
        differencePoints: -20,
        segment: { count: 30, total: 50, share: 0.6 },
        reference: { count: 400, total: 500, share: 0.8 },
      }),
      past: comparison({ against: 'past', differencePoints: -25 }),
    });
    expect(signalSentence(csat, 'base')).toBe(
      'retail (industry) is satisfied in 60.0% of CSAT answers vs 80.0% for the rest of the base (-20 points), down 25 points month on month',
    );
    const nps = reading('satisfaction', 'nps', {
      past: comparison({
        against: 'past',
        ratio: null,
        differencePoints: 35.5,
        segment: { total: 40, nps: 20 },
        reference: { total: 40, nps: -15.5 },
      }),
      base: comparison({ ratio: null, differencePoints: 0 }),
    });
    expect(signalSentence(nps, 'past')).toBe(
      "retail (industry)'s NPS went from -15.5 to +20 month on month (+35.5 points), level with the rest of the base",
    );
  });

  it('labels every attribute', () => {
    expect(segmentLabel({ attribute: 'companySize', value: '51-200' })).toBe('51-200 (company size)');
    expect(segmentLabel({ attribute: 'plan', value: 'enterprise' })).toBe('enterprise (plan)');
  });
});
