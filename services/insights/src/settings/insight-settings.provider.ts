import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deepFreeze, LiveVersionedValue, LoadedVersion } from '@supportlens/persistence';
import { MetricsService } from '@supportlens/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { InsightsConfig } from '../config/insights.config';
import { DEFAULT_INSIGHT_SETTINGS, VersionedInsightSettings } from './domain/insight-settings';
import { SettingsFieldError } from './domain/json-shape';
import { applySettingsPatch, readStoredSettings } from './domain/validate-insight-settings';
import { InsightSettingsRepository, StoredSettingsVersion } from './insight-settings.repository';
import { InsightSettingsVersionView } from './insight-settings.view';

/** The channel the `settings_versions` trigger notifies on every insert and delete. */
export const INSIGHT_SETTINGS_CHANNEL = 'insights_settings';

/** Version 0: the code's defaults, in force until a version is stored. */
const CODE_DEFAULTS: InsightSettingsVersionView = deepFreeze({
  version: 0,
  settings: structuredClone(DEFAULT_INSIGHT_SETTINGS),
  note: 'the code defaults',
  createdBy: null,
  createdAt: null,
});

export type CreateSettingsResult = { created: InsightSettingsVersionView } | { errors: SettingsFieldError[] };

/**
 * The insight settings in force on this instance: the newest stored version (the code's defaults
 * as version 0 when none is), held in memory so that no batch queries for it. Every instance
 * re-reads it every INSIGHT_SETTINGS_REFRESH_MS; the instance that creates a version takes it at
 * once; with INSIGHT_SETTINGS_LISTEN every instance also re-reads as soon as Postgres notifies a new
 * (or deleted) version. A failed read (database away, a stored version that breaks the rules) keeps
 * the last good settings and logs a warning; at start it stops the service.
 *
 * Detectors read `current` once per batch and put `current.version` in an insight's evidence, so a
 * reader knows which thresholds decided it.
 */
@Injectable()
export class InsightSettingsProvider implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(InsightSettingsProvider.name);
  private readonly live: LiveVersionedValue<InsightSettingsVersionView>;
  private readonly repository: InsightSettingsRepository;

  constructor(config: InsightsConfig, @InjectDataSource() dataSource: DataSource, metrics: MetricsService) {
    this.repository = new InsightSettingsRepository(dataSource);
    this.live = new LiveVersionedValue({
      name: 'insight settings',
      activity: 'detecting',
      versionLabel: 'settings version',
      load: (isKnown) => this.read(isKnown),
      refreshMs: config.INSIGHT_SETTINGS_REFRESH_MS,
      listen: config.INSIGHT_SETTINGS_LISTEN ? { dataSource, channel: INSIGHT_SETTINGS_CHANNEL } : undefined,
      logger: this.logger,
    });
    const live = this.live;
    new Gauge({
      name: 'supportlens_insight_settings_version',
      help: 'The insight settings version this instance detects with (0: the code defaults)',
      registers: [metrics.registry],
      collect() {
        if (live.version !== undefined) this.set(live.version);
      },
    });
  }

  /** The settings to use now, with their version. Frozen: shared by every batch and request. */
  get current(): VersionedInsightSettings {
    return this.live.current;
  }

  /** The version in force, with who made it and why, for the API. Frozen. */
  get currentVersion(): InsightSettingsVersionView {
    return this.live.current;
  }

  /** Consumers start after every module is initialised, so the first batch already has settings. */
  async onModuleInit(): Promise<void> {
    await this.live.start();
  }

  /** Consumers drain with the settings in memory; the database closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }

  /** Re-reads the newest version now. Never throws: a failure keeps the last good settings. */
  async refresh(): Promise<InsightSettingsVersionView> {
    return this.live.refresh();
  }

  /** Every version, newest first, the code defaults (version 0) last. */
  async versions(): Promise<InsightSettingsVersionView[]> {
    const stored = await this.repository.list();
    return [...stored.map(toView), CODE_DEFAULTS];
  }

  /** One version (0: the code defaults); undefined when there is no such version. */
  async version(version: number): Promise<InsightSettingsVersionView | undefined> {
    if (version === 0) return CODE_DEFAULTS;
    const stored = await this.repository.get(version);
    return stored && toView(stored);
  }

  /**
   * A new version: `patch` merged over the newest stored version (not over this instance's copy,
   * which may lag), validated, stored, and used here at once. Nothing is stored when a field is bad.
   */
  async create(
    patch: unknown,
    meta: { note: string | null; createdBy: string | null },
  ): Promise<CreateSettingsResult> {
    const outcome = await this.repository.create<SettingsFieldError[]>((newest) => {
      const base = newest ? readStoredSettings(newest.document).settings : DEFAULT_INSIGHT_SETTINGS;
      const result = applySettingsPatch(base, patch);
      return result.ok ? { store: result.settings } : { refuse: result.errors };
    }, meta);
    if ('refused' in outcome) return { errors: outcome.refused };
    const created = toView(outcome.created);
    this.live.apply(created.version, created);
    return { created };
  }

  /** The newest version, checked; undefined when it is the one in use or one already refused. */
  private async read(
    isKnown: (version: number) => boolean,
  ): Promise<LoadedVersion<InsightSettingsVersionView> | undefined> {
    const newest = (await this.repository.newestVersion()) ?? 0;
    if (isKnown(newest)) return undefined;
    if (newest === 0) return { version: 0, value: CODE_DEFAULTS };
    const stored = await this.repository.get(newest);
    if (!stored) throw new Error(`insight settings version ${newest} disappeared while it was read`);
    const { view, ignored } = readVersion(stored);
    if (view.problems) return { version: newest, violations: view.problems };
    if (ignored.length > 0) {
      this.logger.warn(
        `settings version ${newest} names settings this code does not have, ignored: ${ignored.join(', ')}`,
      );
    }
    return { version: newest, value: view };
  }
}

function toView(stored: StoredSettingsVersion): InsightSettingsVersionView {
  return readVersion(stored).view;
}

/**
 * A stored version read over the code defaults: `problems` when the running code cannot use it,
 * `ignored` the settings it names that the code no longer has.
 */
function readVersion(stored: StoredSettingsVersion): { view: InsightSettingsVersionView; ignored: string[] } {
  const { settings, errors, ignored } = readStoredSettings(stored.document);
  const view: InsightSettingsVersionView = {
    version: stored.version,
    settings,
    note: stored.note,
    createdBy: stored.createdBy,
    createdAt: stored.createdAt,
    ...(errors.length > 0 ? { problems: errors.map((error) => error.message) } : {}),
  };
  return { view: deepFreeze(view), ignored };
}
