import { FeatureSettings } from './text-model';
import { WordSpan } from './tokenise';

/**
 * The hashing trick: every feature (a word, a word bigram, a character n-gram) is hashed straight to
 * a bucket, so there is no vocabulary to build, store or look up, and a word never seen in training
 * costs nothing. The price is collisions: features that share a bucket share a weight. With m buckets
 * and n distinct features, a feature shares its bucket with probability ≈ n / m. The Bitext training
 * set has 6,901 distinct word uni- and bigrams and 12,207 character n-grams: in 2^17 buckets each,
 * 5 % and 9 % of them share one (6,710 and 11,695 buckets used), mostly rare features with small
 * weights, and halving or doubling the table changed nothing measurable. A help-desk corpus with ten
 * times the vocabulary would collide more (≈ 50 %) and should use 2^18 or more per family. The cost of
 * a larger table is memory: in memory the weights are dense, buckets × codes × 4 bytes (2^18 × 27 ×
 * 4 = 28 MB here); a stored model keeps only the buckets used (2 MB here).
 *
 * The hash is 32-bit FNV-1a over UTF-16 code units, finished with MurmurHash3's fmix32 so the low
 * bits (the ones the bucket mask keeps) depend on every input bit. Each family starts from its own
 * seed, so the word "an" and the character bigram "an" are different features. Character n-grams are
 * hashed incrementally: from each start position the hash grows one character at a time and is
 * emitted at each length from `charNgramMin` to `charNgramMax`, so no substring is ever allocated.
 */

// Bound once: inside a vm context (Jest) each lookup of the global Math in a hot loop costs ~50× more.
const { imul } = Math;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const WORD_SEED = FNV_OFFSET;
const BIGRAM_SEED = (FNV_OFFSET ^ 0x9e3779b9) >>> 0;
const CHAR_SEED = (FNV_OFFSET ^ 0x85ebca6b) >>> 0;
/** The padding character around a word for character n-grams: marks where a word starts and ends. */
const BOUNDARY = 32;

export const DEFAULT_FEATURE_SETTINGS: FeatureSettings = {
  wordBuckets: 1 << 17,
  charBuckets: 1 << 17,
  charNgramMin: 2,
  charNgramMax: 5,
  wordBigrams: true,
  wordBlockWeight: 0.5,
};

