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
/** The characters that end a sentence or clause: no pair of words spans one. */
const CLAUSE_BREAKS = new Set([...'.!?;:,()[]{}<>"“”«»|\n\r\t/\\'].map((char) => char.charCodeAt(0)));
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /[\u0300-\u036f]/g;
const INNER_MARK = /['’-]/;
const INNER_MARKS = /['’-]/g;
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
  let prepared = text.slice(0, KEY_TERM_TEXT_LIMIT).replace(URLS, ' . ').replace(PLACEHOLDERS, ' . ');
  // Accents only exist beyond ASCII, which most support text never leaves.
  if (NON_ASCII.test(prepared)) prepared = prepared.normalize('NFKD').replace(COMBINING_MARKS, '');
  prepared = prepared.toLowerCase();

  // One pass over the words; a clause break in the gap before a word starts a new clause.
  let previous: string | undefined;
  let gapStart = 0;
  const words = new RegExp(WORD);
  for (let match = words.exec(prepared); match !== null; match = words.exec(prepared)) {
    if (hasClauseBreak(prepared, gapStart, match.index)) previous = undefined;
    gapStart = match.index + match[0].length;
    const word = contentWord(match[0]);
    if (word === undefined) continue;
    add(word, word);
    if (previous !== undefined && previous !== word) {
      add(bigramKey(previous, word), `${previous} ${word}`);
    }
    previous = word;
  }
  return { terms: [...surface.keys()], surface };
}

function hasClauseBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (CLAUSE_BREAKS.has(text.charCodeAt(i))) return true;
  return false;
}

/** The key of the pair of words, whichever order they were written in. */
export function bigramKey(first: string, second: string): string {
  return first < second ? `${first} ${second}` : `${second} ${first}`;
}

/** The normalised word, or undefined when it is not a content word. */
function contentWord(raw: string): string | undefined {
  // Testing first is ~10% faster over a text than a replace that finds nothing in most words.
  const word = INNER_MARK.test(raw) ? raw.replace(INNER_MARKS, '') : raw;
  if (word.length < 2 || word.length > 40 || DIGITS_ONLY.test(word) || STOP_WORDS.has(word)) {
    return undefined;
  }
  const singular = singularOf(word);
  return STOP_WORDS.has(singular) ? undefined : singular;
}

function singularOf(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && word.endsWith('es') && /(?:sh|ch|x|ss|z)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is|os|as)$/.test(word)) return word.slice(0, -1);
  return word;
}
