import { FaultLoad } from '../load/fault-load';
import { Pipeline } from '../stack/pipeline';
import { PrivateKafka } from '../stack/private-kafka';
import { PrivatePostgres } from '../stack/private-postgres';

/** What a scenario gets to inject its faults with, while the load runs. */
export interface ScenarioContext {
  pipeline: Pipeline;
  kafka: PrivateKafka;
  postgres: PrivatePostgres;
  load: FaultLoad;
  /** How long the load runs at the configured rate (events / rate), in ms. */
  loadDurationMs: number;
  /** The pipeline's database, its consumer groups' prefix and where the services log. */
  databaseUrl: string;
  groupPrefix: string;
  logDir: string;
  /** The run's size: full (`npm run test:faults`) or shortened (the run inside `npm test`). */
  scale: 'full' | 'short';
  log(message: string): void;
}

/** What a scenario reports of the faults it injected. */
export interface InjectedFaults {
  /** How many times the fault was injected. */
  count: number;
  /** Facts the row reports beside the counts (e.g. "503 answers while the broker was away: 41"). */
  notes: string[];
  /** Expectations of the scenario itself that failed (e.g. the readiness probe never reported the stall). */
  failures: string[];
}

export interface Scenario {
  name: string;
  /** One line: what is injected. */
  fault: string;
  brokers: 1 | 3;
  loadMode: 'raw' | 'http';
  /** One poison record in this many; 0 for none. */
  poisonEvery: number;
  /** Events of the run at full and short scale, and the load's rate. */
  events: { full: number; short: number };
  rate: number;
  /** Extra environment for the scenario's services (e.g. a publish timeout shorter than its outage). */
  serviceEnv?: Record<string, string>;
  inject(context: ScenarioContext): Promise<InjectedFaults>;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
