/** An event the bench published and waits to see applied. */
export interface TrackedEvent {
  topic: string;
  /** Unique per published event. */
  id: string;
}

/**
 * What the throughput and latency phases ask of the read models: how many events they hold, which of
 * some published events they hold (committed rows, not handler calls), and whether insights is still
 * catching up (judging deferred to the end of its input; services/insights catch-up/).
 */
export interface AppliedProbe {
  count(): Promise<number>;
  committed(events: readonly TrackedEvent[]): Promise<Set<string>>;
  catchUp(): Promise<{ catchingUp: boolean; ran: boolean; enteredLag: number | null }>;
}
