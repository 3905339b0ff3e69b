import { CallCoalescer } from './call-coalescer';

/** A flush that waits until released, recording what it was given. */
function gatedFlush() {
  const flushes: number[][] = [];
  const gates: Array<() => void> = [];
  let failNext: Error | undefined;
  const flush = (items: number[]) => {
    flushes.push(items);
    const error = failNext;
    failNext = undefined;
    return new Promise<string[]>((resolve, reject) =>
      gates.push(() => (error ? reject(error) : resolve(items.map((item) => `r${item}`)))),
    );
  };
  const release = async () => {
    gates.shift()!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { flush, flushes, release, fail: (error: Error) => (failNext = error) };
}

class Unavailable extends Error {}
const sharedFailure = (error: unknown) => error instanceof Unavailable;

describe('CallCoalescer', () => {
  it('flushes a call at once when nothing is running', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 500, maxConcurrent: 1, sharedFailure });
    const result = coalescer.submit([1]);
    expect(gate.flushes).toEqual([[1]]);
    await gate.release();
    await expect(result).resolves.toEqual(['r1']);
  });

  it('sends the calls made during a flush together in the next one, each caller its own results', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 500, maxConcurrent: 1, sharedFailure });
    const first = coalescer.submit([1]);
    const second = coalescer.submit([2, 3]);
    const third = coalescer.submit([4]);
    expect(gate.flushes).toEqual([[1]]);
    await gate.release();
    expect(gate.flushes).toEqual([[1], [2, 3, 4]]);
    await gate.release();
    await expect(Promise.all([first, second, third])).resolves.toEqual([['r1'], ['r2', 'r3'], ['r4']]);
  });

  it('with gatherWithinTick, sends the calls made in one turn of the event loop together', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, {
      maxItems: 500,
      maxConcurrent: 1,
      sharedFailure,
      gatherWithinTick: true,
    });
    const calls = [coalescer.submit([1]), coalescer.submit([2]), coalescer.submit([3, 4])];
    expect(gate.flushes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(gate.flushes).toEqual([[1, 2, 3, 4]]);
    const later = coalescer.submit([5]);
    await gate.release();
    expect(gate.flushes).toEqual([[1, 2, 3, 4], [5]]);
    await gate.release();
    await expect(Promise.all([...calls, later])).resolves.toEqual([['r1'], ['r2'], ['r3', 'r4'], ['r5']]);
  });

  it('keeps a flush within the item limit, taking calls in order', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 3, maxConcurrent: 1, sharedFailure });
    const calls = [
      coalescer.submit([1]),
      coalescer.submit([2, 3]),
      coalescer.submit([4, 5]),
      coalescer.submit([6]),
    ];
    for (let i = 0; i < 3; i++) await gate.release();
    expect(gate.flushes).toEqual([[1], [2, 3], [4, 5, 6]]);
    await expect(Promise.all(calls)).resolves.toEqual([['r1'], ['r2', 'r3'], ['r4', 'r5'], ['r6']]);
  });

  it('sends a call larger than the limit in consecutive parts, each after the previous one', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 2, maxConcurrent: 1, sharedFailure });
    const calls = [coalescer.submit([1]), coalescer.submit([2, 3, 4, 5, 6]), coalescer.submit([7])];
    for (let i = 0; i < 5; i++) await gate.release();
    // Another call may go between two parts; the parts keep their order.
    expect(gate.flushes).toEqual([[1], [2, 3], [7], [4, 5], [6]]);
    await expect(Promise.all(calls)).resolves.toEqual([['r1'], ['r2', 'r3', 'r4', 'r5', 'r6'], ['r7']]);
  });

  it('fails a call whose later part fails, the parts before it done', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 2, maxConcurrent: 1, sharedFailure });
    const failed = expect(coalescer.submit([1, 2, 3])).rejects.toThrow('away');
    gate.fail(new Unavailable('away')); // the next flush: the second part
    await gate.release();
    expect(gate.flushes).toEqual([[1, 2], [3]]);
    await gate.release();
    await failed;
  });

  it('runs up to maxConcurrent flushes at once before it makes calls wait', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 500, maxConcurrent: 2, sharedFailure });
    const calls = [1, 2, 3, 4].map((item) => coalescer.submit([item]));
    expect(gate.flushes).toEqual([[1], [2]]);
    await gate.release();
    expect(gate.flushes).toEqual([[1], [2], [3, 4]]);
    await gate.release();
    await gate.release();
    await expect(Promise.all(calls)).resolves.toEqual([['r1'], ['r2'], ['r3'], ['r4']]);
  });

  it('fails every call of a failed flush, and goes on with the next', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, { maxItems: 500, maxConcurrent: 1, sharedFailure });
    const first = coalescer.submit([1]);
    gate.fail(new Unavailable('Kafka away'));
    const second = coalescer.submit([2]);
    const third = coalescer.submit([3]);
    await gate.release();
    await expect(first).resolves.toEqual(['r1']);
    await gate.release();
    await expect(second).rejects.toThrow('Kafka away');
    await expect(third).rejects.toThrow('Kafka away');
    const fourth = coalescer.submit([4]);
    await gate.release();
    await expect(fourth).resolves.toEqual(['r4']);
  });

  it("flushes each call alone after a failure that may be one call's own, so only that call fails", async () => {
    const flushes: number[][] = [];
    const coalescer = new CallCoalescer(
      async (items: number[]) => {
        flushes.push(items);
        await new Promise((resolve) => setImmediate(resolve));
        if (items.includes(13)) throw new Error('date/time field value out of range');
        return items.map((item) => `r${item}`);
      },
      { maxItems: 500, maxConcurrent: 1, sharedFailure },
    );
    const calls = [
      coalescer.submit([1]),
      coalescer.submit([2]),
      coalescer.submit([13]),
      coalescer.submit([4]),
    ];
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect((outcomes[1] as PromiseFulfilledResult<string[]>).value).toEqual(['r2']);
    expect(flushes).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
  });

  it('stops flushing calls alone once one alone fails for a shared reason, failing the rest with it', async () => {
    const flushes: number[][] = [];
    let kafkaAway = false;
    const coalescer = new CallCoalescer(
      async (items: number[]) => {
        flushes.push(items);
        await new Promise((resolve) => setImmediate(resolve));
        if (kafkaAway) throw new Unavailable('Kafka away');
        if (items.includes(13)) {
          kafkaAway = true; // the broker goes away while the calls are retried alone
          throw new Error('refused');
        }
        return items.map((item) => `r${item}`);
      },
      { maxItems: 500, maxConcurrent: 1, sharedFailure },
    );
    const calls = [1, 13, 3, 4].map((item) => coalescer.submit([item]));
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.map((outcome) => outcome.status)).toEqual([
      'fulfilled',
      'rejected',
      'rejected',
      'rejected',
    ]);
    // [1] alone, then [13, 3, 4] together (refused), then [13] alone hits Kafka away: 3 and 4 fail with it.
    expect(flushes).toEqual([[1], [13, 3, 4], [13]]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(Unavailable);
  });

  it('settles every call even when sharedFailure itself throws (the error is then taken as shared)', async () => {
    const gate = gatedFlush();
    const coalescer = new CallCoalescer(gate.flush, {
      maxItems: 500,
      maxConcurrent: 1,
      sharedFailure: () => {
        throw new Error('classifier broke');
      },
    });
    const first = coalescer.submit([1]);
    gate.fail(new Error('refused'));
    const others = Promise.allSettled([coalescer.submit([2]), coalescer.submit([3])]);
    await gate.release();
    await expect(first).resolves.toEqual(['r1']);
    await gate.release();
    const outcomes = await others;
    expect(outcomes.map((outcome) => (outcome as PromiseRejectedResult).reason?.message)).toEqual([
      'refused',
      'refused',
    ]);
  });

  describe('with lingerMs', () => {
    beforeEach(() => jest.useFakeTimers());
    afterEach(() => jest.useRealTimers());

    /** Lets the promise callbacks and setImmediate of the coalescer run (fake timers hold setTimeout). */
    const settle = async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
    };

    /** A gated flush behind a coalescer that lingers 100 ms. */
    const lingering = (maxItems: number) => {
      const gate = gatedFlush();
      const coalescer = new CallCoalescer(gate.flush, {
        maxItems,
        maxConcurrent: 1,
        sharedFailure,
        lingerMs: 100,
      });
      return { gate, coalescer };
    };

    it('waits after a flush ends so that its callers can come back and go together', async () => {
      const { gate, coalescer } = lingering(500);
      const first = coalescer.submit([1]);
      expect(gate.flushes).toEqual([[1]]); // idle: no wait
      gate.release();
      await settle();
      await expect(first).resolves.toEqual(['r1']);
      const next = coalescer.submit([2]);
      jest.advanceTimersByTime(60);
      expect(gate.flushes).toEqual([[1]]);
      const other = coalescer.submit([3]);
      jest.advanceTimersByTime(40);
      expect(gate.flushes).toEqual([[1], [2, 3]]);
      gate.release();
      await settle();
      await expect(Promise.all([next, other])).resolves.toEqual([['r2'], ['r3']]);
    });

    it('does not wait when the waiting calls already fill a flush', async () => {
      const { gate, coalescer } = lingering(2);
      const first = coalescer.submit([1]);
      const full = coalescer.submit([2, 3]);
      gate.release();
      await settle();
      await expect(first).resolves.toEqual(['r1']);
      expect(gate.flushes).toEqual([[1], [2, 3]]);
      gate.release();
      await settle();
      await expect(full).resolves.toEqual(['r2', 'r3']);
    });

    it('flushes at once after a quiet spell longer than the linger', async () => {
      const { gate, coalescer } = lingering(500);
      const first = coalescer.submit([1]);
      gate.release();
      await settle();
      await first;
      jest.advanceTimersByTime(150);
      const later = coalescer.submit([2]);
      expect(gate.flushes).toEqual([[1], [2]]);
      gate.release();
      await settle();
      await expect(later).resolves.toEqual(['r2']);
    });
  });

  it('fails a flush whose results do not match its items one to one', async () => {
    const coalescer = new CallCoalescer(async (items: number[]) => items.slice(1).map(String), {
      maxItems: 500,
      maxConcurrent: 1,
      sharedFailure,
    });
    await expect(coalescer.submit([1, 2])).rejects.toThrow('a flush of 2 items returned 1 results');
  });
});
