import { BaseServiceConfig, IsIntInRange, ToInt } from '@supportlens/platform';

export class IngestConfig extends BaseServiceConfig {
  override PORT = 3001;

  /**
   * Every partition of a fetch at once: the raw topics' batches are accepted as one round per record
   * kind (see RawIntakeRounds), so a fetch of six partitions pays one commit and one produce per 1,500
   * records instead of one per partition.
   */
  override KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 12;

  /** Most records one HTTP request may carry; a larger batch is refused with 400. */
  @ToInt()
  @IsIntInRange(1, 10_000)
  INGEST_MAX_BATCH_ITEMS = 500;

  /** How long a request waits for Kafka to acknowledge before answering 503. */
  @ToInt()
  @IsIntInRange(100, 120_000)
  INGEST_PUBLISH_TIMEOUT_MS = 10_000;

  /** How often erasures whose event is not on Kafka yet (Kafka was away) are published again. */
  @ToInt()
  @IsIntInRange(100, 600_000)
  INGEST_ERASURE_PUBLISH_INTERVAL_MS = 5_000;
}
