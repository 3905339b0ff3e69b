import { DEFAULT_FEATURE_SETTINGS } from './features';
import { FeatureSettings } from './text-model';
import { idfFromDocumentFrequencies, weighCounts } from './tfidf';

describe('TF-IDF', () => {
  // A table of 4 word buckets (0–3) and 4 character buckets (4–7), and 3 training documents.
  const settings: FeatureSettings = {
    ...DEFAULT_FEATURE_SETTINGS,
    wordBuckets: 4,
    charBuckets: 4,
    wordBlockWeight: 0.5,
  };
  const documentFrequency = Int32Array.from([1, 3, 0, 0, 2, 0, 0, 0]);
  const idf = idfFromDocumentFrequencies(documentFrequency, 3);

  it('computes the smoothed idf, ln((1 + N) / (1 + df)) + 1, and 0 for unseen buckets', () => {
    expect(idf[0]).toBeCloseTo(Math.log(4 / 2) + 1, 6); // df 1: 1.693147
    expect(idf[1]).toBeCloseTo(1, 6); // df 3 = N: ln(4/4) + 1 = 1, a feature in every text
    expect(idf[4]).toBeCloseTo(Math.log(4 / 3) + 1, 6); // df 2: 1.287682
    expect(idf[2]).toBe(0); // never seen in training
  });

  it('weighs a worked example: sublinear tf × idf, each block normalised to half the length', () => {
    // The text hits bucket 0 once, bucket 1 three times, bucket 4 twice and the unseen bucket 2 five times.
    const buckets = [0, 1, 4, 2];
    const counts = [1, 3, 2, 5];
    const indices = new Int32Array(4);
    const values = new Float32Array(4);
    expect(weighCounts(buckets, counts, 4, idf, settings, indices, values)).toBe(4);

    // tf = 1 + ln(count):    b0 1,             b1 1 + ln 3 = 2.098612,  b4 1 + ln 2 = 1.693147
    // tf × idf:              b0 1.693147,      b1 2.098612,             b4 1.693147 × 1.287682 = 2.180226
    // word block (b0, b1) norm √(1.693147² + 2.098612²) = √(2.866747 + 4.404173) = √7.270921 = 2.696465,
    // scaled to length √0.5 = 0.707107: b0 = 1.693147 × 0.707107 / 2.696465 = 0.444002,
    //                                   b1 = 2.098612 × 0.707107 / 2.696465 = 0.550329.
    // char block (b4 alone) scaled to length √0.5: b4 = 0.707107. b2 (idf 0) = 0.
    expect([...indices]).toEqual([0, 1, 4, 2]);
    expect(values[0]).toBeCloseTo(0.444002, 5);
    expect(values[1]).toBeCloseTo(0.550329, 5);
    expect(values[2]).toBeCloseTo(0.707107, 5);
    expect(values[3]).toBe(0);
    const norm = Math.hypot(...values);
    expect(norm).toBeCloseTo(1, 6);
  });

  it('gives a text with one family only all of its length there', () => {
    const indices = new Int32Array(2);
    const values = new Float32Array(2);
    weighCounts([0, 1], [1, 1], 2, idf, settings, indices, values);
    // 1.693147 and 1, normalised to unit length: / √(2.866747 + 1) = / 1.966405
    expect(values[0]).toBeCloseTo(1.693147 / 1.966405, 5);
    expect(values[1]).toBeCloseTo(1 / 1.966405, 5);
  });

  it('writes from an offset, leaving the rest of the arrays alone', () => {
    const indices = new Int32Array([9, 9, 9]);
    const values = new Float32Array([9, 9, 9]);
    weighCounts([4], [1], 1, idf, settings, indices, values, 2);
    expect([...indices]).toEqual([9, 9, 4]);
    expect([...values]).toEqual([9, 9, 1]);
  });
});
