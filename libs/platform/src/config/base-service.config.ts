import { Transform } from 'class-transformer';
import {
  IsDefined,
  IsOptional,
  IsString,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';
import { LOG_LEVELS, LogLevel, NODE_ENVS, NodeEnv } from './environment-values';
import { ToInt } from './env-transforms';
import {
  IsByteSize,
  IsHostPortList,
  IsIntInRange,
  IsKafkaName,
  IsOneOf,
  IsPostgresUrl,
  quoteValue,
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

  /**
   * Most bytes one fetch takes from a partition, which bounds a batch (one transaction). Larger
   * batches spread each batch's fixed work (per customer, per day) over more events; smaller ones keep
   * a batch, and so latency under load, short. kafkajs's default is 1 MiB.
   */
  @ToInt()
  @IsIntInRange(16_384, 64 * 1_048_576)
  KAFKA_MAX_BYTES_PER_PARTITION: number = 1_048_576;

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

  // --- Kafka security: TLS, and SASL/SCRAM over TLS. The messaging library reads the files. ---

  /**
   * PLAINTEXT, SSL (TLS) or SASL_SSL (SCRAM over TLS). SASL_PLAINTEXT is refused: it would send
   * every event unencrypted. Settings the protocol does not use are refused too, so a half-done
   * switch to TLS fails the start instead of silently connecting in plain text.
   */
  @IsOneOf(['PLAINTEXT', 'SSL', 'SASL_SSL'])
  @ValidateBy({
    name: 'usesItsKafkaSecuritySettings',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) =>
        (args?.object as BaseServiceConfig).unusedKafkaSecuritySettings.length === 0,
      defaultMessage: (args?: ValidationArguments) => {
        const unused = (args?.object as BaseServiceConfig).unusedKafkaSecuritySettings;
        const fix = args?.value === 'SSL' ? 'SASL_SSL' : 'SASL_SSL or SSL';
        return `${quoteValue(args?.value)} does not use ${unused.join(', ')} (set ${fix}, or unset them)`;
      },
    },
  })
  KAFKA_SECURITY_PROTOCOL: 'PLAINTEXT' | 'SSL' | 'SASL_SSL' = 'PLAINTEXT';

  /** Required with SASL_SSL; case does not matter (Kafka writes SCRAM-SHA-512, kafkajs scram-sha-512). */
  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL')
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsOneOf(['scram-sha-256', 'scram-sha-512'], {
    message: (args: ValidationArguments) =>
      args.value === undefined
        ? 'is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL (scram-sha-256|scram-sha-512)'
        : `${quoteValue(args.value)} is not one of scram-sha-256|scram-sha-512`,
  })
  KAFKA_SASL_MECHANISM?: 'scram-sha-256' | 'scram-sha-512';

  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL')
  @IsDefined({ message: 'is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL' })
  KAFKA_SASL_USERNAME?: string;

  /** Never echoed in an error message; keep it out of logs too. */
  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL')
  @IsDefined({ message: 'is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL' })
  KAFKA_SASL_PASSWORD?: string;

  /** PEM CA bundle for the brokers' certificates; Node's default CAs when unset. */
  @IsOptional()
  @IsString()
  KAFKA_SSL_CA_FILE?: string;

  /** PEM client certificate and key for brokers that require mutual TLS: both or neither. */
  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SSL_KEY_FILE !== undefined)
  @IsDefined({ message: 'is required with KAFKA_SSL_KEY_FILE (mutual TLS needs both)' })
  KAFKA_SSL_CERT_FILE?: string;

  @ValidateIf((config: BaseServiceConfig) => config.KAFKA_SSL_CERT_FILE !== undefined)
  @IsDefined({ message: 'is required with KAFKA_SSL_CERT_FILE (mutual TLS needs both)' })
  KAFKA_SSL_KEY_FILE?: string;

  /** Names of the Kafka security settings that are set but that KAFKA_SECURITY_PROTOCOL ignores. */
  private get unusedKafkaSecuritySettings(): string[] {
    const sasl = {
      KAFKA_SASL_MECHANISM: this.KAFKA_SASL_MECHANISM,
      KAFKA_SASL_USERNAME: this.KAFKA_SASL_USERNAME,
      KAFKA_SASL_PASSWORD: this.KAFKA_SASL_PASSWORD,
    };
    const ssl = {
      KAFKA_SSL_CA_FILE: this.KAFKA_SSL_CA_FILE,
      KAFKA_SSL_CERT_FILE: this.KAFKA_SSL_CERT_FILE,
      KAFKA_SSL_KEY_FILE: this.KAFKA_SSL_KEY_FILE,
    };
    const unused =
      this.KAFKA_SECURITY_PROTOCOL === 'PLAINTEXT'
        ? { ...sasl, ...ssl }
        : this.KAFKA_SECURITY_PROTOCOL === 'SSL'
          ? sasl
          : {};
    return Object.entries(unused)
      .filter(([, value]) => value !== undefined)
      .map(([name]) => name);
  }
}
