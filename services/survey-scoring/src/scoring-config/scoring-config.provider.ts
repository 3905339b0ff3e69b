import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deepFreeze, LiveVersionedValue, LoadedVersion } from '@supportlens/persistence';
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
  private readonly live: LiveVersionedValue<ScoringConfigVersion>;

  constructor(
    private readonly repository: ScoringConfigRepository,
    settings: SurveyScoringConfig,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.live = new LiveVersionedValue({
      name: 'scoring configuration',
      activity: 'scoring',
      versionLabel: 'configuration version',
      load: () => this.read(),
      refreshMs: settings.SCORING_CONFIG_REFRESH_MS,
      listen: settings.SCORING_CONFIG_LISTEN ? { dataSource, channel: SCORING_CONFIG_CHANNEL } : undefined,
      logger: new Logger(ScoringConfigProvider.name),
    });
    const live = this.live;
    new Gauge({
      name: 'supportlens_scoring_config_version',
      help: 'The scoring configuration version this instance scores with',
      registers: [metrics.registry],
      collect() {
        if (live.version !== undefined) this.set(live.version);
      },
    });
  }

  /** The configuration to score with now. Frozen: it is shared by every batch and request. */
  get current(): ScoringConfigVersion {
    return this.live.current;
  }

  /** Consumers start after every module is initialised, so the first batch already has a configuration. */
  async onModuleInit(): Promise<void> {
    await this.live.start();
  }

  /** Consumers drain with the configuration in memory; the database closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }

  /**
   * Re-reads the newest version now and returns the configuration in use afterwards. Never throws: a
   * failure keeps the last good configuration.
   */
  async refresh(): Promise<ScoringConfigVersion> {
    return this.live.refresh();
  }

  /**
   * The newest version, every time. One that breaks the rules is reported as a failed read (warned
   * about at every refresh, the last good configuration kept).
   */
  private async read(): Promise<LoadedVersion<ScoringConfigVersion>> {
    const loaded = await this.repository.current();
    if (!loaded) throw new Error('survey_scoring.scoring_configs holds no version');
    const violations = scoringConfigViolations(loaded);
    if (violations.length > 0) {
      throw new Error(
        `stored version ${loaded.version} breaks the rules: ${violations.map((v) => v.message).join('; ')}`,
      );
    }
    return { version: loaded.version, value: deepFreeze(loaded) };
  }
}
