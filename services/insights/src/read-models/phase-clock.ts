/**
 * Splits one batch's write into named phases: each `lap` ends the running phase and starts the next.
 * A phase lapped twice adds up. Pure (the clock is given).
 */
export class PhaseClock {
  private readonly totals = new Map<string, number>();
  private last: number;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.last = now();
  }

  lap(phase: string): void {
    const at = this.now();
    this.totals.set(phase, (this.totals.get(phase) ?? 0) + (at - this.last));
    this.last = at;
  }

  /** Milliseconds per phase, in the order the phases first ended. */
  phases(): Array<[phase: string, ms: number]> {
    return [...this.totals];
  }
}
