import { BaseServiceConfig, IsBooleanValue, IsIntInRange, ToBoolean, ToInt } from '@supportlens/platform';

export class SurveyScoringConfig extends BaseServiceConfig {
  override PORT = 3003;

  /**
   * Every partition of a fetch at once: their batches' scored responses go out in one produce (see
   * SurveysHandler) instead of one produce per partition, one after the other.
   */
  override KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 12;

  /**
   * How often each instance re-reads the current scoring configuration. The fallback that always
   * works; with SCORING_CONFIG_LISTEN a new version is usually picked up at once.
   */
  @ToInt()
  @IsIntInRange(50, 3_600_000)
  SCORING_CONFIG_REFRESH_MS = 5000;

  /**
   * Also listen on the Postgres channel `survey_scoring_config` for new versions. Turn off where
   * LISTEN does not work (a PgBouncer in transaction pooling mode); the timer still picks them up.
   */
  @ToBoolean()
  @IsBooleanValue()
  SCORING_CONFIG_LISTEN = true;
}
