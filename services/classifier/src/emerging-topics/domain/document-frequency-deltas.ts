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
  // Per day, per term: the running sum, and the last contribution that counted it (a term listed
  // twice in one case counts once). Keyed by day then term: no composite key string per term.
  const byDay = new Map<string, Map<string, { delta: number; countedBy: number }>>();
  const days = new Map<string, number>();
  let contributions = 0;
  const apply = (contribution: CaseContribution, sign: 1 | -1) => {
    const id = ++contributions;
    days.set(contribution.day, (days.get(contribution.day) ?? 0) + sign);
    let terms = byDay.get(contribution.day);
    if (!terms) byDay.set(contribution.day, (terms = new Map()));
    for (const term of contribution.terms) {
      const entry = terms.get(term);
      if (!entry) terms.set(term, { delta: sign, countedBy: id });
      else if (entry.countedBy !== id) {
        entry.delta += sign;
        entry.countedBy = id;
      }
    }
  };
  for (const change of changes) {
    if (change.before) apply(change.before, -1);
    apply(change.after, 1);
  }
  const terms: DocumentFrequencyDeltas['terms'] = [];
  for (const [day, entries] of byDay)
    for (const [term, { delta }] of entries) if (delta !== 0) terms.push({ term, day, delta });
  return {
    terms: terms.sort((a, b) => compare(a.term, b.term) || compare(a.day, b.day)),
    days: [...days.entries()]
      .filter(([, delta]) => delta !== 0)
      .map(([day, delta]) => ({ day, delta }))
      .sort((a, b) => compare(a.day, b.day)),
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
