import { extractKeyTerms } from './key-terms';

export const UNCLASSIFIED_CODE = 'unclassified';

/** A case the model could not classify with confidence, as the detector reads it. */
export interface LowConfidenceCase {
  source: string;
  caseId: string;
  /** Already masked. */
  text: string;
  /** The code the case got (`unclassified` below the model's threshold). */
  classifiedAs: string;
  confidence: number;
  /** The codes the model weighed, best first. */
  candidates: string[];
  /** When the case was opened (ISO 8601). */
  at: string;
}

/**
 * How many cases of the baseline (every case, classified or not, in the days before the window)
 * contain each term. Only the terms asked for need to be present; a missing term counts 0.
 */
export interface TermBackground {
  documents: number;
  termDocuments: ReadonlyMap<string, number>;
}

export interface DetectionSettings {
  /** The smallest group reported as a topic, and the fewest window cases a key term must be in. */
  minCases: number;
  /** The smallest keyness (G², see below) a term needs: 10.83 is p < 0.001 on one degree of freedom. */
  minKeyness: number;
  /** The window rate of a key term must be at least this multiple of its baseline rate. */
  minLift: number;
  /**
   * Smoothing of the baseline: as if it held this many more cases in which every term occurs at
   * {@link DetectionSettings.priorRate}. Without history a shared word is weak evidence; with a long
   * history the observed rates dominate.
   */
  priorCases: number;
  priorRate: number;
  maxTopics: number;
  maxExamples: number;
  /** Longer examples are cut at a word boundary and end with "…". */
  maxExampleLength: number;
  /** A label names at most this many terms. */
  maxLabelTerms: number;
}

export const DEFAULT_DETECTION_SETTINGS: DetectionSettings = {
  minCases: 3,
  minKeyness: 10.83,
  minLift: 2,
  priorCases: 100,
  priorRate: 0.01,
  maxTopics: 20,
  maxExamples: 3,
  maxExampleLength: 280,
  maxLabelTerms: 3,
};

export interface EmergingTopicInput {
  /** The low-confidence cases of the window being reported. */
  window: readonly LowConfidenceCase[];
  /** The low-confidence cases of the window of the same length just before it: growth is measured on them. */
  previousWindow: readonly LowConfidenceCase[];
  background: TermBackground;
}

export interface TopicExample {
  source: string;
  caseId: string;
  text: string;
}

export interface EmergingTopic {
  /** The label terms joined: "pdf export, fail". */
  label: string;
  /** The anchor term first, then the terms most of its cases share. */
  terms: string[];
  cases: number;
  /** Low-confidence cases of the previous window that contain the anchor term. */
  previousCases: number;
  /** (cases − previousCases) ÷ previousCases; null when the previous window had none (a new topic). */
  growth: number | null;
  /** G² of the anchor term: how far its window rate is from its baseline rate. */
  keyness: number;
  /** Window rate ÷ smoothed baseline rate of the anchor term. */
  lift: number;
  firstSeenAt: string;
  lastSeenAt: string;
  examples: TopicExample[];
  /** The codes the model weighed for these cases (their candidates and low-confidence codes), most often first. */
  hesitatedBetween: Array<{ issueCode: string; cases: number }>;
  caseIds: Array<{ source: string; caseId: string }>;
}

export interface ScoredTerm {
  term: string;
  /** Window cases containing the term. */
  cases: number;
  keyness: number;
  lift: number;
}

interface PreparedCase {
  input: LowConfidenceCase;
  terms: Set<string>;
  surface: Map<string, string>;
}

/**
 * Groups the window's low-confidence cases by shared key terms into candidate new codes.
 *
 * 1. Key terms per case ({@link extractKeyTerms}: content words and adjacent pairs).
 * 2. Each term in at least `minCases` window cases is scored by keyness: Dunning's log-likelihood
 *    ratio G² of the 2 × 2 table (window cases with / without it; baseline cases with / without it),
 *    the baseline smoothed with `priorCases` cases at `priorRate`. Terms more frequent in the window
 *    than in the baseline by at least `minLift` times and with G² ≥ `minKeyness` are key terms.
 * 3. Greedy grouping: the strongest key term (G², then more cases, then a bigram before a unigram,
 *    then alphabetical) takes every case containing it: a topic, labelled by that term and the terms
 *    most of its cases share. Its cases are removed, the key terms are scored again on the cases
 *    left (a term must still reach `minCases`, `minLift` and `minKeyness` on its own), and so on
 *    until no key term is left.
 *
 * Pure and deterministic: the result does not depend on the order of the input.
 */
