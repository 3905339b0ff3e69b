import { Logger } from '@nestjs/common';
import { MetricsService } from '@supportlens/platform';
import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { SurveyScoringConfig } from '../config/survey-scoring.config';
import { ScoringConfigProvider } from './scoring-config.provider';
import { ScoringConfigRepository } from './scoring-config.repository';
import { ScoringConfigVersion } from './scoring-config-version';

const WEIGHTS = { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 };

function version(n: number, overrides: Partial<ScoringConfigVersion> = {}): ScoringConfigVersion {
  return {
    version: n,
    weights: { ...WEIGHTS },
    tolerance: 0.25,
    benchmarks: {},
    note: null,
    createdBy: null,
    createdAt: '2026-11-02T09:00:00.000Z',
    ...overrides,
  };
}

/** A repository whose `current()` answers from a script of results, the last one repeated. */
function repositoryAnswering(...answers: Array<ScoringConfigVersion | Error | undefined>) {
  const current = jest.fn(async () => {
    const answer = answers.length > 1 ? answers.shift() : answers[0];
    if (answer instanceof Error) throw answer;
    return answer;
  });
  return { current } as unknown as ScoringConfigRepository & { current: typeof current };
}

function providerWith(repository: ScoringConfigRepository, refreshMs = 1000, registry = new Registry()) {
  const settings = Object.assign(new SurveyScoringConfig(), {
    SCORING_CONFIG_REFRESH_MS: refreshMs,
    SCORING_CONFIG_LISTEN: false,
  });
  const metrics = { registry } as unknown as MetricsService;
  return new ScoringConfigProvider(repository, settings, {} as DataSource, metrics);
}

describe('ScoringConfigProvider', () => {
  let warn: jest.SpyInstance;
  const providers: ScoringConfigProvider[] = [];
  const started = (provider: ScoringConfigProvider) => (providers.push(provider), provider);

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

  it('loads the newest version at start and hands it out frozen', async () => {
    const provider = started(providerWith(repositoryAnswering(version(1))));
    await provider.onModuleInit();
    expect(provider.current).toMatchObject({ version: 1, weights: WEIGHTS });
    expect(Object.isFrozen(provider.current)).toBe(true);
    expect(Object.isFrozen(provider.current.weights)).toBe(true);
  });

  it('reports the version in use as supportlens_scoring_config_version', async () => {
    const registry = new Registry();
    const provider = started(providerWith(repositoryAnswering(version(7)), 1000, registry));
    await provider.onModuleInit();
    expect(await registry.getSingleMetricAsString('supportlens_scoring_config_version')).toContain(
      'supportlens_scoring_config_version 7',
    );
  });

  it('refuses to start without a configuration, saying what to do', async () => {
    const provider = providerWith(repositoryAnswering(undefined));
    await expect(provider.onModuleInit()).rejects.toThrow(/npm run migrate.*holds no version/);
  });

  it('re-reads every SCORING_CONFIG_REFRESH_MS', async () => {
    const repository = repositoryAnswering(version(1), version(2));
    const provider = started(providerWith(repository, 1000));
    await provider.onModuleInit();
    await jest.advanceTimersByTimeAsync(999);
    expect(provider.current.version).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(provider.current.version).toBe(2);
  });

  it('does not switch to a stored version that breaks the rules (weights adding up to 90)', async () => {
    const broken = version(5, { weights: { ...WEIGHTS, reliability: 22 } });
    const provider = started(providerWith(repositoryAnswering(version(4), broken)));
    await provider.onModuleInit();
    await expect(provider.refresh()).resolves.toMatchObject({ version: 4 });
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('stored version 5 breaks the rules: weights must add up to 100'),
    );
  });
});
