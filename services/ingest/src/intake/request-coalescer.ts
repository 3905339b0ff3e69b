interface Waiting<Item, Result> {
  items: readonly Item[];
  resolve: (results: Result[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for requests: the items of calls made while a flush is running wait and go together
 * in the next flush, so N concurrent single-record requests cost one database round and one produce
 * instead of N. A call made while nothing runs flushes at once: no added latency when idle. Each
 * caller gets the results of its own items, in order; when a flush fails, every call in it fails with
 * the error (each one's client is told, and may resend). `flush` must return one result per item, in
 * order.
 */
export class RequestCoalescer<Item, Result> {
  private readonly waiting: Array<Waiting<Item, Result>> = [];
  private flushing = false;

  constructor(
    private readonly flush: (items: Item[]) => Promise<Result[]>,
    /** A flush takes calls until their items would pass this; a larger call goes alone. */
    private readonly maxItems: number,
  ) {}

  submit(items: readonly Item[]): Promise<Result[]> {
    return new Promise<Result[]>((resolve, reject) => {
      this.waiting.push({ items, resolve, reject });
      if (!this.flushing) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) await this.flushSome(this.take());
    } finally {
      this.flushing = false;
    }
  }

  private take(): Array<Waiting<Item, Result>> {
    const taken = [this.waiting.shift()!];
    let count = taken[0].items.length;
    while (this.waiting.length > 0 && count + this.waiting[0].items.length <= this.maxItems) {
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
