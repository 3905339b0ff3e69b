interface Waiting<Item, Result> {
  items: readonly Item[];
  resolve: (results: Result[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for requests: up to `maxConcurrent` flushes run at once; the items of calls made while
 * all of them are busy wait and go together in the next flush, so N concurrent single-record requests
 * cost a few database rounds and produces instead of N. A call made while a flush slot is free
 * flushes at once: no added latency when idle, and large calls still overlap their I/O. Each
 * caller gets the results of its own items, in order; when a flush fails, every call in it fails with
 * the error (each one's client is told, and may resend). `flush` must return one result per item, in
 * order.
 */
export class RequestCoalescer<Item, Result> {
  private readonly waiting: Array<Waiting<Item, Result>> = [];
  private running = 0;

  constructor(
    private readonly flush: (items: Item[]) => Promise<Result[]>,
    private readonly limits: {
      /** A flush takes calls until their items would pass this; a larger call goes alone. */
      maxItems: number;
      maxConcurrent: number;
    },
  ) {}

  submit(items: readonly Item[]): Promise<Result[]> {
    return new Promise<Result[]>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.running < this.limits.maxConcurrent && this.waiting.length > 0) {
      const calls = this.take();
      this.running++;
      void this.flushSome(calls).finally(() => {
        this.running--;
        this.pump();
      });
    }
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

  private async flushSome(calls: Array<Waiting<Item, Result>>): Promise<void> {
    let results: Result[];
    try {
      results = await this.flush(calls.flatMap((call) => call.items));
    } catch (error) {
      for (const call of calls) call.reject(error);
      return;
    }
    let at = 0;
    for (const call of calls) {
      call.resolve(results.slice(at, at + call.items.length));
      at += call.items.length;
    }
  }
}
