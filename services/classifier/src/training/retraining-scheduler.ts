import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ClassifierConfig } from '../config/classifier.config';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { ModelVersionsRepository } from '../model-registry/model-versions.repository';
import { TrainingService } from './training.service';

/** Only one instance of the service retrains per round. */
const RETRAINING_LOCK = 4_217_703_777;

/**
 * Retrains on a schedule from what agents labelled, when enough new labels arrived since the
 * promoted model was trained. The usual promotion rule applies: a worse model is stored, not used.
 */
@Injectable()
export class RetrainingScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RetrainingScheduler.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly config: ClassifierConfig,
    private readonly training: TrainingService,
    private readonly labelled: LabelledExamplesRepository,
    private readonly versions: ModelVersionsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.CLASSIFIER_RETRAIN_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => void this.maybeRetrain(), this.config.CLASSIFIER_RETRAIN_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Returns the new model version, or undefined when there was nothing (new) to learn from. */
  async maybeRetrain(): Promise<number | undefined> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RETRAINING_LOCK,
      ])) as Array<{
        locked: boolean;
      }>;
      if (!locked) return undefined;
      try {
        const labels = await this.labelled.count();
        const promoted = (await this.versions.list()).find((model) => model.promoted);
        const seen = promoted ? promoted.trainingExamples + promoted.holdoutExamples : 0;
        if (labels - seen < this.config.CLASSIFIER_RETRAIN_MIN_NEW_LABELS) return undefined;
        const outcome = await this.training.train({
          note: `scheduled: ${labels} agent labels (${labels - seen} new)`,
        });
        return outcome.model.version;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RETRAINING_LOCK]);
      }
    } catch (error) {
      this.logger.warn(`scheduled retraining failed: ${(error as Error).message}`);
      return undefined;
    } finally {
      await runner.release();
    }
  }
}
