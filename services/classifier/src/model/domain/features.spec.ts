import { bucketOf, BucketCounter, DEFAULT_FEATURE_SETTINGS, emitFeatures, hashFeature } from './features';
import { FeatureSettings } from './text-model';
import { normaliseText, splitWords } from './tokenise';

const small: FeatureSettings = { ...DEFAULT_FEATURE_SETTINGS, wordBuckets: 1024, charBuckets: 1024 };

function emitted(text: string, settings: FeatureSettings): Array<[number, number]> {
  const split = splitWords(normaliseText(text));
  const out: Array<[number, number]> = [];
  emitFeatures(split.text, split.words, settings, (bucket, term) => out.push([bucket, term]));
  return out;
}

describe('feature hashing', () => {
  it('is fixed: the same feature always hashes to the same value, in every process', () => {
    // Pinned values: if these change, every stored model featurises differently and must be retrained.
    expect(hashFeature('word', 'cancel')).toBe(hashFeature('word', 'cancel'));
    expect([
      hashFeature('word', 'cancel'),
      hashFeature('bigram', 'cancel order'),
      hashFeature('char', ' ca'),
    ]).toEqual(PINNED);
  });

  it('keeps the families apart: a word and the same characters as an n-gram are different features', () => {
    expect(hashFeature('word', 'an')).not.toBe(hashFeature('char', 'an'));
    expect(bucketOf('word', 'an', small)).toBeLessThan(small.wordBuckets);
    expect(bucketOf('char', 'an', small)).toBeGreaterThanOrEqual(small.wordBuckets);
    expect(bucketOf('char', 'an', small)).toBeLessThan(small.wordBuckets + small.charBuckets);
  });

  it('emits the unigram, the bigrams and the character n-grams of each padded word', () => {
    const settings: FeatureSettings = { ...small, charNgramMin: 2, charNgramMax: 3 };
    // "ab cd": words ab (term 0), cd (term 1), bigram "ab cd" (term 2).
    // Padded " ab ": 2-grams " a", "ab", "b "; 3-grams " ab", "ab ". The same for " cd ".
    const expected: Array<[number, number]> = [
      [bucketOf('word', 'ab', settings), 0],
      [bucketOf('bigram', 'ab cd', settings), 2],
      [bucketOf('char', ' a', settings), 0],
      [bucketOf('char', ' ab', settings), 0],
      [bucketOf('char', 'ab', settings), 0],
      [bucketOf('char', 'ab ', settings), 0],
      [bucketOf('char', 'b ', settings), 0],
      [bucketOf('word', 'cd', settings), 1],
      [bucketOf('char', ' c', settings), 1],
      [bucketOf('char', ' cd', settings), 1],
      [bucketOf('char', 'cd', settings), 1],
      [bucketOf('char', 'cd ', settings), 1],
      [bucketOf('char', 'd ', settings), 1],
    ];
    expect(emitted('AB, cd!', settings)).toEqual(expected);
  });

  it('leaves out bigrams when told to', () => {
    const withBigrams = emitted('reset my password', small);
    const without = emitted('reset my password', { ...small, wordBigrams: false });
    expect(withBigrams.length - without.length).toBe(2);
    expect(without.every(([, term]) => term < 3)).toBe(true);
  });

  it('counts repeated buckets once each with their count, and resets between texts', () => {
    const counter = new BucketCounter(16);
    counter.reset();
    [3, 5, 3, 3].forEach((b) => counter.add(b));
    expect([...counter.buckets.subarray(0, counter.size)]).toEqual([3, 5]);
    expect([...counter.counts.subarray(0, counter.size)]).toEqual([3, 1]);
    counter.reset();
    counter.add(5);
    expect(counter.size).toBe(1);
    expect(counter.counts[0]).toBe(1);
  });

  it('grows past its initial capacity', () => {
    const counter = new BucketCounter(4096);
    counter.reset();
    for (let b = 0; b < 1000; b++) counter.add(b);
    expect(counter.size).toBe(1000);
    expect(counter.buckets[999]).toBe(999);
  });
});

const PINNED = [2467317528, 2489689378, 2314508090];
