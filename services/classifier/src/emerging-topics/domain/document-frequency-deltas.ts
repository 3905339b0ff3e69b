/** What one case contributes to the document frequencies: one document on its day, with its terms. */
export interface CaseContribution {
  day: string;
  terms: readonly string[];
}

/** A case's contribution as stored (`before`, absent for a new case) and as it is now (`after`). */
export interface ContributionChange {
  before?: CaseContribution;
  after: CaseContribution;
}

export interface DocumentFrequencyDeltas {
  /** Per (term, day): documents to add (negative to remove). Sorted by term, then day. */
  terms: Array<{ term: string; day: string; delta: number }>;
  /** Per day: cases to add to the day's total. Sorted by day. */
  days: Array<{ day: string; delta: number }>;
}

/**
 * The changes to apply to the per-day document frequencies for a batch of cases: −before +after per
 * case, summed. A redelivered case (after = before) contributes nothing; a corrected one moves
 * exactly its own contribution (to another day, too). Zero sums are left out. Pure.
 */
export function documentFrequencyDeltas(changes: readonly ContributionChange[]): DocumentFrequencyDeltas {
  const terms = new Map<string, { term: string; day: string; delta: number }>();
  const days = new Map<string, number>();
  const apply = (contribution: CaseContribution, sign: 1 | -1) => {
    days.set(contribution.day, (days.get(contribution.day) ?? 0) + sign);
    for (const term of new Set(contribution.terms)) {
      const key = `${term}\u0000${contribution.day}`;
      const entry = terms.get(key) ?? { term, day: contribution.day, delta: 0 };
      entry.delta += sign;
      terms.set(key, entry);
    }
  };
  for (const change of changes) {
    if (change.before) apply(change.before, -1);
    apply(change.after, 1);
  }
  return {
    terms: [...terms.values()]
      .filter((entry) => entry.delta !== 0)
      .sort((a, b) => compare(a.term, b.term) || compare(a.day, b.day)),
    days: [...days.entries()]
      .filter(([, delta]) => delta !== 0)
      .map(([day, delta]) => ({ day, delta }))
      .sort((a, b) => compare(a.day, b.day)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
