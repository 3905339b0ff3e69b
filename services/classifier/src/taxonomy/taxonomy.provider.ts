import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PgNotificationListener } from '@supportlens/persistence';
import { MetricsService } from '@supportlens/platform';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { ClassifierConfig } from '../config/classifier.config';
import { compileTaxonomy, TaxonomyMatcher } from './domain/match-rules';
import { Taxonomy, toTaxonomy } from './domain/taxonomy';
import { parseTaxonomyDocument } from './domain/validate-taxonomy';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyVersion } from './taxonomy-version';

/** The channel the `taxonomy_versions` insert trigger notifies, with the new version as payload. */
export const TAXONOMY_CHANNEL = 'classifier_taxonomy';

interface LoadedTaxonomy {
  stored: TaxonomyVersion;
  taxonomy: Taxonomy;
  matcher: TaxonomyMatcher;
}

/**
 * The taxonomy this instance classifies with: the newest stored version, held in memory with its
 * patterns compiled, so that neither a batch nor a dry run queries the database. Every instance
 * checks the newest version number every TAXONOMY_REFRESH_MS (and loads the document only when it
 * changed); the instance that creates a version takes it at once; with TAXONOMY_LISTEN every instance
 * also re-reads as soon as Postgres notifies a new version. A failed read (database away, a stored
 * version that breaks the rules) keeps the last good taxonomy and logs a warning.
 */
@Injectable()
export class TaxonomyProvider implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(TaxonomyProvider.name);
  private loaded: LoadedTaxonomy | undefined;
  /** A stored version found to break the rules: not read again, and warned about once. */
  private rejectedVersion: number | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private listener: PgNotificationListener | undefined;
  private stopped = false;
  /** Reads are numbered as they start; an answer older than the one applied is dropped. */
  private readsStarted = 0;
  private readApplied = 0;
  private readonly versionGauge: Gauge;

  constructor(
    private readonly repository: TaxonomyRepository,
    private readonly settings: ClassifierConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.versionGauge = new Gauge({
      name: 'supportlens_taxonomy_version',
      help: 'The taxonomy version this instance classifies with',
      registers: [metrics.registry],
    });
  }

  /** The taxonomy to classify with now (its `version` is the stored version number, as text). Frozen. */
  get current(): Taxonomy {
    return this.state.taxonomy;
  }

  /** The current taxonomy with its patterns compiled; `matcher.taxonomy` is `current`. */
  get matcher(): TaxonomyMatcher {
    return this.state.matcher;
  }

  /** The current version as stored, for the API. Frozen. */
  get currentVersion(): TaxonomyVersion {
    return this.state.stored;
  }

  private get state(): LoadedTaxonomy {
    if (!this.loaded) throw new Error('the taxonomy has not been loaded yet');
    return this.loaded;
  }

  /** Consumers start after every module is initialised, so the first batch already has a taxonomy. */
  async onModuleInit(): Promise<void> {
    try {
      const loaded = await this.read();
      if (loaded) this.apply(loaded, ++this.readsStarted);
    } catch (error) {
      throw new Error(`cannot load the taxonomy (has \`npm run migrate\` run?): ${messageOf(error)}`, {
        cause: error,
      });
    }
    if (!this.loaded) {
      throw new Error(
        `cannot load the taxonomy: the newest stored version (${this.rejectedVersion}) breaks the rules`,
      );
    }
    this.scheduleRefresh();
    if (this.settings.TAXONOMY_LISTEN) {
      this.listener = new PgNotificationListener(this.dataSource, {
        channel: TAXONOMY_CHANNEL,
        onNotification: () => void this.refresh(),
        // Versions created while the connection was away were not notified: catch up.
        onListening: () => void this.refresh(),
      });
      this.listener.start();
    }
  }

  /** Consumers drain with the taxonomy in memory; the database closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refreshTimer);
    await this.listener?.stop();
  }

  /**
   * Re-reads the newest version now and returns the version in use afterwards. Never throws: a
   * failure keeps the last good taxonomy.
   */
  async refresh(): Promise<TaxonomyVersion> {
    if (this.stopped) return this.currentVersion;
    const readNumber = ++this.readsStarted;
    try {
      const loaded = await this.read();
      if (loaded) this.apply(loaded, readNumber);
    } catch (error) {
      this.logger.warn(
        `cannot refresh the taxonomy, still classifying with version ${this.loaded?.stored.version}: ${messageOf(error)}`,
      );
    }
    return this.currentVersion;
  }

  /** The newest version, checked and compiled; undefined when it is the one in use or known to be bad. */
  private async read(): Promise<LoadedTaxonomy | undefined> {
    const newest = await this.repository.currentVersion();
    if (newest === undefined) throw new Error('classifier.taxonomy_versions holds no version');
    if (newest === this.loaded?.stored.version || newest === this.rejectedVersion) return undefined;
    const stored = await this.repository.get(newest);
    if (!stored) throw new Error(`taxonomy version ${newest} disappeared while it was read`);

    const parsed = parseTaxonomyDocument({ categories: stored.categories, codes: stored.codes });
    if (!parsed.ok) {
      this.rejectedVersion = stored.version;
      this.logger.warn(
        `stored taxonomy version ${stored.version} breaks the rules, not using it` +
          (this.loaded ? ` (still classifying with version ${this.loaded.stored.version})` : '') +
          `: ${parsed.violations.map((v) => v.message).join('; ')}`,
      );
      return undefined;
    }
    const taxonomy = deepFreeze(toTaxonomy(String(stored.version), parsed.document));
    return {
      stored: deepFreeze({ ...stored, ...parsed.document }),
      taxonomy,
      matcher: compileTaxonomy(taxonomy),
    };
  }

  private apply(loaded: LoadedTaxonomy, readNumber: number): void {
    // A slow read that started before a version was created must not bring back the older one.
    if (readNumber < this.readApplied) return;
    this.readApplied = readNumber;
    const version = loaded.stored.version;
    if (this.loaded?.stored.version !== version) {
      this.logger.log(
        this.loaded
          ? `classifying with taxonomy version ${version} (was ${this.loaded.stored.version})`
          : `classifying with taxonomy version ${version}`,
      );
    }
    this.loaded = loaded;
    this.versionGauge.set(version);
  }

  private scheduleRefresh(): void {
    if (this.stopped) return;
    this.refreshTimer = setTimeout(() => {
      void this.refresh().finally(() => this.scheduleRefresh());
    }, this.settings.TAXONOMY_REFRESH_MS);
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
