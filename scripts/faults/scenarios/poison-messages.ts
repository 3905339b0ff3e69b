import { Scenario } from './scenario';

/**
 * Scenario 6: broken JSON, schema-invalid and oversized records at 1 in 1,000 on the raw topics:
 * each lands in the DLQ once (the runner compares the count with what was injected), every good
 * record is applied, and no service restarts.
 */
export const POISON_MESSAGES: Scenario = {
  name: 'poison 1/1000',
  fault: 'broken JSON, schema-invalid, oversized records at 1 in 1,000',
  brokers: 1,
  loadMode: 'raw',
  poisonEvery: 1000,
  events: { full: 100_000, short: 5_000 },
  rate: 800,
  async inject(context) {
    const failures: string[] = [];
    const started = new Set(context.pipeline.all().map((instance) => instance.pid));
    await context.load.finished();
    const restarted = context.pipeline
      .all()
      .filter((instance) => !instance.running || !started.has(instance.pid));
    if (restarted.length > 0)
      failures.push(`restarted or exited: ${restarted.map((i) => i.label).join(', ')}`);
    return { count: 0, notes: [], failures };
  },
};
