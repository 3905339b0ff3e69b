import { cpus } from 'node:os';
import { CpuSnapshot, cpuBetween, cpuSnapshot, machineCpu } from '../shared/process-stats';

export interface ResourceReading {
  at: number;
  service: CpuSnapshot;
  postgres: CpuSnapshot;
  broker: CpuSnapshot;
  bench: number;
  machine: { busy: number; total: number };
}

/** CPU seconds used over a stretch of time, by who used them. */
export interface ResourceUsage {
  seconds: number;
  serviceCpuSeconds: number;
  /** The Postgres server processes serving the service's connections (not WAL writer, checkpointer). */
  postgresCpuSeconds: number;
  /** The dedicated broker's JVM; 0 on a shared broker (not ours to measure). */
  brokerCpuSeconds: number;
  /** This bench process: publishing and polling. */
  benchCpuSeconds: number;
  /** Every process on the machine, ours or not, as a share of all its cores. */
  machineBusyPercent: number;
  cores: number;
}

/** Samples the CPU time of the service processes, their Postgres backends, the broker and the machine. */
export class Resources {
  constructor(
    private readonly servicePids: readonly number[],
    private readonly postgresPids: () => Promise<number[]>,
    private readonly brokerPid: number | undefined,
  ) {}

  async read(): Promise<ResourceReading> {
    const usage = process.cpuUsage();
    return {
      at: Date.now(),
      service: cpuSnapshot(this.servicePids),
      postgres: cpuSnapshot(await this.postgresPids()),
      broker: cpuSnapshot(this.brokerPid ? [this.brokerPid] : []),
      bench: (usage.user + usage.system) / 1e6,
      machine: machineCpu(),
    };
  }
}

export function usageBetween(before: ResourceReading, after: ResourceReading): ResourceUsage {
  const machineTotal = after.machine.total - before.machine.total;
  return {
    seconds: (after.at - before.at) / 1000,
    serviceCpuSeconds: cpuBetween(before.service, after.service),
    postgresCpuSeconds: cpuBetween(before.postgres, after.postgres),
    brokerCpuSeconds: cpuBetween(before.broker, after.broker),
    benchCpuSeconds: after.bench - before.bench,
    machineBusyPercent:
      machineTotal > 0 ? (100 * (after.machine.busy - before.machine.busy)) / machineTotal : NaN,
    cores: cpus().length,
  };
}
