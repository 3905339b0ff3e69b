import { exampleText } from '../content-topics/domain/topic-evidence';
import { topicKey } from '../content-topics/domain/topic-key';
import { StoredCaseRow } from '../read-models/applied-batch';
import { windowDeltas, WindowRows } from '../windows/domain/window-contributions';
import { toWindowCase } from '../windows/window-case-row';

/** A case fact whose text an erasure scrubs: what the windows count, and the phrasing it quotes. */
export type ErasedCaseFact = StoredCaseRow & { phrasing: string | null };

/**
 * What scrubbing these case facts' text changes elsewhere, worked out from the facts as stored. Pure.
 *
 * - The windows: a fact's key terms leave `term_daily` with it (its case counts stay), so the windows
 *   remain the sum of the facts' contributions and a later version of the case is still applied as
 *   −old +new.
 * - The content topics that may quote the facts' phrasings: their issue code's, and their key terms'
 *   when they are in the term pool. Those are the topics to lock, so no detector picks an example
 *   from the facts while they are scrubbed.
 * - The examples to remove: each phrasing as an example quotes it.
 */
export function erasedCaseTextChanges(facts: readonly ErasedCaseFact[]): {
  windows: WindowRows;
  topicKeys: string[];
  examples: string[];
} {
  const before = facts.map(toWindowCase);
  const topicKeys = new Set<string>();
  for (const c of before) {
    topicKeys.add(topicKey({ kind: 'issue_code', value: c.issueCode }));
    for (const term of c.terms) topicKeys.add(topicKey({ kind: 'term', value: term }));
  }
  const examples = new Set(facts.map((fact) => exampleText(fact.phrasing ?? null)));
  examples.delete('');
  return {
    windows: windowDeltas(
      facts.map((fact, i) => ({ before: before[i], after: toWindowCase({ ...fact, terms: null }) })),
    ),
    topicKeys: [...topicKeys].sort(),
    examples: [...examples].sort(),
  };
}
