import {
  BaseServiceConfig,
  IsBooleanValue,
  IsIntInRange,
  quoteValue,
  ToBoolean,
  ToInt,
} from '@supportlens/platform';
import { ValidateBy, ValidationArguments } from 'class-validator';

/**
 * What the insights service reads from the environment. Thresholds, windows and weights are not
 * here: they are the versioned insight settings (`/v1/settings`), changeable at runtime.
 */
export class InsightsConfig extends BaseServiceConfig {
  override PORT = 3004;

  /**
   * A batch's fixed work is per customer and per day (profiles, signals, rollup rows), so insights
   * takes larger batches than the other services: 4 MiB (about 1,500 events) doubled the bench's
   * sustained rate over kafkajs's 1 MiB. Under light load batches stay small either way.
   */
  override KAFKA_MAX_BYTES_PER_PARTITION = 4 * 1_048_576;

  /**
   * Every partition of a fetch at once: their batches are written in one transaction (see
   * FactWrites), so a fetch of six partitions costs one batch's fixed work instead of six.
   */
  override KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY = 12;

  /**
   * Writers per instance (see FactWrites): partition p of both input topics goes to writer p mod N.
   * Both topics are keyed by customer, so the writers' customers barely overlap and their
   * transactions run side by side instead of queueing; each holds up to 1,000 events' locks, so more
   * writers need a larger Postgres lock table (`max_locks_per_transaction`).
   */
  @ToInt()
  @IsIntInRange(1, 8)
  INSIGHTS_WRITERS = 2;

  /**
   * How often each instance re-reads the newest insight settings version. The fallback that always
   * works; with INSIGHT_SETTINGS_LISTEN a new version is usually picked up at once.
   */
  @ToInt()
  @IsIntInRange(50, 3_600_000)
  INSIGHT_SETTINGS_REFRESH_MS = 5000;

  /**
   * Also listen on the Postgres channel `insights_settings` for new versions. Turn off where LISTEN
   * does not work (a PgBouncer in transaction pooling mode); the timer still picks them up.
   */
  @ToBoolean()
  @IsBooleanValue()
  INSIGHT_SETTINGS_LISTEN = true;

  /**
   * Catch-up (catch-up/): input lag, in events over both input topics, above which customers are
   * judged once at the end of the backlog instead of batch by batch. 0 turns catch-up off. The default
   * is about ten seconds of the sustained rate: a backlog of minutes or a replay, not a busy second.
   */
  @ToInt()
  @IsIntInRange(0, 1_000_000_000)
  CATCH_UP_ENTER_LAG = 50_000;

  /**
   * A catch-up ends at lag 0, or after CATCH_UP_EXIT_AFTER_MS at or under this lag (steady live load).
   * Below CATCH_UP_ENTER_LAG, or a catch-up could end at the lag it starts at.
   */
  @ToInt()
  @IsIntInRange(0, 1_000_000_000)
  @IsBelowCatchUpEnterLag()
  CATCH_UP_EXIT_LAG = 2_000;

  @ToInt()
  @IsIntInRange(0, 3_600_000)
  CATCH_UP_EXIT_AFTER_MS = 15_000;

  /**
   * The longest a catch-up lasts (sustained overload must not silence insights for good): it then
   * ends and judges, and a next check starts another if the lag is still high. A replay that takes
   * longer is judged more than once, so no longer the same way each time: raise it (or 0, no limit)
   * for long replays.
   */
  @ToInt()
  @IsIntInRange(0, 86_400_000)
  CATCH_UP_MAX_MS = 600_000;

  /** How often each instance reads the input lag. */
  @ToInt()
  @IsIntInRange(100, 600_000)
  CATCH_UP_CHECK_MS = 1_000;
}

function IsBelowCatchUpEnterLag(): PropertyDecorator {
  return ValidateBy({
    name: 'isBelowCatchUpEnterLag',
    validator: {
      validate: (value: unknown, args?: ValidationArguments) => {
        const enterLag = (args?.object as InsightsConfig).CATCH_UP_ENTER_LAG;
        return enterLag === 0 || (typeof value === 'number' && value < enterLag);
      },
      defaultMessage: (args?: ValidationArguments) =>
        `${quoteValue(args?.value)} is not below CATCH_UP_ENTER_LAG (${(args?.object as InsightsConfig).CATCH_UP_ENTER_LAG})`,
    },
  });
}
