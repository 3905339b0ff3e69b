import fc from 'fast-check';
import { CandidateBlocker } from './assess-candidate';
import { DEFAULT_CANDIDATE_SETTINGS as SETTINGS } from './candidate-settings';
import { Programme } from './candidate-signals';
import {
  CandidateLevel,
  candidateLevelAfter,
  CandidateTransition,
  candidateTransition,
} from './candidate-transition';

const blocker = (reason: CandidateBlocker['reason']): CandidateBlocker => ({ reason, detail: reason });
const reading = (
  score: number,
  {
    raise = [],
    keep = [],
    programmes = ['caseStudy'],
  }: { raise?: CandidateBlocker[]; keep?: CandidateBlocker[]; programmes?: Programme[] } = {},
) => ({ score, programmes, raiseBlockers: raise, keepBlockers: keep });
const open = (score: number, programmes: Programme[] = ['caseStudy']) => ({
  score,
  level: 'candidate' as const,
  programmes,
});

// Defaults: update on a move of ≥ 10 points or a change of programmes.
describe('candidateTransition', () => {
  it('raises a customer who meets the raise bars, and nobody else', () => {
    expect(candidateTransition(undefined, reading(40), SETTINGS)).toBe('raised');
    expect(candidateTransition(undefined, reading(90, { raise: [blocker('not_delighted')] }), SETTINGS)).toBe(
      'none',
    );
    const withdrawn = { ...open(50), level: 'withdrawn' as const };
    expect(candidateTransition(withdrawn, reading(50), SETTINGS)).toBe('raised');
    expect(candidateTransition(withdrawn, reading(50, { raise: [blocker('no_consent')] }), SETTINGS)).toBe(
      'none',
    );
  });

  it('keeps an open candidacy that only misses the raise bars (hysteresis)', () => {
    expect(candidateTransition(open(60), reading(58, { raise: [blocker('not_delighted')] }), SETTINGS)).toBe(
      'none',
    );
  });

  it('withdraws an open candidacy that fails a keep bar: consent withdrawn, unhappy, evidence aged out', () => {
    for (const reason of ['no_consent', 'unhappy', 'no_case_resolved_well', 'churn_risk'] as const) {
      expect(
        candidateTransition(
          open(60),
          reading(60, { raise: [blocker(reason)], keep: [blocker(reason)] }),
          SETTINGS,
        ),
      ).toBe('withdrawn');
    }
  });

  it('updates when the score moves by at least minChange or the programmes change', () => {
    expect(candidateTransition(open(60), reading(69), SETTINGS)).toBe('none');
    expect(candidateTransition(open(60), reading(70), SETTINGS)).toBe('updated');
    expect(candidateTransition(open(60), reading(50), SETTINGS)).toBe('updated');
    expect(
      candidateTransition(open(60), reading(60, { programmes: ['caseStudy', 'focusGroup'] }), SETTINGS),
    ).toBe('updated');
    // Order does not matter, only the set.
    expect(
      candidateTransition(
        open(60, ['focusGroup', 'caseStudy']),
        reading(61, { programmes: ['caseStudy', 'focusGroup'] }),
        SETTINGS,
      ),
    ).toBe('none');
  });

  it('gives the level after each transition', () => {
    expect(candidateLevelAfter(undefined, 'raised')).toBe('candidate');
    expect(candidateLevelAfter('candidate', 'updated')).toBe('candidate');
    expect(candidateLevelAfter('candidate', 'withdrawn')).toBe('withdrawn');
    expect(candidateLevelAfter('withdrawn', 'none')).toBe('withdrawn');
    expect(candidateLevelAfter(undefined, 'none')).toBeUndefined();
  });

  it('alternates raised … withdrawn on any sequence of readings, so a consumer can keep state from events (property)', () => {
    const step = fc.record({
      score: fc.integer({ min: 0, max: 100 }),
      raises: fc.boolean(),
      keeps: fc.boolean(),
      programmes: fc.subarray(['caseStudy', 'reference', 'focusGroup'] as Programme[], { minLength: 1 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state: { score: number; level: CandidateLevel; programmes: Programme[] } | undefined;
        const seen: CandidateTransition[] = [];
        for (const s of steps) {
          // A reading that meets the raise bars always meets the keep bars.
          const next = reading(s.score, {
            raise: s.raises ? [] : [blocker('not_delighted')],
            keep: s.raises || s.keeps ? [] : [blocker('unhappy')],
            programmes: s.programmes,
          });
          const transition = candidateTransition(state, next, SETTINGS);
          if (transition === 'none') continue;
          seen.push(transition);
          state = {
            score: s.score,
            level: candidateLevelAfter(state?.level, transition)!,
            programmes: s.programmes,
          };
        }
        let isOpen = false;
        for (const transition of seen) {
          if (transition === 'raised') expect(isOpen).toBe(false);
          else expect(isOpen).toBe(true);
          isOpen = transition !== 'withdrawn';
        }
      }),
    );
  });
});
