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