/** MurmurHash3's 32-bit finaliser: full avalanche, so any bit range of the result is well mixed. */
function finalise(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function hashRange(text: string, start: number, end: number, seed: number): number {
  let h = seed;
  for (let i = start; i < end; i++) h = imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

/** The hash of a whole string in a family (exported for tests: it must never change between runs). */
export function hashFeature(kind: 'word' | 'bigram' | 'char', feature: string): number {
  const seed = kind === 'word' ? WORD_SEED : kind === 'bigram' ? BIGRAM_SEED : CHAR_SEED;
  return finalise(hashRange(feature, 0, feature.length, seed));
}

/** Where a feature lands: its family's bucket range, offset for character n-grams. */
export function bucketOf(
  kind: 'word' | 'bigram' | 'char',
  feature: string,
  settings: FeatureSettings,
): number {
  const hash = hashFeature(kind, feature);
  return kind === 'char'
    ? settings.wordBuckets + (hash & (settings.charBuckets - 1))
    : hash & (settings.wordBuckets - 1);
}

export function assertFeatureSettings(settings: FeatureSettings): void {
  const powerOfTwo = (n: number) => Number.isInteger(n) && n >= 2 && n <= 1 << 24 && (n & (n - 1)) === 0;
  if (!powerOfTwo(settings.wordBuckets) || !powerOfTwo(settings.charBuckets)) {
    throw new Error('wordBuckets and charBuckets must be powers of two between 2 and 2^24');
  }
  if (
    !Number.isInteger(settings.charNgramMin) ||
    !Number.isInteger(settings.charNgramMax) ||
    settings.charNgramMin < 1 ||
    settings.charNgramMax < settings.charNgramMin ||
    settings.charNgramMax > 10
  ) {
    throw new Error('character n-gram lengths must satisfy 1 ≤ charNgramMin ≤ charNgramMax ≤ 10');
  }
  if (!(settings.wordBlockWeight >= 0 && settings.wordBlockWeight <= 1)) {
    throw new Error('wordBlockWeight must be between 0 and 1');
  }
}

/**
 * Receives each feature occurrence: its bucket and the term it belongs to. Term t < words.length is
 * word t (its unigram and its character n-grams); term words.length + t is the bigram of words t and
 * t + 1. Explanations add contributions up per term; plain scoring ignores the term.
 */
export type FeatureSink = (bucket: number, term: number) => void;

/**
 * Emits every feature occurrence of a split text (see `splitWords`): word unigrams, word bigrams and
 * character n-grams of each word padded with one space on both sides ("cancel" → " c", " ca", …,
 * "el "), like scikit-learn's `char_wb`, so n-grams never span two words and the n-grams touching the
 * padding mark prefixes and suffixes.
 */
export function emitFeatures(
  text: string,
  words: readonly WordSpan[],
  settings: FeatureSettings,
  sink: FeatureSink,
): void {
  const wordMask = settings.wordBuckets - 1;
  const charMask = settings.charBuckets - 1;
  const charOffset = settings.wordBuckets;
  const min = settings.charNgramMin;
  const max = settings.charNgramMax;
  for (let w = 0; w < words.length; w++) {
    const { start, end } = words[w];
    sink(finalise(hashRange(text, start, end, WORD_SEED)) & wordMask, w);
    if (settings.wordBigrams && w + 1 < words.length) {
      const next = words[w + 1];
      let h = hashRange(text, start, end, BIGRAM_SEED);
      h = imul(h ^ BOUNDARY, FNV_PRIME);
      h = hashRange(text, next.start, next.end, h);
      sink(finalise(h) & wordMask, words.length + w);
    }
    // Padded word: position start - 1 and end are the boundary character.
    const paddedEnd = end + 1;
    for (let from = start - 1; from + min <= paddedEnd; from++) {
      let h = CHAR_SEED;
      const last = paddedEnd < from + max ? paddedEnd : from + max;
      for (let i = from; i < last; i++) {
        const code = i < start || i >= end ? BOUNDARY : text.charCodeAt(i);
        h = imul(h ^ code, FNV_PRIME);
        if (i - from + 1 >= min) sink(charOffset + (finalise(h) & charMask), w);
      }
    }
  }
}

/**
 * Counts bucket occurrences of one text without allocating: a stamp per bucket says whether the
 * bucket was seen in the current text, and where its count is. Reused from text to text.
 */
export class BucketCounter {
  private stamps: Int32Array;
  private slots: Int32Array;
  private stamp = 0;
  buckets = new Int32Array(256);
  counts = new Float32Array(256);
  size = 0;

  constructor(totalBuckets: number) {
    this.stamps = new Int32Array(totalBuckets);
    this.slots = new Int32Array(totalBuckets);
  }

  get totalBuckets(): number {
    return this.stamps.length;
  }

  reset(): void {
    this.size = 0;
    this.stamp++;
    if (this.stamp === 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 1;
    }
  }

  /** Counts one occurrence of `bucket`; returns its slot (its index in `buckets`/`counts`). */
  add(bucket: number): number {
    if (this.stamps[bucket] === this.stamp) {
      const slot = this.slots[bucket];
      this.counts[slot]++;
      return slot;
    }
    if (this.size === this.buckets.length) this.grow();
    const slot = this.size++;
    this.stamps[bucket] = this.stamp;
    this.slots[bucket] = slot;
    this.buckets[slot] = bucket;
    this.counts[slot] = 1;
    return slot;
  }

  private grow(): void {
    const buckets = new Int32Array(this.buckets.length * 2);
    buckets.set(this.buckets);
    const counts = new Float32Array(this.counts.length * 2);
    counts.set(this.counts);
    this.buckets = buckets;
    this.counts = counts;
  }
}
