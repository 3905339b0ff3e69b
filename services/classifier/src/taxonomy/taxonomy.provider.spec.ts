import { Logger } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { ClassifierConfig } from '../config/classifier.config';
import { DEFAULT_TAXONOMY_DOCUMENT } from './domain/default-taxonomy';
import { TaxonomyProvider } from './taxonomy.provider';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyVersion } from './taxonomy-version';

function version(n: number, changes: Partial<TaxonomyVersion> = {}): TaxonomyVersion {
  return {
    version: n,
    note: null,
    createdBy: null,
    createdAt: '2026-11-02T09:00:00.000Z',
    ...structuredClone(DEFAULT_TAXONOMY_DOCUMENT),
    ...changes,
  };
}

/** A repository whose newest version follows a script of answers, the last one repeated. */
function repositoryAnswering(...answers: Array<TaxonomyVersion | Error | undefined>) {
  const stored = new Map<number, TaxonomyVersion>();
  const currentVersion = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer instanceof Error) throw answer;
    if (answer) stored.set(answer.version, answer);
    return answer?.version;
  });
  const get = jest.fn(async (n: number) => stored.get(n));
  return { currentVersion, get } as unknown as TaxonomyRepository & {
    currentVersion: typeof currentVersion;
    get: typeof get;
  };
}

function providerWith(repository: TaxonomyRepository, refreshMs = 1000, registry = new Registry()) {
  const settings = Object.assign(new ClassifierConfig(), {
    TAXONOMY_REFRESH_MS: refreshMs,
    TAXONOMY_LISTEN: false,
  });
  const metrics = { registry } as unknown as MetricsService;
  return new TaxonomyProvider(repository, settings, {} as DataSource, metrics);
}

describe('TaxonomyProvider', () => {
  let warn: jest.SpyInstance;
  const providers: TaxonomyProvider[] = [];
  const started = (provider: TaxonomyProvider) => (providers.push(provider), provider);

  beforeEach(() => {
    jest.useFakeTimers();
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });

  afterEach(async () => {
    for (const provider of providers.splice(0)) await provider.beforeApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('loads the newest version at start: the taxonomy (version as text), its compiled patterns, frozen', async () => {
    const provider = started(providerWith(repositoryAnswering(version(3))));
    await provider.onModuleInit();
    expect(provider.current.version).toBe('3');
    expect(provider.current.codes.find((c) => c.code === 'billing.invoice')).toMatchObject({
      category: 'billing',
      parent: 'billing',
    });
    expect(provider.matcher.taxonomy).toBe(provider.current);
    expect(provider.matcher.match('what about my right to be forgotten?')?.code).toBe(
      'privacy.data_deletion',
    );
    expect(provider.currentVersion).toMatchObject({ version: 3, note: null });
    expect(Object.isFrozen(provider.current.codes[0].keywords)).toBe(true);
    expect(Object.isFrozen(provider.currentVersion.categories)).toBe(true);
  });

  it('reports the version in use as supportlens_taxonomy_version', async () => {
    const registry = new Registry();
    const provider = started(providerWith(repositoryAnswering(version(7)), 1000, registry));
    await provider.onModuleInit();
    expect(await registry.getSingleMetricAsString('supportlens_taxonomy_version')).toContain(
      'supportlens_taxonomy_version 7',
    );
  });

  it('refuses to start without a taxonomy, saying what to do', async () => {
    const provider = providerWith(repositoryAnswering(undefined));
    await expect(provider.onModuleInit()).rejects.toThrow(/npm run migrate.*holds no version/);
  });

  it('picks up a new version on the timer, loading the document only when the number changed', async () => {
    const repository = repositoryAnswering(version(1), version(1), version(2));
    const provider = started(providerWith(repository, 1000));
    await provider.onModuleInit();
    await jest.advanceTimersByTimeAsync(1000);
    expect(provider.current.version).toBe('1');
    expect(repository.get).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1000);
    expect(provider.current.version).toBe('2');
    expect(repository.get).toHaveBeenCalledTimes(2);
  });

  it('does not switch to a stored version that breaks the rules, and says so once', async () => {
    const broken = version(5, {
      codes: [{ ...DEFAULT_TAXONOMY_DOCUMENT.codes[0], parent: 'nowhere' }],
    });
    const provider = started(providerWith(repositoryAnswering(version(4), broken)));
    await provider.onModuleInit();
    await expect(provider.refresh()).resolves.toMatchObject({ version: 4 });
    await expect(provider.refresh()).resolves.toMatchObject({ version: 4 });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'stored taxonomy version 5 breaks the rules, not using it (still classifying with version 4): codes[0].parent',
      ),
    );
  });
});
