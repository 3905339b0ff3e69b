import { Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ClassifierConfig } from '../config/classifier.config';
import { decodeModel, TextModel } from '../model/domain';
import { ModelVersionsRepository } from './model-versions.repository';

export interface LoadedModel {
  version: number;
  model: TextModel;
}

/**
 * The promoted model, in memory. Each instance re-checks the promoted version on a timer (a cheap
 * query) and loads the bytes only when it changed, so a model trained anywhere is used everywhere
 * without a restart; a failed refresh keeps the model in hand.
 */
@Injectable()
export class ModelProvider implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ModelProvider.name);
  private loaded: LoadedModel | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly versions: ModelVersionsRepository,
    private readonly config: ClassifierConfig,
  ) {}

  /** Undefined until a first model has been trained and promoted: classification then uses the rules. */
  get current(): LoadedModel | undefined {
    return this.loaded;
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh(), this.config.MODEL_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async refresh(): Promise<void> {
    try {
      const version = await this.versions.currentPromotedVersion();
      if (version === undefined || version === this.loaded?.version) return;
      const promoted = await this.versions.currentPromoted();
      if (!promoted) return;
      this.loaded = { version: promoted.summary.version, model: decodeModel(promoted.model) };
      this.logger.log(`using model version ${promoted.summary.version}`);
    } catch (error) {
      this.logger.warn(
        `model refresh failed, keeping version ${this.loaded?.version ?? 'none'}: ${(error as Error).message}`,
      );
    }
  }
}
