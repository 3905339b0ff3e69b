import { seededRandom } from './random';

/**
 * Seeded, realistic damage to a text, for measuring how a model copes with messier writing than its
 * training set: typos, shouting or odd casing, missing or excessive punctuation, greetings and filler
 * words. The same seed always gives the same perturbed texts.
 *
 * Per text: each word of 3+ letters gets a typo with probability `typoRate` (a swap of two
 * neighbouring letters, a dropped letter, a doubled letter, or a letter replaced by a neighbour on a
 * QWERTY keyboard); then, independently, the casing changes (30 % all upper case, 20 % first letter of
 * each word upper case), punctuation changes (30 % all removed, 40 % "!!!", "??" or "..." added), and
 * filler is added (60 % a greeting in front, 50 % a sign-off at the end, 30 % "really", "just",
 * "actually" or "basically" somewhere inside).
 */

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const GREETINGS = ['hi', 'hello there,', 'hey', 'good morning!', 'um', 'so', 'hi team', 'dear support,'];
const SIGN_OFFS = ['thanks', 'thank you so much', 'pls', 'asap', 'cheers', 'thx in advance', 'please help'];
const FILLERS = ['really', 'just', 'actually', 'basically'];
const ENDINGS = ['!!!', '??', '...', ' ?!'];

export interface PerturbOptions {
  /** Probability that a word of 3+ letters gets one typo (default 0.1). */
  typoRate?: number;
}

function neighbourKey(letter: string, random: () => number): string {
  for (let row = 0; row < KEYBOARD_ROWS.length; row++) {
    const at = KEYBOARD_ROWS[row].indexOf(letter);
    if (at < 0) continue;
    const options = [KEYBOARD_ROWS[row][at - 1], KEYBOARD_ROWS[row][at + 1]].filter(Boolean);
    return options[Math.floor(random() * options.length)];
  }
  return letter;
}

function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 1)); // first letters are rarely mistyped
  switch (Math.floor(random() * 4)) {
    case 0: // swap with the previous letter
      return word.slice(0, i - 1) + word[i] + word[i - 1] + word.slice(i + 1);
    case 1: // drop
      return word.slice(0, i) + word.slice(i + 1);
    case 2: // double
      return word.slice(0, i) + word[i] + word.slice(i);
    default: // a neighbouring key
      return word.slice(0, i) + neighbourKey(word[i].toLowerCase(), random) + word.slice(i + 1);
  }
}

export function perturbText(text: string, random: () => number, options: PerturbOptions = {}): string {
  const typoRate = options.typoRate ?? 0.1;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  let words = text.split(/\s+/).filter((word) => word.length > 0);
  words = words.map((word) =>
    /^[a-zA-Z]{3,}$/.test(word) && random() < typoRate ? typo(word, random) : word,
  );
  if (random() < 0.3 && words.length > 1) {
    words.splice(1 + Math.floor(random() * (words.length - 1)), 0, pick(FILLERS));
  }
  if (random() < 0.6) words.unshift(pick(GREETINGS));
  let out = words.join(' ');
  const punctuation = random();
  if (punctuation < 0.3) out = out.replace(/[.,!?;:]+/g, '');
  else if (punctuation < 0.7) out = out.replace(/[.!?]*$/, '') + pick(ENDINGS);
  if (random() < 0.5) out = `${out} ${pick(SIGN_OFFS)}`;
  const casing = random();
  if (casing < 0.3) out = out.toUpperCase();
  else if (casing < 0.5) out = out.replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
  return out;
}

/** Perturbed copies of `texts`, one each, from one seeded stream. */
export function perturbTexts(texts: readonly string[], seed: number, options: PerturbOptions = {}): string[] {
  const random = seededRandom(seed);
  return texts.map((text) => perturbText(text, random, options));
}
