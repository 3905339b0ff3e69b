import { Inject, Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { SERVICE_NAME } from '../service-name.token';

const BATCH_SIZE_BUCKETS = [1, 10, 50, 100, 250, 500, 1000, 2500, 5000];
const DURATION_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * The service's Prometheus instruments. Each instance owns its Registry (not prom-client's
 * global one) so several apps can live in one process, as in tests.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** Events consumed from Kafka. */
  readonly eventsIn: Counter<'topic'>;
  /** Events published to Kafka. */
  readonly eventsOut: Counter<'topic'>;
  /** Events sent to a dead-letter topic, by why. */
  readonly dlq: Counter<'topic' | 'reason'>;
  /** Events skipped because they were already processed (idempotent consumers). */
  readonly duplicatesSkipped: Counter<'topic'>;
  /** Batch handling attempts retried after a transient failure. */
  readonly consumerRetries: Counter<'topic'>;
  readonly batchSize: Histogram<'topic'>;
  readonly batchDuration: Histogram<'topic'>;
  readonly consumerLag: Gauge<'topic' | 'partition'>;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpRequestDuration: Histogram<'method' | 'route'>;

  constructor(@Inject(SERVICE_NAME) serviceName: string) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: serviceName });
    collectDefaultMetrics({ register: this.registry });

    this.eventsIn = new Counter({
      name: 'supportlens_events_in_total',
      help: 'Events consumed from Kafka',
      labelNames: ['topic'],
      registers,
    });
    this.eventsOut = new Counter({
      name: 'supportlens_events_out_total',
      help: 'Events published to Kafka',
      labelNames: ['topic'],
      registers,
    });
    this.dlq = new Counter({
      name: 'supportlens_dlq_total',
      help: 'Events sent to a dead-letter topic',
      labelNames: ['topic', 'reason'],
      registers,
    });
    this.duplicatesSkipped = new Counter({
      name: 'supportlens_duplicates_skipped_total',
      help: 'Events skipped because they were already processed',
      labelNames: ['topic'],
      registers,
    });
    this.consumerRetries = new Counter({
      name: 'supportlens_consumer_retries_total',
      help: 'Batch handling attempts retried after a failure',
      labelNames: ['topic'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'supportlens_batch_size',
      help: 'Messages per consumed batch',
      labelNames: ['topic'],
      buckets: BATCH_SIZE_BUCKETS,
      registers,
    });
    this.batchDuration = new Histogram({
      name: 'supportlens_batch_duration_seconds',
      help: 'Time to handle one consumed batch',
      labelNames: ['topic'],
      buckets: DURATION_SECONDS_BUCKETS,
      registers,
    });
    this.consumerLag = new Gauge({
      name: 'supportlens_consumer_lag',
      help: 'Messages behind the end of the partition, as of the last batch',
      labelNames: ['topic', 'partition'],
      registers,
    });
    this.httpRequests = new Counter({
      name: 'supportlens_http_requests_total',
      help: 'HTTP requests answered',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpRequestDuration = new Histogram({
      name: 'supportlens_http_request_duration_seconds',
      help: 'Time to answer an HTTP request',
      labelNames: ['method', 'route'],
      buckets: DURATION_SECONDS_BUCKETS,
      registers,
    });
  }

  /** The Content-Type of `render()`'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Every metric in the Prometheus text format. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
