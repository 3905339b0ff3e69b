import { predict } from './predict';
import { CodeQuality, Evaluation, TextModel, TrainingExample } from './text-model';

export interface EvaluateOptions {
  /** How many confusion pairs to list (default 10). */
  confusionPairs?: number;
}

/**
 * Scores a model's top code against labelled examples.
 *
 * - accuracy: share of examples whose top code is the labelled one;
 * - per code: precision = TP / (TP + FP), recall = TP / (TP + FN), F1 = 2PR / (P + R), support = the
 *   examples labelled with it; a ratio with a zero denominator counts as 0 (as scikit-learn does);
 * - macro-F1: the unweighted mean of the per-code F1 over every code that is labelled or predicted in
 *   `examples`, so a rare code weighs as much as a common one, and a code predicted but never right
 *   counts against the model;
 * - confusion pairs: actual → predicted for the wrong answers, most frequent first.
 */
export function evaluate(
  model: TextModel,
  examples: readonly TrainingExample[],
  options: EvaluateOptions = {},
): Evaluation {
  return evaluatePredictions(
    examples.map((example) => ({
      actual: example.code,
      predicted: predict(model, example.text, { topK: 1, explain: 0 }).candidates[0]?.code ?? '',
    })),
    options,
  );
}

/** The same measures over (actual, predicted) pairs: usable with any classifier. */
export function evaluatePredictions(
  pairs: ReadonlyArray<{ actual: string; predicted: string }>,
  options: EvaluateOptions = {},
): Evaluation {
  const truePositives = new Map<string, number>();
  const predictedCount = new Map<string, number>();
  const support = new Map<string, number>();
  const confusions = new Map<string, { actual: string; predicted: string; count: number }>();
  const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
  let right = 0;
  for (const { actual, predicted } of pairs) {
    bump(support, actual);
    bump(predictedCount, predicted);
    if (actual === predicted) {
      right++;
      bump(truePositives, actual);
    } else {
      const key = JSON.stringify([actual, predicted]);
      const pair = confusions.get(key) ?? { actual, predicted, count: 0 };
      pair.count++;
      confusions.set(key, pair);
    }
  }
  const codes = [...new Set([...support.keys(), ...predictedCount.keys()])].sort();
  const perCode: Record<string, CodeQuality> = {};
  let f1Sum = 0;
  for (const code of codes) {
    const tp = truePositives.get(code) ?? 0;
    const predicted = predictedCount.get(code) ?? 0;
    const actual = support.get(code) ?? 0;
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = actual === 0 ? 0 : tp / actual;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    perCode[code] = { precision, recall, f1, support: actual };
    f1Sum += f1;
  }
  const confusionPairs = [...confusions.values()]
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.actual < b.actual ? -1 : a.actual > b.actual ? 1 : 0) ||
        (a.predicted < b.predicted ? -1 : a.predicted > b.predicted ? 1 : 0),
    )
    .slice(0, options.confusionPairs ?? 10);
  return {
    examples: pairs.length,
    accuracy: pairs.length === 0 ? 0 : right / pairs.length,
    macroF1: codes.length === 0 ? 0 : f1Sum / codes.length,
    perCode,
    confusionPairs,
  };
}
