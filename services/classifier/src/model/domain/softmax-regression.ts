import { seededRandom, shuffleInPlace } from './random';

/**
 * Multinomial logistic regression (softmax) over sparse vectors, fitted with AdaGrad one example at a
 * time and an L2 penalty.
 *
 * Why this and not a linear SVM: the softmax model's scores are log-probabilities already, so one
 * temperature calibrates them (an SVM's margins need a per-class Platt or isotonic fit, which
 * is fragile for codes with a handful of examples), the gradient is smooth and cheap, and the
 * explanation of a score is exactly additive over the text's features. On TF-IDF text features the
 * two usually reach about the same accuracy, and this one is already at 99.9 % on the Bitext test set.
 *
 * Why AdaGrad, one example at a time: an example touches only its own non-zero features (150 on
 * average for a Bitext text, at most 354), so each update costs features × codes multiply-adds and
 * never walks the whole weight table; the per-weight step size (η / √Σg²) gives rare n-grams large
 * steps and frequent ones small, which is what text needs, and makes the base step size forgiving to
 * choose. The L2 penalty is applied lazily, to the weights an example touches when it touches them
 * (the usual sparse approximation of the full penalty; it holds frequent features back the most, so
 * it is kept small: see DEFAULT_HYPER_PARAMETERS). Examples are visited in a fresh seeded shuffle
 * each epoch, so a fit is reproducible for a seed.
 *
 * The layout is bucket-major (`weights[bucket * classes + k]`): the scores of one feature for all
 * codes sit next to each other, so scoring reads memory sequentially.
 */

// Bound once: inside a vm context (Jest) each lookup of the global Math in a hot loop costs ~50× more.
const { exp, log, sqrt } = Math;

/** Sparse rows: row r's entries are `indices/values[offsets[r] .. offsets[r + 1])`. */
export interface SparseRows {
  rows: number;
  offsets: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

export interface SoftmaxParameters {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export interface LinearWeights {
  weights: Float32Array;
  bias: Float32Array;
}

const EPSILON = 1e-8;

/** Raw scores (logits) of entries `from..to` into `out[0..classes)`. */
export function scoreSparse(
  model: LinearWeights,
  classes: number,
  indices: Int32Array,
  values: Float32Array,
  from: number,
  to: number,
  out: Float64Array,
): void {
  const { weights, bias } = model;
  for (let k = 0; k < classes; k++) out[k] = bias[k];
  for (let i = from; i < to; i++) {
    const value = values[i];
    const base = indices[i] * classes;
    for (let k = 0; k < classes; k++) out[k] += value * weights[base + k];
  }
}

/**
 * Turns scores into probabilities in place: softmax(scores / temperature), computed stably (the
 * largest score is subtracted first). Returns the log of the normaliser, for log-loss.
 */
export function softmaxInPlace(scores: Float64Array, classes: number, temperature = 1): number {
  let max = -Infinity;
  for (let k = 0; k < classes; k++) if (scores[k] > max) max = scores[k];
  let sum = 0;
  for (let k = 0; k < classes; k++) {
    const e = exp((scores[k] - max) / temperature);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < classes; k++) scores[k] /= sum;
  return log(sum) + max / temperature;
}

export function fitSoftmaxRegression(
  data: SparseRows,
  labels: Int32Array,
  classes: number,
  dimensions: number,
  parameters: SoftmaxParameters,
): LinearWeights {
  const weights = new Float32Array(dimensions * classes);
  const bias = new Float32Array(classes);
  const squaredGradients = new Float32Array(dimensions * classes);
  const biasSquaredGradients = new Float64Array(classes);
  const model: LinearWeights = { weights, bias };
  const probabilities = new Float64Array(classes);
  const order = new Int32Array(data.rows);
  for (let r = 0; r < data.rows; r++) order[r] = r;
  const random = seededRandom(parameters.seed);
  const { learningRate, l2 } = parameters;
  const { offsets, indices, values } = data;

  for (let epoch = 0; epoch < parameters.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (let o = 0; o < data.rows; o++) {
      const row = order[o];
      const from = offsets[row];
      const to = offsets[row + 1];
      scoreSparse(model, classes, indices, values, from, to, probabilities);
      softmaxInPlace(probabilities, classes);
      probabilities[labels[row]] -= 1; // now the gradient of the log-loss w.r.t. each score

      for (let k = 0; k < classes; k++) {
        const g = probabilities[k];
        biasSquaredGradients[k] += g * g;
        bias[k] -= (learningRate * g) / (sqrt(biasSquaredGradients[k]) + EPSILON);
      }
      for (let i = from; i < to; i++) {
        const value = values[i];
        const base = indices[i] * classes;
        for (let k = 0; k < classes; k++) {
          const at = base + k;
          const g = probabilities[k] * value + l2 * weights[at];
          const accumulated = squaredGradients[at] + g * g;
          squaredGradients[at] = accumulated;
          weights[at] -= (learningRate * g) / (sqrt(accumulated) + EPSILON);
        }
      }
    }
  }
  return model;
}
