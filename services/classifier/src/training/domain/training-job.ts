import { decodeModel, encodeModel, evaluate, stratifiedSplit, trainModel } from '../../model/domain';
import { Evaluation, TrainingExample } from '../../model/domain/text-model';

export interface TrainingJobInput {
  examples: TrainingExample[];
  /** Share of examples held out for the evaluation that decides promotion. */
  holdoutFraction: number;
  seed: number;
  /** The promoted model, to evaluate on the same holdout as the candidate. */
  currentModel?: Buffer;
}

export interface TrainingJobResult {
  model: Buffer;
  evaluation: Evaluation;
  baseline: Evaluation | null;
  trainingExamples: number;
  holdoutExamples: number;
  codes: number;
  trainingSeconds: number;
}

/**
 * Trains a candidate on all but a stratified holdout, and evaluates it and the promoted model on that
 * same holdout, so the promotion decision compares like with like. Pure computation (CPU-bound; the
 * service runs it off the event loop).
 */
export function runTrainingJob(input: TrainingJobInput): TrainingJobResult {
  const codes = new Set(input.examples.map((example) => example.code));
  if (codes.size < 2) throw new Error(`training needs examples of at least 2 codes, got ${codes.size}`);
  const { train, holdout } = stratifiedSplit(input.examples, input.holdoutFraction, input.seed);
  const started = process.hrtime.bigint();
  const model = trainModel(train, { seed: input.seed });
  const trainingSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return {
    model: encodeModel(model),
    evaluation: evaluate(model, holdout),
    baseline: input.currentModel ? evaluate(decodeModel(input.currentModel), holdout) : null,
    trainingExamples: train.length,
    holdoutExamples: holdout.length,
    codes: codes.size,
    trainingSeconds,
  };
}
