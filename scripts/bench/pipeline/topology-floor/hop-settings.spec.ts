import { hopSettingsFromEnv, hopSettingsToEnv, HopSettings } from './hop-settings';

describe('hop settings', () => {
  const forwarding: HopSettings = {
    brokers: ['127.0.0.1:9092', '127.0.0.1:9093'],
    groupPrefix: 'bench-1.topology.ingest',
    routes: { 'bench.topology.cases.raw': 'bench.topology.cases.mid' },
    concurrency: 6,
  };

  it('come back from the environment they were written to', () => {
    expect(hopSettingsFromEnv(hopSettingsToEnv(forwarding))).toEqual({
      ...forwarding,
      databaseUrl: undefined,
    });
    const writing = {
      ...forwarding,
      routes: { 'bench.topology.cases.out': '' },
      databaseUrl: 'postgres://x/y',
    };
    expect(hopSettingsFromEnv(hopSettingsToEnv(writing))).toEqual(writing);
  });

  it('refuse a hop that neither forwards a topic nor has a database to write it to', () => {
    expect(() =>
      hopSettingsFromEnv(hopSettingsToEnv({ ...forwarding, routes: { 'bench.topology.cases.out': '' } })),
    ).toThrow('a hop without HOP_DATABASE_URL must forward every input topic');
  });

  it('name a missing setting and refuse a concurrency that is not a whole number', () => {
    const { HOP_GROUP_PREFIX: _omitted, ...env } = hopSettingsToEnv(forwarding);
    expect(() => hopSettingsFromEnv(env)).toThrow('HOP_GROUP_PREFIX is not set');
    for (const concurrency of ['six', '0', '2.5'])
      expect(() =>
        hopSettingsFromEnv({ ...hopSettingsToEnv(forwarding), HOP_CONCURRENCY: concurrency }),
      ).toThrow(`HOP_CONCURRENCY must be a whole number of at least 1, not ${concurrency}`);
  });
});
