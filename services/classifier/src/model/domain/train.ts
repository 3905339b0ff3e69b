import { fitTemperature, meanLogLoss } from './calibration';
import { assertFeatureSettings, BucketCounter, DEFAULT_FEATURE_SETTINGS } from './features';
import { fitSoftmaxRegression, LinearWeights, scoreSparse, SparseRows } from './softmax-regression';
import { stratifiedSplit } from './split';
import { TextModel, TrainingExample, TrainingOptions, HyperParameters, FeatureSettings } from './text-model';
import { countFeatures, idfFromDocumentFrequencies, weighCounts } from './tfidf';

/** The version of the `TextModel` shape (and of the binary format `encodeModel` writes). */
export const TEXT_MODEL_FORMAT_VERSION = 1;

/**
 * Defaults chosen on a stratified 20 % validation slice of the Bitext training set (never its test
 * set), clean and perturbed (typos, casing, punctuation, filler words):
 *
 * - 10 epochs: clean validation accuracy is flat from 5 epochs on; log-loss keeps improving a little
 *   to 10–12. Stopping there is also the main regulariser.
 * - AdaGrad base step 0.25: 0.2–0.3 did best on perturbed text; 0.5 and 1 overshoot rare n-grams
 *   (perturbed accuracy fell by 0.4 and 1 point), 0.1 is under-fitted in 10 epochs.
 * - L2 1e-7 per touched weight: anything stronger (1e-5, 1e-4) cost accuracy, above all on perturbed
 *   text, because the lazy penalty shrinks the weights of frequent, useful features the most.
 * - 10 % held out (stratified) to fit the temperature, with a log-normal prior of σ = 0.5 on it
 *   (T within about [0.37, 2.7] unless the held-out slice shows strong evidence), then a refit on
 *   everything with that temperature kept.
 */
export const DEFAULT_HYPER_PARAMETERS: HyperParameters = {
  seed: 20_261_102,
  epochs: 10,
  learningRate: 0.25,
  l2: 1e-7,
  holdoutFraction: 0.1,
  temperaturePriorWidth: 0.5,
  refit: true,
};

/**
 * Trains a model: TF-IDF over hashed word and character n-grams, a softmax regression on top, and a
 * temperature fitted on a stratified held-out slice (then, by default, the weights refitted on every
 * example with that temperature kept). Deterministic: the same examples, options and seed give the
 * same model, bit for bit.
 */
export function trainModel(examples: TrainingExample[], options: TrainingOptions = {}): TextModel {
  const { features: featureOptions, ...hyperOptions } = options;
  const features: FeatureSettings = { ...DEFAULT_FEATURE_SETTINGS, ...featureOptions };
  const hyperParameters: HyperParameters = { ...DEFAULT_HYPER_PARAMETERS, ...withoutUndefined(hyperOptions) };
  assertFeatureSettings(features);
  assertHyperParameters(hyperParameters);
  if (examples.length === 0) throw new Error('cannot train a model on no examples');
  for (const example of examples) {
    if (typeof example.code !== 'string' || example.code.length === 0 || typeof example.text !== 'string') {
      throw new Error('every training example needs a text and a non-empty code');
    }
  }

  const codes = [...new Set(examples.map((example) => example.code))].sort();
  const codeIndex = new Map(codes.map((code, k) => [code, k]));
  const examplesPerCode: Record<string, number> = {};
  for (const code of codes) examplesPerCode[code] = 0;
  for (const example of examples) examplesPerCode[example.code]++;
  const counter = new BucketCounter(features.wordBuckets + features.charBuckets);

  const { train, holdout } =
    hyperParameters.holdoutFraction > 0 && codes.length > 1
      ? stratifiedSplit(examples, hyperParameters.holdoutFraction, hyperParameters.seed)
      : { train: examples, holdout: [] };

  let fitted = fit(train, codeIndex, codes.length, features, hyperParameters, counter);
  let temperature = 1;
  let holdoutAccuracy: number | null = null;
  let holdoutLogLoss: number | null = null;
  let calibratedLogLoss: number | null = null;
  if (holdout.length > 0) {
    const { scores, labels } = scoreAll(fitted, holdout, codeIndex, codes.length, features, counter);
    temperature = fitTemperature(scores, labels, codes.length, hyperParameters.temperaturePriorWidth);
    holdoutAccuracy = accuracyOf(scores, labels, codes.length);
    holdoutLogLoss = meanLogLoss(scores, labels, codes.length, 1);
    calibratedLogLoss = meanLogLoss(scores, labels, codes.length, temperature);
    if (hyperParameters.refit) {
      fitted = fit(examples, codeIndex, codes.length, features, hyperParameters, counter);
    }
  }
  const finalExamples = holdout.length > 0 && !hyperParameters.refit ? train : examples;
  const own = scoreAll(fitted, finalExamples, codeIndex, codes.length, features, counter);

  let usedBuckets = 0;
  for (let b = 0; b < fitted.idf.length; b++) if (fitted.idf[b] !== 0) usedBuckets++;
  return {
    formatVersion: TEXT_MODEL_FORMAT_VERSION,
    codes,
    features,
    hyperParameters,
    idf: fitted.idf,
    weights: fitted.weights,
    bias: fitted.bias,
    temperature,
    training: {
      examples: finalExamples.length,
      examplesPerCode,
      holdoutExamples: holdout.length,
      holdoutAccuracy,
      holdoutLogLoss,
      calibratedLogLoss,
      trainingLogLoss: meanLogLoss(own.scores, own.labels, codes.length, temperature),
      usedBuckets,
    },
  };
}

