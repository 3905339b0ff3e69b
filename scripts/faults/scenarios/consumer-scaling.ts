import { SERVICE_NAMES } from '../stack/service-process';
import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/**
 * Scenario 8: every service scaled 1 → 3 → 1 instances, again and again, during the load: each step
 * is a rebalance of its consumer group; no read-model row may be applied twice.
 */
export const CONSUMER_SCALING: Scenario = {
  name: 'scale 1→3→1',
  fault: 'every service scaled 1 → 3 → 1 instances (every 30 s; short run 4 s)',
  brokers: 1,
  loadMode: 'raw',
  poisonEvery: 0,
  events: { full: 150_000, short: 8_000 },
  rate: 800,
  async inject(context: ScenarioContext): Promise<InjectedFaults> {
    const stepMs = context.scale === 'full' ? 30_000 : 4_000;
    let steps = 0;
    const deadline = Date.now() + context.loadDurationMs - stepMs;
    while (Date.now() < deadline) {
      await sleep(stepMs);
      context.log('scaling every service to 3 instances');
      await Promise.all(
        SERVICE_NAMES.map(async (name) => {
          while (context.pipeline.of(name).length < 3) await context.pipeline.add(name);
        }),
      );
      await sleep(stepMs);
      context.log('scaling every service back to 1 instance');
      await Promise.all(
        SERVICE_NAMES.map(async (name) => {
          for (const extra of context.pipeline.of(name).slice(1)) {
            await extra.terminate();
            context.pipeline.remove(extra);
          }
        }),
      );
      steps += 2;
    }
    return { count: steps, notes: [], failures: [] };
  },
};
