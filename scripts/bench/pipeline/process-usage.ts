import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { CpuSnapshot, cpuBetween, cpuSnapshot } from '../shared/process-stats';

/** Who the CPU time is counted for: a label and how to find its processes at the moment of reading. */
export type ProcessGroups = Record<string, () => readonly number[]>;

export interface UsageReading {
  at: number;
  byGroup: Record<string, CpuSnapshot>;
  machine: MachineTimes;
}

/** The host's CPU time by kind, in clock ticks, from the first line of /proc/stat. */
type MachineTimes = Record<'user' | 'system' | 'irq' | 'steal' | 'idle', number>;

export interface UsageBetween {
  seconds: number;
  /** User + system CPU seconds of each group's processes over the stretch. */
  cpuSeconds: Record<string, number>;
  /**
   * The host's cores over the stretch, in percent: user and system time of every process (ours
   * included), interrupts, time the hypervisor gave to other guests (steal), idle.
   */
  machinePercent: MachineTimes;
  cores: number;
}

/** CPU time by process group (each service, the broker, Postgres, the bench itself), sampled from /proc. */
export class ProcessUsage {
  constructor(private readonly groups: ProcessGroups) {}

  read(): UsageReading {
    const byGroup: Record<string, CpuSnapshot> = {};
    for (const [label, pids] of Object.entries(this.groups)) byGroup[label] = cpuSnapshot(pids());
    return { at: Date.now(), byGroup, machine: machineTimes() };
  }
}

export function usageBetween(before: UsageReading, after: UsageReading): UsageBetween {
  const cpuSeconds: Record<string, number> = {};
  for (const [label, snapshot] of Object.entries(after.byGroup))
    cpuSeconds[label] = cpuBetween(before.byGroup[label] ?? new Map(), snapshot);
  const delta = (kind: keyof MachineTimes) => after.machine[kind] - before.machine[kind];
  const kinds = Object.keys(after.machine) as Array<keyof MachineTimes>;
  const total = kinds.reduce((sum, kind) => sum + delta(kind), 0);
  const machinePercent = Object.fromEntries(
    kinds.map((kind) => [kind, total > 0 ? (100 * delta(kind)) / total : NaN]),
  ) as MachineTimes;
  return { seconds: (after.at - before.at) / 1000, cpuSeconds, machinePercent, cores: cpus().length };
}

function machineTimes(): MachineTimes {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1).map(Number);
  return { user: user + nice, system, irq: irq + softirq, steal, idle: idle + iowait };
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
