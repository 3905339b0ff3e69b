import { SERVICE_NAMES } from '../stack/service-process';
import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/**
 * Scenarios 1 and 2: an instance of each service in turn is killed (`kill -9`, mid-batch: the load
 * never pauses) or stopped (SIGTERM: it drains and exits), then started again, `count` times spread
 * over the load. Insights catches up above an input lag of 500, so a restart's backlog is caught up.
 */
function processFaults(signal: 'SIGKILL' | 'SIGTERM'): Scenario {
  const kill = signal === 'SIGKILL';
  return {
    name: kill ? 'kill -9' : 'SIGTERM',
    fault: kill
      ? 'kill -9 of an instance of each service in turn, mid-batch (20; short run 4)'
      : 'SIGTERM of an instance of each service in turn under load (20; short run 4)',
    brokers: 1,
    loadMode: 'raw',
    poisonEvery: 0,
    events: { full: 200_000, short: 6_000 },
    rate: 800,
    // A restarted insights instance meets a backlog of a few seconds: catch up on it, so kills also
    // land while customers are deferred and while the catch-up's end judges them.
    serviceEnv: { CATCH_UP_ENTER_LAG: '500', CATCH_UP_EXIT_LAG: '100' },
    async inject(context: ScenarioContext): Promise<InjectedFaults> {
      const times = context.scale === 'full' ? 20 : 4;
      const gap = context.loadDurationMs / (times + 1);
      const failures: string[] = [];
      let forced = 0;
      let longestDrainMs = 0;
      for (let i = 0; i < times; i++) {
        await sleep(gap * (0.6 + Math.random() * 0.8));
        const service = SERVICE_NAMES[i % SERVICE_NAMES.length];
        const [instance] = context.pipeline.of(service);
        if (!instance) continue;
        context.log(`${signal} ${instance.label} (pid ${instance.pid})`);
        if (kill) {
          await instance.kill();
        } else {
          const { code, graceful, tookMs } = await instance.terminate();
          longestDrainMs = Math.max(longestDrainMs, tookMs);
          if (!graceful) {
            forced++;
            failures.push(`${instance.label} did not exit by itself after SIGTERM (code ${code})`);
          }
        }
        await context.pipeline.restart(instance);
      }
      const notes = kill
        ? []
        : [`forced kills after SIGTERM: ${forced}; longest drain ${(longestDrainMs / 1000).toFixed(1)} s`];
      return { count: times, notes, failures };
    },
  };
}

export const KILL_9 = processFaults('SIGKILL');
export const SIGTERM = processFaults('SIGTERM');
