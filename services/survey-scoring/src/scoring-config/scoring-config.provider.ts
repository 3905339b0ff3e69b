import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgNotificationListener } from '@supportlens/persistence';
import { MetricsService } from '@supportlens/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { SurveyScoringConfig } from '../config/survey-scoring.config';
import { scoringConfigViolations } from './create-scoring-config.dto';
import { ScoringConfigRepository } from './scoring-config.repository';
import { ScoringConfigVersion } from './scoring-config-version';

/** The channel the `scoring_configs` insert trigger notifies, with the new version as payload. */
export const SCORING_CONFIG_CHANNEL = 'survey_scoring_config';

/**
 * The scoring configuration this instance scores with: the newest version, held in memory so that
 * neither a batch nor a dry run queries the database. Every instance re-reads it every
 * SCORING_CONFIG_REFRESH_MS; the instance that creates a version takes it at once; with
 * SCORING_CONFIG_LISTEN every instance also re-reads it as soon as Postgres notifies a new version.
 * A failed read (database away, a stored version that breaks the rules) keeps the last good
 * configuration and logs a warning.
 */
@Injectable()
export class ScoringConfigProvider implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ScoringConfigProvider.name);
  private config: ScoringConfigVersion | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private listener: PgNotificationListener | undefined;
  private stopped = false;
  /** Reads are numbered as they start; an answer older than the one applied is dropped. */
  private readsStarted = 0;
  private readApplied = 0;
  private readonly versionGauge: Gauge;

  constructor(
    private readonly repository: ScoringConfigRepository,
    private readonly settings: SurveyScoringConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.versionGauge = new Gauge({
      name: 'supportlens_scoring_config_version',
      help: 'The scoring configuration version this instance scores with',
      registers: [metrics.registry],
    });
  }

  /** The configuration to score with now. Frozen: it is shared by every batch and request. */
  get current(): ScoringConfigVersion {
    if (!this.config) throw new Error('the scoring configuration has not been loaded yet');
    return this.config;
  }

  /** Consumers start after every module is initialised, so the first batch already has a configuration. */
  async onModuleInit(): Promise<void> {
    try {
      this.apply(await this.read(), ++this.readsStarted);
    } catch (error) {
      throw new Error(
        `cannot load the scoring configuration (has \`npm run migrate\` run?): ${messageOf(error)}`,
        { cause: error },
      );
    }
    this.scheduleRefresh();
    if (this.settings.SCORING_CONFIG_LISTEN) {
      this.listener = new PgNotificationListener(this.dataSource, {
        channel: SCORING_CONFIG_CHANNEL,
        onNotification: () => void this.refresh(),
        // Versions created while the connection was away were not notified: catch up.
        onListening: () => void this.refresh(),
      });
      this.listener.start();
    }
  }

  /** Consumers drain with the configuration in memory; the database closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
    await this.listener?.stop();
  }

  /**
   * Re-reads the newest version now and returns the configuration in use afterwards. Never throws: a
   * failure keeps the last good configuration.
   */
  async refresh(): Promise<ScoringConfigVersion> {
    if (this.stopped) return this.current;
    const readNumber = ++this.readsStarted;
    try {
      this.apply(await this.read(), readNumber);
    } catch (error) {
      this.logger.warn(
        `cannot refresh the scoring configuration, still scoring with version ${this.config?.version}: ${messageOf(error)}`,
      );
    }
    return this.current;
  }

  private async read(): Promise<ScoringConfigVersion> {
    const loaded = await this.repository.current();
    if (!loaded) throw new Error('survey_scoring.scoring_configs holds no version');
    const violations = scoringConfigViolations(loaded);
    if (violations.length > 0) {
      throw new Error(
        `stored version ${loaded.version} breaks the rules: ${violations.map((v) => v.message).join('; ')}`,
      );
    }
    return loaded;
  }

  private apply(loaded: ScoringConfigVersion, readNumber: number): void {
    // A slow read that started before a version was created must not bring back the older one.
    if (readNumber < this.readApplied) return;
    this.readApplied = readNumber;
    if (this.config?.version !== loaded.version) {
      this.logger.log(
        this.config
          ? `scoring with configuration version ${loaded.version} (was ${this.config.version})`
          : `scoring with configuration version ${loaded.version}`,
      );
    }
    this.config = deepFreeze(loaded);
    this.versionGauge.set(loaded.version);
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      void this.refresh().finally(() => this.scheduleRefresh());
    }, this.settings.SCORING_CONFIG_REFRESH_MS);
    this.refreshTimer.unref();
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
