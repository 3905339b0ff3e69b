import { BucketCounter, emitFeatures } from './features';
import { FeatureSettings } from './text-model';
import { normaliseText, splitWords } from './tokenise';

/**
 * TF-IDF weighting of hashed counts.
 *
 * - Term frequency is sublinear, 1 + ln(count): a word said three times is more telling than once,
 *   but not three times as telling.
 * - Inverse document frequency is the smoothed form, idf(b) = ln((1 + N) / (1 + df(b))) + 1, with N
 *   the training texts and df(b) how many of them hit bucket b; the +1s keep it finite and positive.
 *   A bucket no training text hit gets idf 0: a feature the model has no weight for gets value 0
 *   rather than diluting the known ones (what a vocabulary-based vectoriser does with unknown words).
 * - Each family (word uni- and bigrams; character n-grams) is L2-normalised on its own, then scaled
 *   by √wordBlockWeight and √(1 − wordBlockWeight), so the whole vector has unit length and the
 *   hundreds of character n-grams do not drown the dozen word features.
 */

// Bound once: inside a vm context (Jest) each lookup of the global Math in a hot loop costs ~50× more.
const { log, sqrt } = Math;

/** Counts the hashed features of one text into `counter` (reset first). */
export function countFeatures(text: string, settings: FeatureSettings, counter: BucketCounter): void {
  counter.reset();
  const split = splitWords(normaliseText(text));
  emitFeatures(split.text, split.words, settings, (bucket) => counter.add(bucket));
}

/** Smoothed IDF from per-bucket document frequencies over `documents` texts; 0 where df = 0. */
export function idfFromDocumentFrequencies(documentFrequency: Int32Array, documents: number): Float32Array {
  const idf = new Float32Array(documentFrequency.length);
  for (let b = 0; b < documentFrequency.length; b++) {
    const df = documentFrequency[b];
    if (df > 0) idf[b] = log((1 + documents) / (1 + df)) + 1;
  }
  return idf;
}

/**
 * Weighs raw counts into the output arrays from `at`: sublinear TF × IDF, each family block
 * L2-normalised and scaled. Entry i of the output is entry i of the input (a bucket with idf 0 gets
 * value 0 and adds nothing), so a caller can map outputs back to its counter's slots. Returns `size`.
 */
export function weighCounts(
  buckets: ArrayLike<number>,
  counts: ArrayLike<number>,
  size: number,
  idf: Float32Array,
  settings: FeatureSettings,
  outIndices: Int32Array,
  outValues: Float32Array,
  at = 0,
): number {
  const wordBuckets = settings.wordBuckets;
  const end = at + size;
  let wordNorm = 0;
  let charNorm = 0;
  for (let i = 0; i < size; i++) {
    const bucket = buckets[i];
    const value = (1 + log(counts[i])) * idf[bucket];
    if (bucket < wordBuckets) wordNorm += value * value;
    else charNorm += value * value;
    outIndices[at + i] = bucket;
    outValues[at + i] = value;
  }
  const wordScale = wordNorm > 0 ? sqrt(settings.wordBlockWeight / wordNorm) : 0;
  const charScale = charNorm > 0 ? sqrt((1 - settings.wordBlockWeight) / charNorm) : 0;
  // A text with only one family present puts all of its length there.
  const onlyOne = wordNorm === 0 || charNorm === 0;
  const wordFactor = onlyOne && wordNorm > 0 ? 1 / sqrt(wordNorm) : wordScale;
  const charFactor = onlyOne && charNorm > 0 ? 1 / sqrt(charNorm) : charScale;
  for (let i = at; i < end; i++) outValues[i] *= outIndices[i] < wordBuckets ? wordFactor : charFactor;
  return size;
}
