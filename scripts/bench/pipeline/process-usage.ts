import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { CpuSnapshot, cpuBetween, cpuSnapshot, machineCpu } from '../shared/process-stats';

/** Who the CPU time is counted for: a label and how to find its processes at the moment of reading. */
export type ProcessGroups = Record<string, () => readonly number[]>;

export interface UsageReading {
  at: number;
  byGroup: Record<string, CpuSnapshot>;
  machine: { busy: number; total: number };
}

export interface UsageBetween {
  seconds: number;
  /** User + system CPU seconds of each group's processes over the stretch. */
  cpuSeconds: Record<string, number>;
  /** Every process on the host, ours or not, as a share of all its cores. */
  machineBusyPercent: number;
  cores: number;
}

/** CPU time by process group (each service, the broker, Postgres, the bench itself), sampled from /proc. */
export class ProcessUsage {
  constructor(private readonly groups: ProcessGroups) {}

  read(): UsageReading {
    const byGroup: Record<string, CpuSnapshot> = {};
    for (const [label, pids] of Object.entries(this.groups)) byGroup[label] = cpuSnapshot(pids());
    return { at: Date.now(), byGroup, machine: machineCpu() };
  }
}

export function usageBetween(before: UsageReading, after: UsageReading): UsageBetween {
  const cpuSeconds: Record<string, number> = {};
  for (const [label, snapshot] of Object.entries(after.byGroup))
    cpuSeconds[label] = cpuBetween(before.byGroup[label] ?? new Map(), snapshot);
  const total = after.machine.total - before.machine.total;
  return {
    seconds: (after.at - before.at) / 1000,
    cpuSeconds,
    machineBusyPercent: total > 0 ? (100 * (after.machine.busy - before.machine.busy)) / total : NaN,
    cores: cpus().length,
  };
}

/**
 * Every PostgreSQL server process on the host: the backends serving the run's connections and the
 * WAL writer, checkpointer and background writer that its writes cost too. Other databases on the
 * server are idle during a run, so their share is noise.
 */
export function postgresPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') pids.push(Number(entry));
    } catch {
      // gone between the listing and the read
    }
  }
  return pids;
}