interface Fitted extends LinearWeights {
  idf: Float32Array;
}

/** IDF from `examples`, their TF-IDF vectors, and the softmax regression fitted on them. */
function fit(
  examples: readonly TrainingExample[],
  codeIndex: ReadonlyMap<string, number>,
  classes: number,
  features: FeatureSettings,
  hyperParameters: HyperParameters,
  counter: BucketCounter,
): Fitted {
  const dimensions = counter.totalBuckets;
  // Pass 1: raw counts of every text, and document frequencies.
  const offsets = new Int32Array(examples.length + 1);
  let buckets = new Int32Array(Math.max(1024, examples.length * 64));
  let counts = new Float32Array(buckets.length);
  const documentFrequency = new Int32Array(dimensions);
  const labels = new Int32Array(examples.length);
  let size = 0;
  examples.forEach((example, row) => {
    labels[row] = codeIndex.get(example.code)!;
    countFeatures(example.text, features, counter);
    if (size + counter.size > buckets.length) {
      const capacity = Math.max(buckets.length * 2, size + counter.size);
      const grownBuckets = new Int32Array(capacity);
      grownBuckets.set(buckets.subarray(0, size));
      const grownCounts = new Float32Array(capacity);
      grownCounts.set(counts.subarray(0, size));
      buckets = grownBuckets;
      counts = grownCounts;
    }
    for (let i = 0; i < counter.size; i++) {
      buckets[size + i] = counter.buckets[i];
      counts[size + i] = counter.counts[i];
      documentFrequency[counter.buckets[i]]++;
    }
    size += counter.size;
    offsets[row + 1] = size;
  });
  const idf = idfFromDocumentFrequencies(documentFrequency, examples.length);

  // Pass 2: TF-IDF values beside the buckets (every bucket of these texts has df ≥ 1, so idf > 0).
  const values = new Float32Array(size);
  for (let row = 0; row < examples.length; row++) {
    const from = offsets[row];
    const to = offsets[row + 1];
    weighCounts(
      buckets.subarray(from, to),
      counts.subarray(from, to),
      to - from,
      idf,
      features,
      buckets,
      values,
      from,
    );
  }
  const data: SparseRows = { rows: examples.length, offsets, indices: buckets.subarray(0, size), values };
  const weights = fitSoftmaxRegression(data, labels, classes, dimensions, hyperParameters);
  return { ...weights, idf };
}

/** Raw scores (row-major) of `examples` under a fitted model, with their labels. */
function scoreAll(
  fitted: Fitted,
  examples: readonly TrainingExample[],
  codeIndex: ReadonlyMap<string, number>,
  classes: number,
  features: FeatureSettings,
  counter: BucketCounter,
): { scores: Float64Array; labels: Int32Array } {
  const scores = new Float64Array(examples.length * classes);
  const labels = new Int32Array(examples.length);
  const row = new Float64Array(classes);
  let indices = new Int32Array(1024);
  let values = new Float32Array(1024);
  examples.forEach((example, r) => {
    labels[r] = codeIndex.get(example.code)!;
    countFeatures(example.text, features, counter);
    if (counter.size > indices.length) {
      indices = new Int32Array(counter.size * 2);
      values = new Float32Array(counter.size * 2);
    }
    const n = weighCounts(
      counter.buckets,
      counter.counts,
      counter.size,
      fitted.idf,
      features,
      indices,
      values,
    );
    scoreSparse(fitted, classes, indices, values, 0, n, row);
    scores.set(row, r * classes);
  });
  return { scores, labels };
}

function accuracyOf(scores: Float64Array, labels: Int32Array, classes: number): number {
  let right = 0;
  for (let r = 0; r < labels.length; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++) if (scores[r * classes + k] > scores[r * classes + best]) best = k;
    if (best === labels[r]) right++;
  }
  return labels.length === 0 ? 0 : right / labels.length;
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function assertHyperParameters(p: HyperParameters): void {
  if (!Number.isInteger(p.epochs) || p.epochs < 1) throw new Error('epochs must be a positive integer');
  if (!(p.learningRate > 0)) throw new Error('learningRate must be positive');
  if (!(p.l2 >= 0)) throw new Error('l2 must be zero or positive');
  if (!(p.holdoutFraction >= 0 && p.holdoutFraction < 1)) {
    throw new Error('holdoutFraction must be at least 0 and below 1');
  }
  if (!Number.isInteger(p.seed)) throw new Error('seed must be an integer');
  if (!(p.temperaturePriorWidth > 0))
    throw new Error('temperaturePriorWidth must be positive (Infinity for none)');
}
