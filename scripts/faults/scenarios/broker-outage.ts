import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/**
 * Scenario 4: the broker stopped mid-load and started again, with the load going through ingest's
 * HTTP API: producers and consumers resume by themselves, and ingest answers 503 (never 2xx for
 * records it could not hand to Kafka — a 2xx that was not would show up as lost).
 */
export const BROKER_OUTAGE: Scenario = {
  name: 'broker down',
  fault: 'the broker stopped, then restarted (60 s; short run 10 s), load over HTTP ingest',
  brokers: 1,
  loadMode: 'http',
  poisonEvery: 0,
  events: { full: 100_000, short: 8_000 },
  rate: 600,
  // Shorter than the outage, so requests waiting on the absent broker are answered 503 while it is
  // still away; at the default (10 s, as long as the short outage) the first 503 raced the restart.
  serviceEnv: { INGEST_PUBLISH_TIMEOUT_MS: '3000' },
  async inject(context: ScenarioContext): Promise<InjectedFaults> {
    const outageMs = context.scale === 'full' ? 60_000 : 10_000;
    await sleep(context.loadDurationMs / 4);
    const before = { ...context.load.stats.httpStatuses };
    context.log(`stopping the broker for ${outageMs / 1000} s`);
    await context.kafka.stopNode(0);
    await sleep(outageMs);
    const during = diff(context.load.stats.httpStatuses, before);
    await context.kafka.startNode(0);
    context.log('the broker is back');
    const failures: string[] = [];
    if ((during['503'] ?? 0) === 0) failures.push('ingest never answered 503 while the broker was away');
    const exited = context.pipeline.all().filter((instance) => !instance.running);
    if (exited.length > 0)
      failures.push(`exited during the outage: ${exited.map((i) => i.label).join(', ')}`);
    return {
      count: 1,
      notes: [`HTTP answers while the broker was away: ${JSON.stringify(during)}`],
      failures,
    };
  },
};

function diff(after: Record<string, number>, before: Record<string, number>): Record<string, number> {
  const result: Record<string, number> = {};
  for (const [status, count] of Object.entries(after)) {
    const delta = count - (before[status] ?? 0);
    if (delta > 0) result[status] = delta;
  }
  return result;
}
