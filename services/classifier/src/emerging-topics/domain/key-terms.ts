import { STOP_WORDS } from './stop-words';

/**
 * The key terms of one (masked) text: the distinct content words and the pairs of adjacent content
 * words, the unit documents are counted in.
 *
 * - Only the first {@link KEY_TERM_TEXT_LIMIT} characters count: customers state the problem at the
 *   start; quoted replies and signatures further down would only add noise (and rows).
 * - Lower case, accents folded ("Échec" = "echec"), apostrophes and inner hyphens dropped
 *   ("can't" = "cant", "e-mail" = "email"). URLs and the masking placeholders are removed.
 * - A word is a run of letters or digits; pure numbers, single characters and stop words are dropped.
 * - A light plural rule (no full stemmer): "fails" → "fail", "crashes" → "crash", "deliveries" →
 *   "delivery"; "status", "access", "analysis" stay.
 * - A bigram is two content words next to each other once stop words are removed ("export to PDF" →
 *   "export pdf"), within one sentence or clause. Its key is the two words in alphabetical order, so
 *   "PDF export" and "export to PDF" are one term; {@link extractKeyTerms} also returns the order it
 *   was written in, for labels.
 */
export const KEY_TERM_TEXT_LIMIT = 5_000;
/** At most this many distinct terms per text, the first ones met. */
export const MAX_TERMS_PER_TEXT = 300;

const URLS = /\b(?:https?:\/\/|www\.)\S*/gi;
const PLACEHOLDERS = /\[(?:email|phone|card|number|iban)\]/g;
const CLAUSE_BREAK = /[.!?;:,()[\]{}<>"“”«»|\n\r\t/\\]+/;
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const DIGITS_ONLY = /^\p{N}+$/u;

export interface ExtractedTerms {
  /** Distinct term keys, unigrams and bigrams, in order of first appearance. */
  terms: string[];
  /** How each bigram key was written here ("pdf export" for the key "export pdf"); unigrams map to themselves. */
  surface: Map<string, string>;
}

/** The distinct key terms of a text (see the module comment). */
export function keyTerms(text: string): string[] {
  return extractKeyTerms(text).terms;
}

export function extractKeyTerms(text: string): ExtractedTerms {
  const surface = new Map<string, string>();
  const add = (key: string, written: string) => {
    if (!surface.has(key) && surface.size < MAX_TERMS_PER_TEXT) surface.set(key, written);
  };
  const prepared = text
    .slice(0, KEY_TERM_TEXT_LIMIT)
    .replace(URLS, ' . ')
    .replace(PLACEHOLDERS, ' . ')
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase();

  for (const clause of prepared.split(CLAUSE_BREAK)) {
    let previous: string | undefined;
    for (const match of clause.matchAll(WORD)) {
      const word = contentWord(match[0]);
      if (word === undefined) continue;
      add(word, word);
      if (previous !== undefined && previous !== word) {
        add(bigramKey(previous, word), `${previous} ${word}`);
      }
      previous = word;
    }
  }
  return { terms: [...surface.keys()], surface };
}

/** The key of the pair of words, whichever order they were written in. */
export function bigramKey(first: string, second: string): string {
  return first < second ? `${first} ${second}` : `${second} ${first}`;
}

/** The normalised word, or undefined when it is not a content word. */
function contentWord(raw: string): string | undefined {
  const word = raw.replace(/['’-]/g, '');
  if (word.length < 2 || word.length > 40 || DIGITS_ONLY.test(word) || STOP_WORDS.has(word)) {
    return undefined;
  }
  const singular = singularOf(word);
  return STOP_WORDS.has(singular) ? undefined : singular;
}

function singularOf(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:sh|ch|x|ss|z)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|os|as)$/.test(word)) return word.slice(0, -1);
  return word;
}
