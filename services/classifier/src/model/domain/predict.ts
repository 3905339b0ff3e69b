import { BucketCounter, emitFeatures } from './features';
import { scoreSparse, softmaxInPlace } from './softmax-regression';
import { Prediction, ScoredCode, TermContribution, TextModel } from './text-model';
import { weighCounts } from './tfidf';
import { normaliseText, splitWords, WordSpan } from './tokenise';

export interface PredictOptions {
  /** How many candidates to return, best first (default 3; at most the number of codes). */
  topK?: number;
  /** How many terms to explain the top code with (default 5; 0 skips the explanation, faster). */
  explain?: number;
}

export const DEFAULT_TOP_K = 3;
export const DEFAULT_EXPLAIN = 5;

/**
 * Scratch space shared by every prediction in this process (JavaScript runs one at a time), so a
 * prediction allocates almost nothing: one counter per table size, growable buffers.
 */
const counters = new Map<number, BucketCounter>();
let scratchIndices = new Int32Array(1024);
let scratchValues = new Float32Array(1024);
let scratchScores = new Float64Array(64);
let hitSlots = new Int32Array(1024);
let hitTerms = new Int32Array(1024);
let hits = 0;

function counterFor(model: TextModel): BucketCounter {
  const total = model.features.wordBuckets + model.features.charBuckets;
  let counter = counters.get(total);
  if (!counter) {
    counter = new BucketCounter(total);
    counters.set(total, counter);
  }
  return counter;
}

function recordHit(slot: number, term: number): void {
  if (hits === hitSlots.length) {
    const slots = new Int32Array(hits * 2);
    slots.set(hitSlots);
    const terms = new Int32Array(hits * 2);
    terms.set(hitTerms);
    hitSlots = slots;
    hitTerms = terms;
  }
  hitSlots[hits] = slot;
  hitTerms[hits] = term;
  hits++;
}

/**
 * The model's best codes for a text, with calibrated probabilities (softmax of the scores divided by
 * the temperature; over all codes they sum to 1), best first, and the terms of the text that pushed
 * it most towards the top code.
 *
 * The explanation is additive. A code's score is its bias plus Σ_b x_b·w_{b,code} over the text's
 * feature buckets b (x_b its TF-IDF value). What sets the top code apart from the codes on average is
 * Σ_b x_b·(w_{b,top} − mean_k w_{b,k}); each bucket's share of that, divided by the temperature (so it
 * is in calibrated log-odds units), goes to the terms of the text that produced the bucket: a word
 * gets its own unigram and its character n-grams, a bigram ("cancel order") its word pair. A bucket hit
 * by several occurrences is shared equally between them; a word written twice counts once, with the
 * sum of both. The terms are returned by weight, largest first, only those that pushed towards the top
 * code (weight > 0). The weights of all terms, positive and negative, add up to the top code's score
 * above the average score, less the bias difference, over the temperature.
 */
export function predict(model: TextModel, text: string, options: PredictOptions = {}): Prediction {
  const classes = model.codes.length;
  const topK = Math.max(0, Math.min(classes, Math.floor(options.topK ?? DEFAULT_TOP_K)));
  const explain = Math.max(0, Math.floor(options.explain ?? DEFAULT_EXPLAIN));
  const counter = counterFor(model);
  counter.reset();
  hits = 0;
  const split = splitWords(normaliseText(text));
  if (explain > 0) {
    emitFeatures(split.text, split.words, model.features, (bucket, term) =>
      recordHit(counter.add(bucket), term),
    );
  } else {
    emitFeatures(split.text, split.words, model.features, (bucket) => counter.add(bucket));
  }
  if (counter.size > scratchIndices.length) {
    scratchIndices = new Int32Array(counter.size * 2);
    scratchValues = new Float32Array(counter.size * 2);
  }
  if (classes > scratchScores.length) scratchScores = new Float64Array(classes * 2);
  const indices = scratchIndices;
  const values = scratchValues;
  const scores = scratchScores;
  const n = weighCounts(
    counter.buckets,
    counter.counts,
    counter.size,
    model.idf,
    model.features,
    indices,
    values,
  );
  scoreSparse(model, classes, indices, values, 0, n, scores);
  softmaxInPlace(scores, classes, model.temperature);

  const candidates = topCandidates(model.codes, scores, topK);
  if (explain === 0 || classes === 0) return { candidates, explanation: [] };
  const top = argMax(scores, classes); // the code of candidates[0]: ties go to the first code either way
  return { candidates, explanation: explainTop(model, top, split, counter, values, explain) };
}

function argMax(scores: Float64Array, classes: number): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (scores[k] > scores[best]) best = k;
  return best;
}

/** The k most probable codes, best first; ties go to the code that sorts first. */
function topCandidates(codes: readonly string[], probabilities: Float64Array, k: number): ScoredCode[] {
  const chosen: number[] = [];
  for (let c = 0; c < codes.length; c++) {
    // Insertion into a short sorted list: k is small, the codes a few dozen.
    let at = chosen.length;
    while (at > 0 && probabilities[c] > probabilities[chosen[at - 1]]) at--;
    if (at < k) {
      chosen.splice(at, 0, c);
      if (chosen.length > k) chosen.pop();
    }
  }
  return chosen.map((c) => ({ code: codes[c], confidence: probabilities[c] }));
}

/** Per-term contributions to (top score − mean score) / T; `values[slot]` is the slot's TF-IDF value. */
function explainTop(
  model: TextModel,
  top: number,
  split: { text: string; words: readonly WordSpan[] },
  counter: BucketCounter,
  values: Float32Array,
  limit: number,
): TermContribution[] {
  const classes = model.codes.length;
  const { text, words } = split;
  const perSlot = new Float64Array(counter.size);
  for (let slot = 0; slot < counter.size; slot++) {
    if (values[slot] === 0) continue; // a bucket training never saw
    const base = counter.buckets[slot] * classes;
    let sum = 0;
    for (let k = 0; k < classes; k++) sum += model.weights[base + k];
    const margin = model.weights[base + top] - sum / classes;
    perSlot[slot] = (values[slot] * margin) / (model.temperature * counter.counts[slot]);
  }
  const perTerm = new Float64Array(words.length * 2);
  for (let h = 0; h < hits; h++) perTerm[hitTerms[h]] += perSlot[hitSlots[h]];

  const byName = new Map<string, number>();
  for (let term = 0; term < perTerm.length; term++) {
    if (!(perTerm[term] > 0)) continue;
    const name =
      term < words.length
        ? text.slice(words[term].start, words[term].end)
        : `${text.slice(words[term - words.length].start, words[term - words.length].end)} ${text.slice(words[term - words.length + 1].start, words[term - words.length + 1].end)}`;
    byName.set(name, (byName.get(name) ?? 0) + perTerm[term]);
  }
  return [...byName]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([term, weight]) => ({ term, weight }));
}
