import { Kafka, logLevel, Producer } from 'kafkajs';
import { FaultRecord } from './fault-records';

/** A record the pipeline acknowledged: Kafka acked the raw message, or ingest answered it as accepted. */
export interface AcknowledgedRecord {
  record: FaultRecord;
  ackedAt: number;
}

export interface LoadStats {
  sent: number;
  acknowledged: number;
  /** Records whose send failed (raw mode: attempts, retried until acknowledged; http: records not accepted). */
  failed: number;
  /** HTTP answers by status (http mode): 2xx only for what ingest handed to Kafka. */
  httpStatuses: Record<string, number>;
}

export interface LoadOptions {
  mode: 'raw' | 'http';
  brokers: string;
  /** Events per second, spread in ticks of `tickMs`. */
  rate: number;
  tickMs?: number;
  /** http mode: where ingest answers, and a key with ingest:write. */
  ingestUrls?: () => string[];
  apiKey?: string;
}

/**
 * Publishes fault records at a steady rate until stopped, keeping the acknowledged ones: what the
 * history checker holds the pipeline to. Raw mode produces to the raw topics (idempotent producer,
 * acks from all in-sync replicas, one request in flight, so a customer's records keep their order);
 * http mode posts them to ingest in batches, one customer's records in one request in order.
 */
export class FaultLoad {
  readonly acknowledged: AcknowledgedRecord[] = [];
  readonly stats: LoadStats = { sent: 0, acknowledged: 0, failed: 0, httpStatuses: {} };
  private producer: Producer | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly records: Iterator<FaultRecord>,
    private readonly options: LoadOptions,
  ) {}

  async start(total: number): Promise<void> {
    if (this.options.mode === 'raw') {
      this.producer = new Kafka({
        clientId: 'fault-load',
        brokers: this.options.brokers.split(','),
        logLevel: logLevel.NOTHING,
        retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 2000 },
      }).producer({ idempotent: true, maxInFlightRequests: 1 });
      await this.producer.connect();
    }
    this.running = this.loop(total);
  }

  /** Waits until `total` records were sent (or the load was stopped). */
  async finished(): Promise<void> {
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async loop(total: number): Promise<void> {
    const tickMs = this.options.tickMs ?? 50;
    const perTick = Math.max(1, Math.round((this.options.rate * tickMs) / 1000));
    const started = Date.now();
    let ticks = 0;
    while (!this.stopped && this.stats.sent < total) {
      const batch: FaultRecord[] = [];
      while (batch.length < perTick && this.stats.sent + batch.length < total)
        batch.push(this.records.next().value);
      this.stats.sent += batch.length;
      await (this.options.mode === 'raw' ? this.produce(batch) : this.post(batch));
      ticks++;
      const due = started + ticks * tickMs;
      if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
    }
  }

  /**
   * Sends the batch until the brokers acknowledge it, as a producing system would: a customer's later
   * records never overtake a batch that failed. A failed attempt may still have been written (its
   * acknowledgement lost); those copies are redeliveries the pipeline must absorb.
   */
  private async produce(batch: FaultRecord[]): Promise<void> {
    const byTopic = new Map<string, FaultRecord[]>();
    for (const record of batch) byTopic.set(record.topic, [...(byTopic.get(record.topic) ?? []), record]);
    for (;;) {
      try {
        await this.producer!.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, records]) => ({
            topic,
            messages: records.map((record) => ({ key: record.customerId, value: record.value })),
          })),
        });
        this.acknowledge(batch);
        return;
      } catch {
        this.stats.failed += batch.length;
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  }

  private async post(batch: FaultRecord[]): Promise<void> {
    const urls = this.options.ingestUrls?.() ?? [];
    for (const kind of ['case', 'survey'] as const) {
      const records = batch.filter((record) => record.kind === kind);
      if (records.length === 0) continue;
      const url = urls[Math.floor(Math.random() * urls.length)];
      const body = `[${records.map((record) => record.value.toString()).join(',')}]`;
      try {
        const response = await fetch(`${url}/v1/${kind === 'case' ? 'cases' : 'surveys'}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.apiKey}` },
          body,
          signal: AbortSignal.timeout(15_000),
        });
        this.stats.httpStatuses[response.status] = (this.stats.httpStatuses[response.status] ?? 0) + 1;
        const answer = (await response.json().catch(() => ({}))) as { accepted?: Array<{ id: string }> };
        const accepted = new Set((answer.accepted ?? []).map((entry) => entry.id));
        const acked =
          response.status === 202 || response.status === 400
            ? records.filter((r) => accepted.has(r.recordId))
            : [];
        this.acknowledge(acked);
        this.stats.failed += records.length - acked.length;
      } catch {
        this.stats.httpStatuses.error = (this.stats.httpStatuses.error ?? 0) + 1;
        this.stats.failed += records.length;
      }
    }
  }

  private acknowledge(records: FaultRecord[]): void {
    const now = Date.now();
    for (const record of records) this.acknowledged.push({ record, ackedAt: now });
    this.stats.acknowledged += records.length;
  }
}
