interface Waiting<Item, Result> {
  items: readonly Item[];
  resolve: (results: Result[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for calls (HTTP requests' records, consumer batches): up to `maxConcurrent` flushes run at once; the items of calls made while
 * all of them are busy wait and go together in the next flush, so N concurrent single-record requests
 * cost a few database rounds and produces instead of N. A call made while a flush slot is free
 * flushes at once (or, with `gatherWithinTick`, after the calls made in the same turn of the event
 * loop, such as the batches of one Kafka fetch): no added latency when idle, and large calls still
 * overlap their I/O. Each
 * caller gets the results of its own items, in order. When a flush fails for a reason every call
 * shares (`sharedFailure`: Kafka or Postgres away), every call in it fails with the error, and each
 * client is told and may resend; any other failure may be one call's own (a record the database
 * refuses), so each call of the flush is then flushed alone and only the guilty one fails. `flush`
 * must return one result per item, in order.
 */
export class CallCoalescer<Item, Result> {
  private readonly waiting: Array<Waiting<Item, Result>> = [];
  private running = 0;
  private pumpScheduled = false;
  private lastFlushEnded = Number.NEGATIVE_INFINITY;
  private lingerTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (items: Item[]) => Promise<Result[]>,
    private readonly limits: {
      /** A flush takes calls until their items would pass this; a larger call goes in parts of this size. */
      maxItems: number;
      maxConcurrent: number;
      /** True for an error that would fail any call, whatever its items (retrying alone is pointless). */
      sharedFailure: (error: unknown) => boolean;
      /** Wait for the rest of this turn of the event loop before a flush, so calls made together go together. */
      gatherWithinTick?: boolean;
      /**
       * A flush starts no sooner than this after the previous one ended, unless the waiting calls fill
       * a flush: the callers of the flush that just ended (consumers committing and fetching again)
       * have time to come back and join the next one instead of each going alone, one after another.
       */
      lingerMs?: number;
    },
  ) {}

  /**
   * The results of `items`, in order. A call larger than `maxItems` goes in consecutive parts, each
   * submitted after the previous one settled (a consumer batch then commits its offset after the
   * last); a failing part fails the call, and the parts before it stay done.
   */
  async submit(items: readonly Item[]): Promise<Result[]> {
    if (items.length <= this.limits.maxItems) return this.submitOne(items);
    const results: Result[] = [];
    for (let start = 0; start < items.length; start += this.limits.maxItems) {
      results.push(...(await this.submitOne(items.slice(start, start + this.limits.maxItems))));
    }
    return results;
  }

  private submitOne(items: readonly Item[]): Promise<Result[]> {
    return new Promise<Result[]>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.schedulePump();
    });
  }

  private schedulePump(): void {
    if (!this.limits.gatherWithinTick) return this.pump();
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.limits.maxConcurrent && this.waiting.length > 0) {
      if (this.lingering()) return;
      const calls = this.take();
      this.running++;
      void this.flushSome(calls).finally(() => {
        this.running--;
        this.lastFlushEnded = performance.now();
        this.pump();
      });
    }
  }

  /** True while the next flush should wait for more calls (a timer then pumps again). */
  private lingering(): boolean {
    const remaining = this.lastFlushEnded + (this.limits.lingerMs ?? 0) - performance.now();
    if (remaining <= 0) return false;
    let items = 0;
    for (const call of this.waiting) items += call.items.length;
    if (items >= this.limits.maxItems) return false;
    if (!this.lingerTimer) {
      this.lingerTimer = setTimeout(() => {
        this.lingerTimer = undefined;
        this.pump();
      }, Math.ceil(remaining));
    }
    return true;
  }

  private take(): Array<Waiting<Item, Result>> {
    const taken = [this.waiting.shift()!];
    let count = taken[0].items.length;
    while (this.waiting.length > 0 && count + this.waiting[0].items.length <= this.limits.maxItems) {
      count += this.waiting[0].items.length;
      taken.push(this.waiting.shift()!);
    }
    return taken;
  }

  /** Settles the calls; returns the error when it failed them for a reason every call shares. */
  private async flushSome(calls: Array<Waiting<Item, Result>>): Promise<unknown> {
    const items = calls.flatMap((call) => call.items);
    let results: Result[];
    try {
      results = await this.flushChecked(items);
    } catch (error) {
      const shared = this.isShared(error);
      if (calls.length === 1 || shared) {
        for (const call of calls) call.reject(error);
        return shared ? error : undefined;
      }
      // One call's items may be what failed: each alone, so the others are not failed with it. If
      // one alone fails for a shared reason (Kafka went away meanwhile), the rest would only wait out
      // the same failure one by one: they fail with it at once.
      for (const [i, call] of calls.entries()) {
        const sharedError = await this.flushSome([call]);
        if (sharedError === undefined) continue;
        for (const rest of calls.slice(i + 1)) rest.reject(sharedError);
        break;
      }
      return undefined;
    }
    let at = 0;
    for (const call of calls) {
      call.resolve(results.slice(at, at + call.items.length));
      at += call.items.length;
    }
    return undefined;
  }

  /** A sharedFailure that throws must not leave calls unsettled: the error is then treated as shared. */
  private isShared(error: unknown): boolean {
    try {
      return this.limits.sharedFailure(error);
    } catch {
      return true;
    }
  }

  private async flushChecked(items: Item[]): Promise<Result[]> {
    const results = await this.flush(items);
    if (results.length !== items.length) {
      throw new Error(`a flush of ${items.length} items returned ${results.length} results`);
    }
    return results;
  }
}
