import { CandidateAssessment } from './assess-candidate';
import { CandidateSettings } from './candidate-settings';
import { Programme } from './candidate-signals';

export const CANDIDATE_LEVELS = ['candidate', 'withdrawn'] as const;
export type CandidateLevel = (typeof CANDIDATE_LEVELS)[number];

export type CandidateTransition = 'raised' | 'updated' | 'withdrawn' | 'none';

/** What is stored of a customer's candidacy: what the topic's consumers last heard. */
export interface CandidateState {
  score: number;
  level: CandidateLevel;
  programmes: readonly Programme[];
}

/**
 * What a fresh assessment does to a customer's candidacy, with hysteresis so it does not flap:
 *
 *   no open candidacy (none, or withdrawn):  meets the raise bars → raised, else none
 *   open candidacy:                          fails the keep bars  → withdrawn
 *                                            programmes changed, or |Δscore| ≥ minChange → updated
 *                                            else none
 *
 * The keep bars are lower than the raise bars (a passive NPS 8 keeps a promoter's candidacy but does
 * not raise one; a case resolved 45 days ago keeps it but does not raise it), so a candidacy is only
 * withdrawn by a real change: consent withdrawn, the customer unhappy, the evidence aged out. Pure.
 */
export function candidateTransition(
  previous: CandidateState | undefined,
  next: Pick<CandidateAssessment, 'score' | 'programmes' | 'raiseBlockers' | 'keepBlockers'>,
  settings: Pick<CandidateSettings, 'minChange'>,
): CandidateTransition {
  if (previous?.level !== 'candidate') return next.raiseBlockers.length === 0 ? 'raised' : 'none';
  if (next.keepBlockers.length > 0) return 'withdrawn';
  if (!sameProgrammes(previous.programmes, next.programmes)) return 'updated';
  if (Math.abs(next.score - previous.score) >= settings.minChange) return 'updated';
  return 'none';
}

/** The level a candidacy is in after a transition (`none` keeps the previous one, or none at all). */
export function candidateLevelAfter(
  previous: CandidateLevel | undefined,
  transition: CandidateTransition,
): CandidateLevel | undefined {
  switch (transition) {
    case 'raised':
    case 'updated':
      return 'candidate';
    case 'withdrawn':
      return 'withdrawn';
    case 'none':
      return previous;
  }
}

function sameProgrammes(a: readonly Programme[], b: readonly Programme[]): boolean {
  const set = new Set(a);
  return a.length === b.length && b.every((programme) => set.has(programme));
}
