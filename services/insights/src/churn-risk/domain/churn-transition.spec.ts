import fc from 'fast-check';
import { DEFAULT_CHURN_RISK_SETTINGS as SETTINGS } from './churn-risk-settings';
import { churnTransition, ChurnRiskLevel, ChurnTransition, levelAfter } from './churn-transition';

// Defaults: raise at ≥ 60, clear below 40, update on a move of ≥ 10 points or new top reasons.
describe('churnTransition', () => {
  it('raises at the raise threshold and not below it', () => {
    expect(churnTransition(undefined, 60, SETTINGS)).toBe('raised');
    expect(churnTransition(undefined, 59, SETTINGS)).toBe('none');
    expect(churnTransition({ score: 30, level: 'cleared' }, 75, SETTINGS)).toBe('raised');
    expect(churnTransition({ score: 30, level: 'cleared' }, 55, SETTINGS)).toBe('none');
  });

  it('clears an open insight only below the clear threshold (hysteresis)', () => {
    expect(churnTransition({ score: 70, level: 'at_risk' }, 45, SETTINGS)).toBe('updated'); // 70 − 45 ≥ 10
    expect(churnTransition({ score: 45, level: 'at_risk' }, 40, SETTINGS)).toBe('none'); // 40 is not below 40
    expect(churnTransition({ score: 45, level: 'at_risk' }, 39, SETTINGS)).toBe('cleared');
  });

  it('updates an open insight when the score moves by at least minChange', () => {
    expect(churnTransition({ score: 70, level: 'at_risk' }, 79, SETTINGS)).toBe('none');
    expect(churnTransition({ score: 70, level: 'at_risk' }, 80, SETTINGS)).toBe('updated');
    expect(churnTransition({ score: 70, level: 'at_risk' }, 60, SETTINGS)).toBe('updated');
  });

  it('updates an open insight when its top reasons change', () => {
    const previous = {
      score: 70,
      level: 'at_risk' as const,
      topSignals: ['detractor', 'reopened_cases', 'low_csat'] as const,
    };
    expect(
      churnTransition(
        previous,
        { score: 72, topSignals: ['detractor', 'reopened_cases', 'low_csat'] },
        SETTINGS,
      ),
    ).toBe('none');
    // Only the first three count: a change below them is not news.
    expect(
      churnTransition(
        previous,
        { score: 72, topSignals: ['detractor', 'reopened_cases', 'low_csat', 'negative_tone'] },
        SETTINGS,
      ),
    ).toBe('none');
    expect(
      churnTransition(
        previous,
        { score: 72, topSignals: ['reopened_cases', 'detractor', 'low_csat'] },
        SETTINGS,
      ),
    ).toBe('updated');
  });

  const score = fc.integer({ min: 0, max: 100 });
  const run = (scores: number[]) => {
    let state: { score: number; level: ChurnRiskLevel } | undefined;
    const steps: Array<{ score: number; transition: ChurnTransition }> = [];
    for (const next of scores) {
      const transition = churnTransition(state, next, SETTINGS);
      const level = levelAfter(state?.level, transition);
      if (transition !== 'none') state = { score: next, level: level! };
      steps.push({ score: next, transition });
    }
    return steps;
  };

  it('raises only at ≥ raise, clears only below clear, and alternates raise and clear', () => {
    fc.assert(
      fc.property(fc.array(score, { maxLength: 50 }), (scores) => {
        let open = false;
        for (const { score: s, transition } of run(scores)) {
          if (transition === 'raised') {
            expect(open).toBe(false);
            expect(s).toBeGreaterThanOrEqual(SETTINGS.raiseThreshold);
            open = true;
          } else if (transition === 'cleared') {
            expect(open).toBe(true);
            expect(s).toBeLessThan(SETTINGS.clearThreshold);
            open = false;
          } else if (transition === 'updated') {
            expect(open).toBe(true);
            expect(s).toBeGreaterThanOrEqual(SETTINGS.clearThreshold);
          }
        }
      }),
    );
  });

  it('needs a real drop between raise and clear, and a real rise between clear and raise again', () => {
    const gap = SETTINGS.raiseThreshold - SETTINGS.clearThreshold;
    fc.assert(
      fc.property(fc.array(score, { maxLength: 50 }), (scores) => {
        let last: { score: number; transition: ChurnTransition } | undefined;
        for (const step of run(scores)) {
          if (step.transition === 'cleared' && last) expect(last.score - step.score).toBeGreaterThan(gap);
          if (step.transition === 'raised' && last) expect(step.score - last.score).toBeGreaterThan(gap);
          if (step.transition === 'raised' || step.transition === 'cleared') last = step;
        }
      }),
    );
  });

  it('never flaps while the score stays between the thresholds', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: SETTINGS.clearThreshold, max: SETTINGS.raiseThreshold - 1 }), {
          maxLength: 50,
        }),
        fc.boolean(),
        (scores, startOpen) => {
          const transitions = run([startOpen ? 100 : 0, ...scores])
            .slice(1)
            .map((step) => step.transition);
          expect(transitions.filter((t) => t === 'raised' || t === 'cleared')).toEqual([]);
        },
      ),
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(
        fc.option(fc.record({ score, level: fc.constantFrom<ChurnRiskLevel>('at_risk', 'cleared') }), {
          nil: undefined,
        }),
        score,
        (previous, next) => {
          expect(churnTransition(previous, next, SETTINGS)).toBe(churnTransition(previous, next, SETTINGS));
        },
      ),
    );
  });
});
