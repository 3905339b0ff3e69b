import { ContentTopicSettings } from './content-topic-settings';
import { growthText } from './topic-figures';

export const CONTENT_KINDS = ['how_to', 'faq', 'release_note', 'comparison'] as const;
/** The piece of content a topic calls for. */
export type ContentKind = (typeof CONTENT_KINDS)[number];

export interface ContentKindInput {
  /** The kind of the issue code (the taxonomy's), or null for a term topic. */
  issueKind: string | null;
  howToShare: number;
  growth: number | null;
}

export interface ContentKindSuggestion {
  kind: ContentKind;
  reason: string;
}

/**
 * The content a topic calls for, first rule that applies:
 *
 *   1. how-to share ≥ contentKind.howToShare, or a `how_to` code → **how_to**: customers do not know
 *      how to do it (a misunderstanding): a step-by-step article;
 *   2. a `defect` code → **release_note**: say what was fixed, or the workaround until it is;
 *   3. a `feature_request` or `praise` code → **comparison**: customers ask for or value a capability:
 *      show how the product does it against the alternatives;
 *   4. a term topic (no code yet) → **faq**: a new question in customers' own words; answer it (and
 *      consider a code for it in the taxonomy);
 *   5. growth ≥ contentKind.changeGrowth, or new → **release_note**: a sudden rise of billing,
 *      account, delivery or other questions usually follows a change (a release, a price or policy
 *      change): explain the change;
 *   6. otherwise → **faq**: a steady, common question.
 *
 * Pure.
 */
export function suggestContentKind(
  input: ContentKindInput,
  settings: ContentTopicSettings['contentKind'],
): ContentKindSuggestion {
  const share = `${Math.round(input.howToShare * 100)}%`;
  if (input.howToShare >= settings.howToShare || input.issueKind === 'how_to') {
    return { kind: 'how_to', reason: `how-to questions: ${share} of the cases ask how to do something` };
  }
  if (input.issueKind === 'defect') {
    return { kind: 'release_note', reason: 'a defect: say what was fixed, or the workaround' };
  }
  if (input.issueKind === 'feature_request' || input.issueKind === 'praise') {
    return {
      kind: 'comparison',
      reason: `${input.issueKind === 'praise' ? 'praise' : 'feature requests'}: show how the product compares`,
    };
  }
  if (input.issueKind === null) {
    return { kind: 'faq', reason: 'a new question in customers’ own words, not in the taxonomy yet' };
  }
  if (input.growth === null || input.growth >= settings.changeGrowth) {
    return {
      kind: 'release_note',
      reason: `${input.issueKind} questions ${input.growth === null ? 'appeared' : `grew ${growthText(input.growth)}`}: explain what changed`,
    };
  }
  return { kind: 'faq', reason: `a steady ${input.issueKind} question` };
}

/** The most frequent issue kind among a topic's recent cases (ties: code-point order); null when none says. */
export function dominantIssueKind(kinds: ReadonlyArray<string | null>): string | null {
  const counts = new Map<string, number>();
  for (const kind of kinds) if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  let best: string | null = null;
  for (const [kind, count] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (count > bestCount || (count === bestCount && best !== null && kind < best)) best = kind;
  }
  return best;
}
