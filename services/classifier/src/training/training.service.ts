import { Injectable, Logger } from '@nestjs/common';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { TrainingExample } from '../model/domain/text-model';
import { modelInput } from '../text/domain/model-input';
import { ModelProvider } from '../model-registry/model-provider';
import { ModelVersionsRepository, ModelVersionSummary } from '../model-registry/model-versions.repository';
import { decidePromotion } from './domain/promotion-rule';
import { TrainingExecutor } from './training-executor';

export interface TrainingRequest {
  /** Extra labelled texts (a file, an API call), trained on together with what agents labelled. */
  examples?: TrainingExample[];
  /** Leave out the labels agents gave in the pipeline (train on `examples` alone). */
  onlyGivenExamples?: boolean;
  /** Promote even if the new model is worse than the promoted one. */
  force?: boolean;
  note?: string;
}

export interface TrainingOutcome {
  model: ModelVersionSummary;
  reason: string;
}

const HOLDOUT_FRACTION = 0.2;
const SEED = 20261123;

/** Trains, evaluates against the promoted model on the same holdout, stores, and promotes if not worse. */
@Injectable()
export class TrainingService {
  private readonly logger = new Logger(TrainingService.name);
  private running: Promise<TrainingOutcome> | undefined;

  constructor(
    private readonly labelled: LabelledExamplesRepository,
    private readonly versions: ModelVersionsRepository,
    private readonly executor: TrainingExecutor,
    private readonly models: ModelProvider,
  ) {}

  /** One training at a time per instance: a second request waits for the one in progress. */
  train(request: TrainingRequest): Promise<TrainingOutcome> {
    const previous = this.running ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.trainNow(request));
    this.running = next;
    return next;
  }

  private async trainNow(request: TrainingRequest): Promise<TrainingOutcome> {
    const given = [
      ...(request.onlyGivenExamples ? [] : await this.labelled.trainingExamples()),
      ...(request.examples ?? []),
    ];
    if (given.length === 0) throw new NoTrainingDataError('there are no labelled examples to train on');
    // The same text the classifier will read at prediction time.
    const examples = given.map((example) => ({ text: modelInput(example.text), code: example.code }));
    const current = await this.versions.currentPromoted();
    const result = await this.executor.run({
      examples,
      holdoutFraction: HOLDOUT_FRACTION,
      seed: SEED,
      currentModel: current?.model,
    });
    const decision = decidePromotion(result.evaluation, result.baseline ?? undefined, request.force ?? false);
    const version = await this.versions.save({
      ...result,
      promoted: decision.promote,
      forced: (request.force ?? false) && decision.promote && decision.reason.startsWith('forced'),
      note: request.note ?? null,
    });
    this.logger.log(
      `model version ${version}: accuracy ${result.evaluation.accuracy.toFixed(4)}, macro-F1 ` +
        `${result.evaluation.macroF1.toFixed(4)} on ${result.holdoutExamples} held out, ` +
        `trained in ${result.trainingSeconds.toFixed(1)} s; ${decision.promote ? 'promoted' : 'not promoted'} (${decision.reason})`,
    );
    if (decision.promote) await this.models.refresh();
    return { model: (await this.versions.get(version))!, reason: decision.reason };
  }
}

export class NoTrainingDataError extends Error {}
