import { AppliedProbe, TrackedEvent } from './applied-probe';
import { median } from './percentiles';

export interface ThroughputResult {
  events: number;
  /** Readiness to the first commit seen: joining the groups, the first fetch and batch. */
  firstCommitSeconds: number;
  /** First commit seen to every read model current: the last event applied and, after a catch-up, judged. */
  drainSeconds: number;
  /** First commit seen to the last event applied (facts, profiles, rollups, windows). */
  appliedSeconds: number;
  /** The last event applied to the end of the catch-up's judging (0 without a catch-up). */
  judgingSeconds: number;
  /** Whether the backlog was caught up (judging deferred to its end), and the lag that started it. */
  catchUp: { ran: boolean; enteredLag: number | null };
  /** Events applied after the first commit seen, per second until every read model was current. */
  sustainedPerSecond: number;
  /** The same until the last event applied, before the catch-up's judging. */
  appliedPerSecond: number;
  /** All events over readiness → every read model current (start-up of the consumers included). */
  fromReadyPerSecond: number;
  /** Events applied per second in each whole second of the drain. */
  perSecond: { min: number; median: number; max: number };
  /** The rate over each fifth of the backlog, first to last: whether it slows as history grows. */
  byFifth: number[];
  pollMs: number;
}

/**
 * Phase A. The events were published before the service started, so its consumers meet a full
 * backlog and run flat out: polls the count of committed inbox rows until it reaches the number
 * published, then checks by id that every one of this run's events is among them (on a shared broker
 * other producers' events may be counted too). A backlog this size is caught up (services/insights
 * catch-up/): the detectors judge once at its end, so the phase ends when that judging has committed
 * too. The rate is taken from the first commit seen, so the service's start-up and group join are not
 * in it; both are reported apart.
 */
/** No progress for this long ends the run with an error rather than waiting for ever. */
const STALL_MS = 60_000;

export async function drainBacklog<Reading>(args: {
  applied: AppliedProbe;
  events: readonly TrackedEvent[];
  readyAt: number;
  /** Reads the resources used so far (CPU time by process): at the first commit and at the end. */
  readResources: () => Promise<Reading>;
  pollMs: number;
  /** Throws when the run cannot finish (e.g. events dead-lettered); called about every 2 s. */
  check: () => Promise<void>;
  onFirstCommit?: () => void;
  /** After the read models hold every event: true once nothing is left in flight (every lag 0). */
  settled?: () => Promise<boolean>;
}): Promise<{ result: ThroughputResult; start: Reading; end: Reading }> {
  const { applied, events, readyAt, pollMs } = args;
  const samples: Array<{ at: number; count: number }> = [];
  let first: { at: number; count: number; reading: Reading } | undefined;
  let lastCheck = Date.now();
  let lastProgress = { at: Date.now(), count: 0 };
  for (;;) {
    const at = Date.now();
    const count = await applied.count();
    samples.push({ at, count });
    if (count > lastProgress.count) lastProgress = { at, count };
    if (at - lastProgress.at > STALL_MS) {
      throw new Error(
        `no event applied for ${STALL_MS / 1000} s (${count} of ${events.length}); see the service log`,
      );
    }
    if (at - lastCheck > 2000) {
      await args.check();
      lastCheck = at;
    }
    if (!first && count > 0) {
      first = { at, count, reading: await args.readResources() };
      args.onFirstCommit?.();
    }
    if (count >= events.length && (await allCommitted(applied, events))) break;
    await sleep(pollMs - (Date.now() - at));
  }
  const last = samples[samples.length - 1];
  for (;;) {
    const at = Date.now();
    if (!(await applied.catchUp()).catchingUp) break;
    if (at - last.at > STALL_MS)
      throw new Error(`the catch-up's judging did not end in ${STALL_MS / 1000} s`);
    await sleep(pollMs - (Date.now() - at));
  }
  while (args.settled && !(await args.settled())) {
    if (Date.now() - last.at > STALL_MS)
      throw new Error(`consumer lag did not reach 0 in ${STALL_MS / 1000} s`);
    await sleep(pollMs);
  }
  const judgedAt = Date.now();
  const end = await args.readResources();
  const { ran, enteredLag } = await applied.catchUp();
  const drainSeconds = (judgedAt - first!.at) / 1000;
  const appliedSeconds = (last.at - first!.at) / 1000;
  return {
    start: first!.reading,
    end,
    result: {
      events: events.length,
      firstCommitSeconds: (first!.at - readyAt) / 1000,
      drainSeconds,
      appliedSeconds,
      judgingSeconds: (judgedAt - last.at) / 1000,
      catchUp: { ran, enteredLag },
      sustainedPerSecond: (events.length - first!.count) / drainSeconds,
      appliedPerSecond: (events.length - first!.count) / appliedSeconds,
      fromReadyPerSecond: events.length / ((judgedAt - readyAt) / 1000),
      perSecond: perSecondRates(samples),
      byFifth: ratesByFifth(samples, events.length),
      pollMs,
    },
  };
}

async function allCommitted(applied: AppliedProbe, events: readonly TrackedEvent[]): Promise<boolean> {
  for (let start = 0; start < events.length; start += 20_000) {
    const chunk = events.slice(start, start + 20_000);
    if ((await applied.committed(chunk)).size < chunk.length) return false;
  }
  return true;
}

/** Applied events in each whole second between the first and the last sample that saw progress. */
function perSecondRates(
  samples: ReadonlyArray<{ at: number; count: number }>,
): ThroughputResult['perSecond'] {
  const moving = samples.filter((sample) => sample.count > 0);
  const rates: number[] = [];
  let from = moving[0];
  for (const sample of moving) {
    if (sample.at - from.at < 1000) continue;
    rates.push(((sample.count - from.count) * 1000) / (sample.at - from.at));
    from = sample;
  }
  if (rates.length === 0) return { min: NaN, median: NaN, max: NaN };
  return { min: Math.min(...rates), median: median(rates), max: Math.max(...rates) };
}

/** Events/second over each fifth of `total`, from when the count crossed one fifth to the next. */
function ratesByFifth(samples: ReadonlyArray<{ at: number; count: number }>, total: number): number[] {
  const crossing = (count: number) =>
    samples.find((sample) => sample.count >= count) ?? samples[samples.length - 1];
  const rates: number[] = [];
  for (let fifth = 0; fifth < 5; fifth++) {
    const from = fifth === 0 ? samples.find((sample) => sample.count > 0)! : crossing((fifth * total) / 5);
    const to = crossing(((fifth + 1) * total) / 5);
    rates.push(((to.count - from.count) * 1000) / Math.max(1, to.at - from.at));
  }
  return rates;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
