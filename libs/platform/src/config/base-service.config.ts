import { IsOptional } from 'class-validator';
import { LOG_LEVELS, LogLevel, NODE_ENVS, NodeEnv } from './environment-values';
import { ToInt } from './env-transforms';
import {
  IsByteSize,
  IsHostPortList,
  IsIntInRange,
  IsKafkaName,
  IsOneOf,
  IsPostgresUrl,
} from './env-validators';

/**
 * Settings every service reads from its environment; property names are the variable names.
 * Each service extends it and redeclares what differs, keeping the inherited validation:
 *
 *   export class IngestConfig extends BaseServiceConfig {
 *     override PORT = 3001;
 *   }
 *
 * Only UPPER_SNAKE_CASE properties are read from the environment; camelCase members are
 * derived helpers.
 */
export class BaseServiceConfig {
  @IsOneOf(NODE_ENVS)
  NODE_ENV: NodeEnv = 'development';

  @IsOneOf(LOG_LEVELS)
  LOG_LEVEL: LogLevel = 'info';

  /** Each service overrides this default (ingest 3001, classifier 3002, survey-scoring 3003, insights 3004). */
  @ToInt()
  @IsIntInRange(1, 65535)
  PORT: number = 3000;

  /** Comma-separated host:port list. Use `kafkaBrokers` for the parsed list. */
  @IsHostPortList()
  KAFKA_BROKERS: string = '127.0.0.1:9092';

  /** PlatformModule fills this with the service name when it is not set. */
  @IsOptional()
  @IsKafkaName()
  KAFKA_CLIENT_ID?: string;

  /** Consumer groups are named `<prefix>.<service>.<consumer>`; a prefix per environment keeps them apart. */
  @IsKafkaName()
  KAFKA_GROUP_ID_PREFIX: string = 'supportlens';

  /** Partitions used when a service creates its topics. */
  @ToInt()
  @IsIntInRange(1)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  @ToInt()
  @IsIntInRange(1)
  KAFKA_REPLICATION_FACTOR: number = 1;

  /**
   * Partitions each consumer processes at once (each partition's batches stay in order, each commits
   * its own offset). Batches wait mostly on Postgres, so a few at once use the cores they leave idle.
   */
  @ToInt()
  @IsIntInRange(1, 64)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: number = 3;

  @IsPostgresUrl()
  DATABASE_URL: string = 'postgres://postgres@127.0.0.1:5432/supportlens';

  /** Largest JSON request body accepted, in body-parser's syntax (e.g. 512kb, 1mb). */
  @IsByteSize()
  HTTP_BODY_LIMIT: string = '1mb';

  /** Requests per API key per minute, shared by every instance of every service; 0 turns the limit off. */
  @ToInt()
  @IsIntInRange(0)
  API_RATE_LIMIT_PER_MINUTE: number = 6000;

  /** How long a verified API key is trusted without asking the database (a revocation clears it at once). */
  @ToInt()
  @IsIntInRange(0, 600000)
  API_KEY_CACHE_TTL_MS: number = 30000;

  /** After this long a shutdown that has not finished is abandoned and the process exits with 1. */
  @ToInt()
  @IsIntInRange(1)
  SHUTDOWN_TIMEOUT_MS: number = 25000;

  /** KAFKA_BROKERS as a list, e.g. ['kafka-1:9092', 'kafka-2:9092']. */
  get kafkaBrokers(): string[] {
    return this.KAFKA_BROKERS.split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== '');
  }

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}
