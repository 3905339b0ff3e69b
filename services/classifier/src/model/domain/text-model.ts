/**
 * The statistical text model's interface, shared by the model implementation (this folder), the
 * training service and the classification pipeline. Pure data: a model is plain numbers and strings,
 * so it serialises to Postgres and loads in any instance.
 */

/** One labelled text: what the customer wrote and the issue code an agent (or a dataset) gave it. */
export interface TrainingExample {
  text: string;
  code: string;
}

/** A code the model proposes for a text, with its calibrated probability. */
export interface ScoredCode {
  code: string;
  confidence: number;
}

/** A term and how much it pushed the text towards the top code: the explanation of a prediction. */
export interface TermContribution {
  term: string;
  weight: number;
}

export interface Prediction {
  /** Best first; probabilities over all codes sum to 1. */
  candidates: ScoredCode[];
  explanation: TermContribution[];
}

export interface CodeQuality {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** How a model did on a held-out split. */
export interface Evaluation {
  examples: number;
  accuracy: number;
  macroF1: number;
  perCode: Record<string, CodeQuality>;
  /** The most frequent confusions, actual → predicted. */
  confusionPairs: Array<{ actual: string; predicted: string; count: number }>;
}

// ---------------------------------------------------------------------------------------------------
// The trained model: plain data (numbers, strings, typed arrays), built by `trainModel`, used by
// `predict` and `evaluate`, stored with `encodeModel` / `decodeModel`.
// ---------------------------------------------------------------------------------------------------

/** How a text becomes a feature vector. Stored in the model, so a model always featurises as trained. */
export interface FeatureSettings {
  /**
   * Hash buckets for word unigrams and bigrams, a power of two. Word features live in buckets
   * `[0, wordBuckets)`, character n-grams in `[wordBuckets, wordBuckets + charBuckets)`, so the two
   * families never collide with each other.
   */
  wordBuckets: number;
  /** Hash buckets for character n-grams, a power of two. */
  charBuckets: number;
  /** Shortest and longest character n-gram, taken within each word padded by one space each side. */
  charNgramMin: number;
  charNgramMax: number;
  /** Include word bigrams (adjacent words) as well as unigrams. */
  wordBigrams: boolean;
  /**
   * The share of the (unit) vector's squared norm given to the word block; the character block gets
   * the rest. Each block is L2-normalised on its own first, so the many character n-grams do not drown
   * the few word features.
   */
  wordBlockWeight: number;
}

/** How the classifier was fitted. Stored in the model, so a model says how it was made. */
export interface HyperParameters {
  seed: number;
  epochs: number;
  /** AdaGrad's base step size. */
  learningRate: number;
  /** L2 penalty per weight, applied to the weights an example touches (lazy, per update). */
  l2: number;
  /** Share of the examples held out (stratified) to fit the softmax temperature. */
  holdoutFraction: number;
  /**
   * Width σ of the log-normal prior on the temperature (the standard deviation of ln T around 0): how
   * far from 1 the held-out evidence must be to move T. Infinity: plain maximum likelihood.
   */
  temperaturePriorWidth: number;
  /** After calibration, refit the weights on every example (the temperature is kept). */
  refit: boolean;
}

export interface TrainingOptions extends Partial<HyperParameters> {
  features?: Partial<FeatureSettings>;
}

/** What training saw and how calibration went: enough to judge a model without re-running it. */
export interface TrainingInfo {
  /** Examples the final weights were fitted on. */
  examples: number;
  /** Examples per code over the whole training set. */
  examplesPerCode: Record<string, number>;
  /** Examples held out for calibration (0 when there were too few to hold any out). */
  holdoutExamples: number;
  /** Accuracy on the held-out slice, of the model fitted without it. */
  holdoutAccuracy: number | null;
  /** Mean log-loss on the held-out slice before (T = 1) and after temperature scaling. */
  holdoutLogLoss: number | null;
  calibratedLogLoss: number | null;
  /** Mean log-loss of the final weights on their own training examples (temperature applied). */
  trainingLogLoss: number;
  /** Distinct non-empty hash buckets seen in training. */
  usedBuckets: number;
}

export interface TextModel {
  /** The shape of this object; `decodeModel` refuses blobs of a version it does not know. */
  formatVersion: number;
  /** The codes the model can return, sorted; column k of the weights belongs to `codes[k]`. */
  codes: string[];
  features: FeatureSettings;
  hyperParameters: HyperParameters;
  /** Inverse document frequency per bucket; 0 for a bucket no training text hit (it is ignored). */
  idf: Float32Array;
  /** Bucket-major: the weight of bucket b for code k is `weights[b * codes.length + k]`. */
  weights: Float32Array;
  /** One bias per code. */
  bias: Float32Array;
  /** Softmax temperature: probabilities are softmax(scores / temperature). */
  temperature: number;
  training: TrainingInfo;
}
