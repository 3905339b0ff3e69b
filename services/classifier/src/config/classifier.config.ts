import { BaseServiceConfig, IsBooleanValue, IsIntInRange, ToBoolean, ToInt } from '@supportlens/platform';

export class ClassifierConfig extends BaseServiceConfig {
  override PORT = 3002;

  /**
   * Every partition of a fetch at once: their batches are handled as one round, one transaction and
   * one produce (see CasesHandler), so a fetch of six partitions pays a batch's fixed work once.
   */
  override KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 12;

  /**
   * Below this confidence (percent) a case is `unclassified`, with its candidates, rather than forced
   * into a code: the model's calibrated probability, or the keyword share before a model exists.
   */
  @ToInt()
  @IsIntInRange(0, 100)
  CLASSIFIER_MIN_CONFIDENCE_PERCENT = 40;

  /**
   * How often each instance re-reads the current taxonomy version. The fallback that always works;
   * with TAXONOMY_LISTEN a new version is usually picked up at once.
   */
  @ToInt()
  @IsIntInRange(50, 3_600_000)
  TAXONOMY_REFRESH_MS = 5000;

  /**
   * Also listen on the Postgres channel `classifier_taxonomy` for new versions. Turn off where LISTEN
   * does not work (a PgBouncer in transaction pooling mode); the timer still picks them up.
   */
  @ToBoolean()
  @IsBooleanValue()
  TAXONOMY_LISTEN = true;

  /** How often each instance checks for a newly promoted model (a cheap query; bytes load on change). */
  @ToInt()
  @IsIntInRange(50, 3_600_000)
  MODEL_REFRESH_MS = 5000;

  /** How often to consider retraining from the agents' labels; 0 turns scheduled retraining off. */
  @ToInt()
  @IsIntInRange(0, 604_800_000)
  CLASSIFIER_RETRAIN_INTERVAL_MS = 6 * 60 * 60 * 1000;

  /** New agent labels needed since the promoted model was trained before a scheduled retraining. */
  @ToInt()
  @IsIntInRange(1, 10_000_000)
  CLASSIFIER_RETRAIN_MIN_NEW_LABELS = 200;
}
