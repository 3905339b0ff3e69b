import * as path from 'node:path';
import { SERVICE_NAMES, ServiceName, ServiceProcess } from './service-process';

export interface PipelineSettings {
  databaseUrl: string;
  brokers: string;
  groupPrefix: string;
  partitions: number;
  replicationFactor: number;
  logDir: string;
  /** Extra environment for every service (e.g. shorter retries for a scenario). */
  env?: Record<string, string>;
  /** Where each instance writes its CPU profile when asked (see ServiceProcess.startProfile); none without. */
  profileDir?: string;
}

/**
 * The four services, each as one or more processes in its consumer group: what the fault scenarios
 * kill, stop, restart and scale.
 */
export class Pipeline {
  private readonly instances = new Map<ServiceName, ServiceProcess[]>();
  private started = 0;

  constructor(private readonly settings: PipelineSettings) {
    for (const name of SERVICE_NAMES) this.instances.set(name, []);
  }

  /** Ingest first: it creates the raw topics the load is published to. */
  async start(): Promise<void> {
    for (const name of SERVICE_NAMES) await this.add(name);
  }

  of(name: ServiceName): ServiceProcess[] {
    return this.instances.get(name)!;
  }

  all(): ServiceProcess[] {
    return SERVICE_NAMES.flatMap((name) => this.of(name));
  }

  /** Starts one more instance of the service. */
  async add(name: ServiceName): Promise<ServiceProcess> {
    const label = `${name}#${++this.started}`;
    const instance = await ServiceProcess.start(
      name,
      label,
      this.environment(),
      path.join(this.settings.logDir, `${name}.log`),
      this.settings.profileDir &&
        path.join(this.settings.profileDir, `${label.replace('#', '-')}.cpuprofile`),
    );
    this.of(name).push(instance);
    return instance;
  }

  /** Replaces an instance that exited (killed or stopped) by a new one. */
  async restart(instance: ServiceProcess): Promise<ServiceProcess> {
    this.remove(instance);
    return this.add(instance.name);
  }

  remove(instance: ServiceProcess): void {
    const list = this.of(instance.name);
    const at = list.indexOf(instance);
    if (at >= 0) list.splice(at, 1);
  }

  async stop(): Promise<void> {
    // Reverse order: consumers of later stages first, ingest last.
    for (const name of [...SERVICE_NAMES].reverse()) {
      await Promise.all(this.of(name).map((instance) => instance.terminate()));
      this.instances.set(name, []);
    }
  }

  private environment(): Record<string, string> {
    return {
      DATABASE_URL: this.settings.databaseUrl,
      KAFKA_BROKERS: this.settings.brokers,
      KAFKA_GROUP_ID_PREFIX: this.settings.groupPrefix,
      KAFKA_TOPIC_PARTITIONS: String(this.settings.partitions),
      KAFKA_REPLICATION_FACTOR: String(this.settings.replicationFactor),
      NODE_ENV: 'production',
      // Request and warning lines too: the personal-data scan reads them.
      LOG_LEVEL: 'info',
      ...this.settings.env,
    };
  }
}
