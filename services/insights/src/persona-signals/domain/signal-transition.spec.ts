import { Comparison, SignalReading } from './evaluate-segment';
import { DEFAULT_PERSONA_SIGNAL_SETTINGS } from './persona-signal-settings';
import { decideSignal, StoredSignal } from './signal-transition';

const SETTINGS = DEFAULT_PERSONA_SIGNAL_SETTINGS;

function comparison(overrides: Partial<Comparison>): Comparison {
  return {
    against: 'base',
    test: 'two-proportion-z',
    statistic: 5,
    pValue: 1e-6,
    adjustedPValue: 1e-5,
    segment: { count: 30, total: 100, share: 0.3 },
    reference: { count: 40, total: 400, share: 0.1 },
    ratio: 3,
    differencePoints: 20,
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
  comparisons: SignalReading['comparisons'],
  dimension: SignalReading['dimension'] = 'issue',
): SignalReading {
  return {
    key: 'industry=retail|issue|x',
    segment: { attribute: 'industry', value: 'retail' },
    dimension,
    item: 'x',
    comparisons,
  };
}

const NOT_SIGNIFICANT = { meetsRaise: false, meetsKeep: false, adjustedPValue: 0.4 };
const KEPT_ONLY = { meetsRaise: false, meetsKeep: true, adjustedPValue: 0.03 };

const open = (overrides: Partial<StoredSignal> = {}): StoredSignal => ({
  status: 'open',
  support: { base: 'higher', past: 'higher' },
  headline: 'base',
  ratio: 3,
  differencePoints: 20,
  ...overrides,
});

describe('decideSignal', () => {
  it('raises when a comparison meets the raise bar, led by the base when it is one of them', () => {
    const past = comparison({ against: 'past' });
    expect(decideSignal(undefined, reading({ base: comparison({}), past }), SETTINGS)).toEqual({
      change: 'raised',
      support: { base: 'higher', past: 'higher' },
      headline: 'base',
    });
    expect(decideSignal(undefined, reading({ base: comparison(NOT_SIGNIFICANT), past }), SETTINGS)).toEqual({
      change: 'raised',
      support: { past: 'higher' },
      headline: 'past',
    });
  });

  it('raises nothing below the bar, nor for a reading that cannot be tested', () => {
    expect(decideSignal(undefined, reading({ base: comparison(KEPT_ONLY) }), SETTINGS).change).toBe('none');
    expect(decideSignal(undefined, undefined, SETTINGS).change).toBe('none');
    const cleared = open({ status: 'cleared', support: {} });
    expect(decideSignal(cleared, reading({ base: comparison(KEPT_ONLY) }), SETTINGS).change).toBe('none');
    // A cleared signal is raised again by the raise bar.
    expect(decideSignal(cleared, reading({ base: comparison({}) }), SETTINGS).change).toBe('raised');
  });

  it('keeps an open signal between the keep and the raise bar (hysteresis), with nothing to announce', () => {
    const now = reading({
      base: comparison({ ...KEPT_ONLY, ratio: 2.6 }),
      past: comparison({ against: 'past', ...KEPT_ONLY }),
    });
    expect(decideSignal(open(), now, SETTINGS)).toEqual({
      change: 'none',
      support: { base: 'higher', past: 'higher' },
      headline: 'base',
    });
  });

  it('updates when the headline ratio moves by the update factor (×1.2 either way)', () => {
    const at = (ratio: number) =>
      decideSignal(
        open(),
        reading({ base: comparison({ ratio }), past: comparison({ against: 'past' }) }),
        SETTINGS,
      ).change;
    expect(at(3.59)).toBe('none');
    expect(at(3.6)).toBe('updated');
    expect(at(2.51)).toBe('none');
    expect(at(2.5)).toBe('updated');
  });

  it('updates when a comparison stops (or starts) carrying the signal', () => {
    // The month-on-month rise is gone, the base lift holds: updated, led by the base alone.
    const pastGone = reading({
      base: comparison({ ratio: 2.9 }),
      past: comparison({ against: 'past', ...NOT_SIGNIFICANT }),
    });
    expect(decideSignal(open(), pastGone, SETTINGS)).toEqual({
      change: 'updated',
      support: { base: 'higher' },
      headline: 'base',
    });
    // The past joins an open signal only by meeting the raise bar.
    const baseOnly = open({ support: { base: 'higher' } });
    const pastKept = reading({ base: comparison({}), past: comparison({ against: 'past', ...KEPT_ONLY }) });
    expect(decideSignal(baseOnly, pastKept, SETTINGS).change).toBe('none');
    const pastRaised = reading({ base: comparison({}), past: comparison({ against: 'past' }) });
    expect(decideSignal(baseOnly, pastRaised, SETTINGS)).toEqual({
      change: 'updated',
      support: { base: 'higher', past: 'higher' },
      headline: 'base',
    });
  });

  it('does not keep a comparison that turned the other way', () => {
    const flipped = reading({ base: comparison({ direction: 'lower', ratio: 0.3 }) });
    expect(decideSignal(open({ support: { base: 'higher' } }), flipped, SETTINGS).change).toBe('cleared');
  });

  it('clears when no comparison keeps the bar, or the item can no longer be tested', () => {
    const faded = reading({
      base: comparison({ ...NOT_SIGNIFICANT, ratio: 1.1 }),
      past: comparison({ against: 'past', ...NOT_SIGNIFICANT }),
    });
    expect(decideSignal(open(), faded, SETTINGS)).toEqual({ change: 'cleared', support: {}, headline: null });
    expect(decideSignal(open(), undefined, SETTINGS).change).toBe('cleared');
  });

  it('moves satisfaction signals by points, not ratios', () => {
    const csat = open({ support: { base: 'lower' }, ratio: 0.75, differencePoints: -20 });
    const at = (differencePoints: number) =>
      decideSignal(
        csat,
        reading({ base: comparison({ direction: 'lower', ratio: 0.7, differencePoints }) }, 'satisfaction'),
        SETTINGS,
      ).change;
    expect(at(-24.9)).toBe('none');
    expect(at(-25)).toBe('updated');
    expect(at(-15)).toBe('updated');
  });

  it('treats an infinite lift (the rest never asks) as equal only to itself', () => {
    const infinite = open({ support: { base: 'higher' }, ratio: null });
    expect(decideSignal(infinite, reading({ base: comparison({ ratio: null }) }), SETTINGS).change).toBe(
      'none',
    );
    expect(decideSignal(infinite, reading({ base: comparison({ ratio: 8 }) }), SETTINGS).change).toBe(
      'updated',
    );
  });
});
