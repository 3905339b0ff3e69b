import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deepFreeze, LiveVersionedValue, LoadedVersion } from '@supportlens/persistence';
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
  private readonly live: LiveVersionedValue<LoadedTaxonomy>;

  constructor(
    private readonly repository: TaxonomyRepository,
    settings: ClassifierConfig,
    @InjectDataSource() dataSource: DataSource,
    metrics: MetricsService,
  ) {
    this.live = new LiveVersionedValue({
      name: 'taxonomy',
      activity: 'classifying',
      load: (isKnown) => this.read(isKnown),
      refreshMs: settings.TAXONOMY_REFRESH_MS,
      listen: settings.TAXONOMY_LISTEN ? { dataSource, channel: TAXONOMY_CHANNEL } : undefined,
      logger: new Logger(TaxonomyProvider.name),
    });
    const live = this.live;
    new Gauge({
      name: 'supportlens_taxonomy_version',
      help: 'The taxonomy version this instance classifies with',
      registers: [metrics.registry],
      collect() {
        if (live.version !== undefined) this.set(live.version);
      },
    });
  }

  /** The taxonomy to classify with now (its `version` is the stored version number, as text). Frozen. */
  get current(): Taxonomy {
    return this.live.current.taxonomy;
  }

  /** The current taxonomy with its patterns compiled; `matcher.taxonomy` is `current`. */
  get matcher(): TaxonomyMatcher {
    return this.live.current.matcher;
  }

  /** The current version as stored, for the API. Frozen. */
  get currentVersion(): TaxonomyVersion {
    return this.live.current.stored;
  }

  /** Consumers start after every module is initialised, so the first batch already has a taxonomy. */
  async onModuleInit(): Promise<void> {
    await this.live.start();
  }

  /** Consumers drain with the taxonomy in memory; the database closes after this. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }

  /**
   * Re-reads the newest version now and returns the version in use afterwards. Never throws: a
   * failure keeps the last good taxonomy.
   */
  async refresh(): Promise<TaxonomyVersion> {
    return (await this.live.refresh()).stored;
  }

  /** The newest version, checked and compiled; undefined when it is the one in use or known to be bad. */
  private async read(
    isKnown: (version: number) => boolean,
  ): Promise<LoadedVersion<LoadedTaxonomy> | undefined> {
    const newest = await this.repository.currentVersion();
    if (newest === undefined) throw new Error('classifier.taxonomy_versions holds no version');
    if (isKnown(newest)) return undefined;
    const stored = await this.repository.get(newest);
    if (!stored) throw new Error(`taxonomy version ${newest} disappeared while it was read`);

    const parsed = parseTaxonomyDocument({ categories: stored.categories, codes: stored.codes });
    if (!parsed.ok) {
      return { version: stored.version, violations: parsed.violations.map((v) => v.message) };
    }
    const taxonomy = deepFreeze(toTaxonomy(String(stored.version), parsed.document));
    const value = {
      stored: deepFreeze({ ...stored, ...parsed.document }),
      taxonomy,
      matcher: compileTaxonomy(taxonomy),
    };
    return { version: stored.version, value };
  }
}
