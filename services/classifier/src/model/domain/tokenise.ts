/**
 * Text normalisation and word splitting, the first step of featurisation.
 *
 * - Lower case, and accents folded: NFKD splits "é" into "e" + a combining accent, which is dropped
 *   after Latin, Greek and Cyrillic letters, so "Réembolso" and "reembolso" are one word (in scripts
 *   where marks are vowels, such as Devanagari, they stay); compatibility forms fold too ("ﬁ" → "fi").
 * - A word is a run of letters or digits (any script). Apostrophes inside a word are dropped, so
 *   "can't", "can’t" and "cant" are one word; every other character separates words.
 * - Every digit becomes "0": order numbers and amounts differ in every case and say nothing about
 *   the issue, while "a number was here" can.
 */

const ACCENTS = /(?<=[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/; // eslint-disable-line no-control-regex
const LETTER_OR_DIGIT = /^[\p{L}\p{N}\p{M}]$/u;

/** Lower-cased, accent-folded text; digits become "0". */
export function normaliseText(text: string): string {
  let folded = text;
  if (NON_ASCII.test(folded)) folded = folded.normalize('NFKD').replace(ACCENTS, '');
  return folded.toLowerCase().replace(/[0-9]/g, '0');
}

/** A word's position in a normalised text: `text.slice(start, end)` with apostrophes removed. */
export interface WordSpan {
  start: number;
  end: number;
}

function isWordCode(code: number, text: string, index: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || (code >= 65 && code <= 90);
  return LETTER_OR_DIGIT.test(text[index]);
}

function isApostrophe(code: number): boolean {
  return code === 39 || code === 0x2019 || code === 0x2018 || code === 0x02bc;
}

/**
 * The words of a normalised text, as a string without the apostrophes plus their spans in it. The
 * returned `text` is the normalised text with inner apostrophes removed, so each span is a plain
 * slice and hashing never allocates.
 */
export function splitWords(normalised: string): { text: string; words: WordSpan[] } {
  let text = normalised;
  if (text.includes("'") || text.includes('\u2019') || text.includes('\u2018') || text.includes('\u02bc')) {
    text = removeInnerApostrophes(text);
  }
  const words: WordSpan[] = [];
  let start = -1;
  for (let i = 0; i < text.length; i++) {
    if (isWordCode(text.charCodeAt(i), text, i)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  if (start >= 0) words.push({ start, end: text.length });
  return { text, words };
}

function removeInnerApostrophes(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (
      isApostrophe(code) &&
      i > 0 &&
      i + 1 < text.length &&
      isWordCode(text.charCodeAt(i - 1), text, i - 1) &&
      isWordCode(text.charCodeAt(i + 1), text, i + 1)
    ) {
      continue;
    }
    out += text[i];
  }
  return out;
}

/** Convenience for tests and explanations: the words of a raw text, normalised. */
export function tokenise(text: string): string[] {
  const split = splitWords(normaliseText(text));
  return split.words.map((word) => split.text.slice(word.start, word.end));
}
