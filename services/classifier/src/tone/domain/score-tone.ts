import Sentiment from 'sentiment';
import englishLabels from 'sentiment/languages/en/labels.json';
import englishNegators from 'sentiment/languages/en/negators.json';

export type ToneLabel = 'negative' | 'neutral' | 'positive';

export interface Tone {
  /** −1 (very negative) … +1 (very positive). */
  score: number;
  label: ToneLabel;
}

/**
 * Support-domain corrections to AFINN-165, kept small; each one fixes a word whose general-English
 * sense is not its sense in a help-desk message (the reasons are in docs/text-signals.md):
 */
export const SUPPORT_EXTRAS: Readonly<Record<string, number>> = {
  // Neutralised: the department, a request and a politeness marker, present in praise and anger alike.
  support: 0, // AFINN +2 ("contacted support", "support ticket")
  help: 0, // AFINN +2 ("I need help with…"); "helpful" keeps its +2
  please: 0, // AFINN +1
  // Softened: politeness more often than praise in a support message.
  thanks: 1, // AFINN +2
  thank: 1, // AFINN +2
  want: 0, // AFINN +1; "I want a refund" is a demand
  charged: -1, // AFINN −3 means "emotionally charged"; here it is a billing verb
  // Reversed: derision, not humour ("your support is a joke").
  joke: -2, // AFINN +2
  // Missing from AFINN, frequent in complaints (the tokeniser does not stem, so inflections count).
  crashes: -2,
  crashed: -2,
  crashing: -2,
  unusable: -2,
  unhelpful: -2,
  overcharged: -2,
  nightmare: -3,
  ripoff: -3,
  'rip-off': -3,
};

/**
 * Stock phrases whose words AFINN scores but whose meaning is formula, removed before scoring:
 * sign-offs ("Kind regards", "Best wishes", "Have a nice day"), thanks for something not yet done
 * ("Thanks in advance") and the polite request form "I would like to" (`like` keeps its +2 elsewhere,
 * so "I don't like the new design" stays negative).
 */
const FORMULAE = [
  /\b(?:kind|best|warm|warmest|many)\s+(?:regards|wishes)\b/g,
  /\b(?:thanks|thank\s+you)(?:\s+(?:so|very)\s+much)?\s+in\s+advance\b/g,
  /\bhave\s+an?\s+(?:nice|great|good|lovely)\s+(?:day|weekend|evening)\b/g,
  /\b(?:would|i'd|we'd)\s+(?:like|love)\b/g,
];

/** The comparative score (AFINN points per token) is multiplied by this before tanh. */
export const TONE_SLOPE = 2;
/** |score| at or above this is negative / positive: more than about one AFINN point per ten tokens. */
export const TONE_THRESHOLD = 0.2;

/**
 * Words that flip the score of the word right after them: the library's English list (not, don't,
 * can't, isn't, won't, doesn't…) plus the negations it lacks, so "no complaints", "never happy",
 * "wasn't helpful" and "cannot recommend" read the right way round.
 */
export const NEGATORS: ReadonlySet<string> = new Set([
  ...Object.keys(englishNegators),
  'no',
  'never',
  'nobody',
  'nothing',
  'without',
  'cannot',
  "didn't",
  'didnt',
  "wasn't",
  'wasnt',
  "aren't",
  'arent',
  "haven't",
  'havent',
  "hasn't",
  'hasnt',
  "couldn't",
  'couldnt',
  "wouldn't",
  'wouldnt',
  "weren't",
  'werent',
]);

const LANGUAGE = 'en-supportlens';

// Our own copy of the English language (AFINN-165 and the library's one-token negation rule, with the
// negators above) and the extras merged once. Passing `extras` to analyze() instead would merge them into the library's shared
// English lexicon, changing it for every other caller in the process.
const analyzer = new Sentiment();
analyzer.registerLanguage(LANGUAGE, {
  labels: { ...(englishLabels as Record<string, number>), ...SUPPORT_EXTRAS },
  scoringStrategy: {
    // The library's English strategy: a negator just before a word flips its score.
    apply: (tokens, cursor, tokenScore) =>
      cursor > 0 && NEGATORS.has(tokens[cursor - 1]) ? -tokenScore : tokenScore,
  },
});

/**
 * How the customer sounds: AFINN-165 via `sentiment`, with its negation rule ("not happy" scores as
 * unhappy) over a fuller list of negators, a few support-domain corrections and the stock formulae
 * removed.
 *
 *   score = tanh(TONE_SLOPE × comparative)     comparative = sum of word scores ÷ tokens
 *   label = negative if score ≤ −0.2, positive if score ≥ 0.2, else neutral
 *
 * tanh keeps the score in (−1, 1) without clipping, so two very angry messages still compare; near
 * zero it is ≈ 2 × comparative. Pure and deterministic.
 */
export function scoreTone(text: string): Tone {
  const prepared = FORMULAE.reduce(
    (current, formula) => current.replace(formula, ' '),
    // Typographic apostrophes, so "don’t" is the negator "don't".
    text.toLowerCase().replace(/[\u2018\u2019\u02bc]/g, "'"),
  );
  const { comparative } = analyzer.analyze(prepared, { language: LANGUAGE });
  const score = round(Math.tanh(TONE_SLOPE * comparative));
  return { score, label: labelOf(score) };
}

export function labelOf(score: number): ToneLabel {
  if (score <= -TONE_THRESHOLD) return 'negative';
  if (score >= TONE_THRESHOLD) return 'positive';
  return 'neutral';
}

function round(value: number): number {
  // + 0 turns −0 into 0.
  return Math.round(value * 1000) / 1000 + 0;
}
