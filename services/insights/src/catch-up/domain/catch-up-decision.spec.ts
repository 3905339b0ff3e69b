import { CatchUpThresholds, decideCatchUp } from './catch-up-decision';

const thresholds: CatchUpThresholds = { enterLag: 10_000, exitLag: 500, exitAfterMs: 15_000, maxMs: 600_000 };

describe('decideCatchUp', () => {
  it('enters only above the enter lag', () => {
    const at = { catchingUp: false, sinceMs: null, atMs: 0, lowSinceMs: null };
    expect(decideCatchUp({ ...at, lag: 10_000 }, thresholds).action).toBe('none');
    expect(decideCatchUp({ ...at, lag: 10_001 }, thresholds).action).toBe('enter');
  });

  it('never enters when the enter lag is 0 (catch-up turned off)', () => {
    const off = { ...thresholds, enterLag: 0 };
    expect(
      decideCatchUp({ catchingUp: false, sinceMs: null, lag: 1e9, atMs: 0, lowSinceMs: null }, off).action,
    ).toBe('none');
  });

  it('finishes at the end of the input at once', () => {
    expect(
      decideCatchUp({ catchingUp: true, sinceMs: 0, lag: 0, atMs: 0, lowSinceMs: null }, thresholds),
    ).toEqual({
      action: 'finish',
      lowSinceMs: 0,
    });
  });

  it('finishes under steady load only after the lag stayed low long enough', () => {
    const first = decideCatchUp(
      { catchingUp: true, sinceMs: 0, lag: 300, atMs: 1_000, lowSinceMs: null },
      thresholds,
    );
    expect(first).toEqual({ action: 'none', lowSinceMs: 1_000 });
    const early = decideCatchUp(
      { catchingUp: true, sinceMs: 0, lag: 200, atMs: 15_999, lowSinceMs: 1_000 },
      thresholds,
    );
    expect(early).toEqual({ action: 'none', lowSinceMs: 1_000 });
    const late = decideCatchUp(
      { catchingUp: true, sinceMs: 0, lag: 450, atMs: 16_000, lowSinceMs: 1_000 },
      thresholds,
    );
    expect(late.action).toBe('finish');
  });

  it('restarts the low stretch when the lag rises above the exit lag', () => {
    const risen = decideCatchUp(
      { catchingUp: true, sinceMs: 0, lag: 501, atMs: 20_000, lowSinceMs: 1_000 },
      thresholds,
    );
    expect(risen).toEqual({ action: 'none', lowSinceMs: null });
  });

  it('counts a low stretch only from within the catch-up', () => {
    const live = decideCatchUp(
      { catchingUp: false, sinceMs: null, lag: 100, atMs: 0, lowSinceMs: 0 },
      thresholds,
    );
    expect(live).toEqual({ action: 'none', lowSinceMs: null });
    const started = decideCatchUp(
      { catchingUp: true, sinceMs: 0, lag: 300, atMs: 60_000, lowSinceMs: null },
      thresholds,
    );
    expect(started).toEqual({ action: 'none', lowSinceMs: 60_000 });
  });

  it('neither enters nor finishes while live and below the enter lag', () => {
    expect(
      decideCatchUp({ catchingUp: false, sinceMs: null, lag: 0, atMs: 0, lowSinceMs: null }, thresholds)
        .action,
    ).toBe('none');
  });

  it('finishes a catch-up that lasted `maxMs`, whatever the lag; never with no limit', () => {
    const long = { catchingUp: true, sinceMs: 0, lag: 40_000, atMs: 600_000, lowSinceMs: null };
    expect(decideCatchUp(long, thresholds).action).toBe('finish');
    expect(decideCatchUp({ ...long, atMs: 599_999 }, thresholds).action).toBe('none');
    expect(decideCatchUp(long, { ...thresholds, maxMs: 0 }).action).toBe('none');
  });
});
