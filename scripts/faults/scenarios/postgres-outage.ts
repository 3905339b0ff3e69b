import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/**
 * Scenario 3: Postgres stopped mid-load and started again. Transient errors are retried, nothing is
 * dead-lettered, the lag is worked off; while Postgres is away the readiness probe says so (503).
 */
export const POSTGRES_OUTAGE: Scenario = {
  name: 'Postgres down',
  fault: 'Postgres stopped, then restarted (60 s; short run 8 s)',
  brokers: 1,
  loadMode: 'raw',
  poisonEvery: 0,
  events: { full: 100_000, short: 8_000 },
  rate: 800,
  async inject(context: ScenarioContext): Promise<InjectedFaults> {
    const outageMs = context.scale === 'full' ? 60_000 : 8_000;
    await sleep(context.loadDurationMs / 4);
    context.log(`stopping Postgres for ${outageMs / 1000} s`);
    await context.postgres.stopServer('fast');
    const probed = new Set<string>();
    const deadline = Date.now() + outageMs;
    while (Date.now() < deadline) {
      for (const instance of context.pipeline.all()) if (!(await instance.ready())) probed.add(instance.name);
      await sleep(1000);
    }
    await context.postgres.startServer();
    context.log('Postgres is back');
    const failures = ['ingest', 'classifier', 'survey-scoring', 'insights']
      .filter((name) => !probed.has(name))
      .map((name) => `${name}'s readiness probe never reported the outage`);
    const exited = context.pipeline.all().filter((instance) => !instance.running);
    if (exited.length > 0)
      failures.push(`exited during the outage: ${exited.map((i) => i.label).join(', ')}`);
    return {
      count: 1,
      notes: [`readiness 503 seen on: ${[...probed].sort().join(', ') || 'none'}`],
      failures,
    };
  },
};
