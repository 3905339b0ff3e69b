import { sleep } from '../shared/throughput-phase';

/** No new row for this long ends the run with an error rather than waiting for ever. */
const STALL_MS = 60_000;

/** Polls `count` every 50 ms until it reaches `expected`; throws when it stops moving. */
export async function waitForCount(
  count: () => Promise<number>,
  expected: number,
  what: string,
): Promise<void> {
  let last = { at: Date.now(), value: -1 };
  for (;;) {
    const value = await count();
    if (value >= expected) return;
    if (value > last.value) last = { at: Date.now(), value };
    else if (Date.now() - last.at > STALL_MS)
      throw new Error(`${what} stalled at ${value} of ${expected} rows for ${STALL_MS / 1000} s`);
    await sleep(50);
  }
}