export function detectEmergingTopics(
  input: EmergingTopicInput,
  overrides: Partial<DetectionSettings> = {},
): EmergingTopic[] {
  const settings = { ...DEFAULT_DETECTION_SETTINGS, ...overrides };
  const window = prepare(input.window);
  const previous = prepare(input.previousWindow);
  const keyness = new Map(
    scoreTerms(window, window.length, input.background, settings).map((t) => [t.term, t]),
  );

  let unassigned = window;
  const topics: EmergingTopic[] = [];
  while (topics.length < settings.maxTopics) {
    // Re-scored on the cases still unassigned: a term that was key only thanks to cases an earlier
    // topic took must stand on the cases it has left. Only terms key in the whole window can be.
    const remaining = unassigned.map((c) => ({ ...c, terms: intersect(c.terms, keyness) }));
    const [anchor] = scoreTerms(remaining, window.length, input.background, settings);
    if (!anchor) break;
    const group = unassigned.filter((c) => c.terms.has(anchor.term));
    unassigned = unassigned.filter((c) => !c.terms.has(anchor.term));
    topics.push(describeTopic(anchor, group, previous, keyness, settings));
  }
  return topics;
}

/**
 * The terms worth asking the baseline about: those in at least `minCases` of the cases. The
 * repository looks up background frequencies for these only.
 */
export function frequentTerms(cases: readonly LowConfidenceCase[], minCases: number): string[] {
  const counts = documentCounts(prepare(cases));
  return [...counts.entries()]
    .filter(([, count]) => count >= minCases)
    .map(([term]) => term)
    .sort();
}

/** The key terms of the window, strongest first (see {@link detectEmergingTopics}, step 2). */
export function scoreWindowTerms(
  window: readonly LowConfidenceCase[],
  background: TermBackground,
  overrides: Partial<DetectionSettings> = {},
): ScoredTerm[] {
  const prepared = prepare(window);
  return scoreTerms(prepared, prepared.length, background, { ...DEFAULT_DETECTION_SETTINGS, ...overrides });
}

/**
 * Dunning's G² for "the term is more frequent in sample 1 than in sample 2": 2 Σ O ln(O / E) over
 * the 2 × 2 table. Counts may be fractional (the smoothed baseline).
 */
export function logLikelihoodRatio(
  inFirst: number,
  firstTotal: number,
  inSecond: number,
  secondTotal: number,
): number {
  const total = firstTotal + secondTotal;
  const withTerm = inFirst + inSecond;
  if (total <= 0 || withTerm <= 0 || withTerm >= total) return 0;
  const cell = (observed: number, rowTotal: number, columnTotal: number) => {
    const expected = (rowTotal * columnTotal) / total;
    return observed > 0 ? observed * Math.log(observed / expected) : 0;
  };
  return (
    2 *
    (cell(inFirst, firstTotal, withTerm) +
      cell(firstTotal - inFirst, firstTotal, total - withTerm) +
      cell(inSecond, secondTotal, withTerm) +
      cell(secondTotal - inSecond, secondTotal, total - withTerm))
  );
}

function prepare(cases: readonly LowConfidenceCase[]): PreparedCase[] {
  return [...cases].sort(compareCases).map((input) => {
    const extracted = extractKeyTerms(input.text);
    return { input, terms: new Set(extracted.terms), surface: extracted.surface };
  });
}

function compareCases(a: LowConfidenceCase, b: LowConfidenceCase): number {
  return compare(a.at, b.at) || compare(a.source, b.source) || compare(a.caseId, b.caseId);
}

function documentCounts(cases: readonly PreparedCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const c of cases) for (const term of c.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * Key terms of `cases` (all or some of the window's cases), strongest first. Rates are taken over
 * `windowSize`, the whole window, so that re-scoring the unassigned rest measures how many of the
 * window's cases a term still explains.
 */
function scoreTerms(
  cases: readonly PreparedCase[],
  windowSize: number,
  background: TermBackground,
  settings: DetectionSettings,
): ScoredTerm[] {
  const baselineSize = background.documents + settings.priorCases;
  const scored: ScoredTerm[] = [];
  for (const [term, count] of documentCounts(cases)) {
    if (count < settings.minCases) continue;
    const inBaseline = (background.termDocuments.get(term) ?? 0) + settings.priorCases * settings.priorRate;
    const lift = count / windowSize / (inBaseline / baselineSize);
    if (lift < settings.minLift) continue;
    const keyness = logLikelihoodRatio(count, windowSize, inBaseline, baselineSize);
    if (keyness < settings.minKeyness) continue;
    scored.push({ term, cases: count, keyness: round(keyness, 2), lift: round(lift, 2) });
  }
  return scored.sort(
    (a, b) =>
      b.keyness - a.keyness ||
      b.cases - a.cases ||
      wordCount(b.term) - wordCount(a.term) ||
      compare(a.term, b.term),
  );
}

function describeTopic(
  anchor: ScoredTerm,
  group: readonly PreparedCase[],
  previous: readonly PreparedCase[],
  keyness: ReadonlyMap<string, ScoredTerm>,
  settings: DetectionSettings,
): EmergingTopic {
  const labelKeys = labelTerms(anchor.term, group, keyness, settings.maxLabelTerms);
  const terms = labelKeys.map((key) => surfaceOf(key, group));
  const previousCases = previous.filter((c) => c.terms.has(anchor.term)).length;
  const times = group.map((c) => c.input.at).sort(compare);
  return {
    label: terms.join(', '),
    terms,
    cases: group.length,
    previousCases,
    growth: previousCases === 0 ? null : round((group.length - previousCases) / previousCases, 3),
    keyness: anchor.keyness,
    lift: anchor.lift,
    firstSeenAt: times[0],
    lastSeenAt: times[times.length - 1],
    examples: examplesOf(group, labelKeys, settings),
    hesitatedBetween: hesitations(group),
    caseIds: group.map((c) => ({ source: c.input.source, caseId: c.input.caseId })),
  };
}

/**
 * The anchor, then the terms at least half the group shares, most shared first (then keyness,
 * then alphabetical), skipping a term whose words the chosen terms already say ("pdf" after
 * "export pdf", or "export pdf" after "export" and "pdf").
 */
function labelTerms(
  anchor: string,
  group: readonly PreparedCase[],
  keyness: ReadonlyMap<string, ScoredTerm>,
  maxTerms: number,
): string[] {
  const shared = [...documentCounts(group).entries()]
    .filter(([term, count]) => term !== anchor && count * 2 >= group.length)
    .sort(
      ([termA, countA], [termB, countB]) =>
        countB - countA ||
        (keyness.get(termB)?.keyness ?? 0) - (keyness.get(termA)?.keyness ?? 0) ||
        wordCount(termB) - wordCount(termA) ||
        compare(termA, termB),
    );
  const chosen = [anchor];
  const saidWords = new Set(anchor.split(' '));
  for (const [term] of shared) {
    if (chosen.length >= maxTerms) break;
    const words = term.split(' ');
    if (words.every((word) => saidWords.has(word))) continue;
    chosen.push(term);
    for (const word of words) saidWords.add(word);
  }
  return chosen;
}

/** The way a term was most often written in the group ("pdf export" rather than the key "export pdf"). */
function surfaceOf(key: string, group: readonly PreparedCase[]): string {
  const counts = new Map<string, number>();
  for (const c of group) {
    const written = c.surface.get(key);
    if (written !== undefined) counts.set(written, (counts.get(written) ?? 0) + 1);
  }
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || compare(a, b))[0]?.[0] ?? key;
}

/**
 * Representative and short: the cases containing the most label terms, then the shortest texts,
 * then the earliest; identical texts (after collapsing white space, any case) are shown once.
 */
function examplesOf(
  group: readonly PreparedCase[],
  labelKeys: readonly string[],
  settings: DetectionSettings,
): TopicExample[] {
  const ranked = group
    .map((c) => ({
      c,
      text: c.input.text.replace(/\s+/g, ' ').trim(),
      covered: labelKeys.filter((key) => c.terms.has(key)).length,
    }))
    .sort(
      (a, b) => b.covered - a.covered || a.text.length - b.text.length || compareCases(a.c.input, b.c.input),
    );
  const seen = new Set<string>();
  const examples: TopicExample[] = [];
  for (const { c, text } of ranked) {
    if (examples.length >= settings.maxExamples) break;
    const key = text.toLowerCase();
    if (text.length === 0 || seen.has(key)) continue;
    seen.add(key);
    examples.push({
      source: c.input.source,
      caseId: c.input.caseId,
      text: truncate(text, settings.maxExampleLength),
    });
  }
  return examples;
}

/** Each case counts once per code among its candidates and its (low-confidence) code. */
function hesitations(group: readonly PreparedCase[]): Array<{ issueCode: string; cases: number }> {
  const counts = new Map<string, number>();
  for (const c of group) {
    const codes = new Set([c.input.classifiedAs, ...c.input.candidates]);
    codes.delete(UNCLASSIFIED_CODE);
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || compare(a, b))
    .slice(0, 3)
    .map(([issueCode, cases]) => ({ issueCode, cases }));
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}

function intersect(terms: ReadonlySet<string>, keep: ReadonlyMap<string, unknown>): Set<string> {
  return new Set([...terms].filter((term) => keep.has(term)));
}

function wordCount(term: string): number {
  return term.split(' ').length;
}

/** Code-point order, the same on every machine (localeCompare depends on the ICU data). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
