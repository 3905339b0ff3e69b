import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry, RetryOptions } from 'kafkajs';
import { buildKafkaSecurityOptions, KafkaSecuritySettings } from './kafka-security';

export type {
  KafkaSaslCredentials,
  KafkaSaslMechanism,
  KafkaSecurityProtocol,
  KafkaSecuritySettings,
} from './kafka-security';

export interface KafkaClientSettings {
  clientId: string;
  brokers: string[];
  /** TLS and SASL; PLAINTEXT when absent. */
  security?: KafkaSecuritySettings;
  /** Replaces the default retry policy (e.g. a check that must fail fast). */
  retry?: RetryOptions;
}

/**
 * One kafkajs client per service. kafkajs logs through its own console writer by default; routing it
 * through Nest's Logger keeps every line in the service's structured JSON log.
 */
/**
 * kafkajs logs some broker answers at ERROR although it retries them and they pass by themselves
 * (a fresh broker loading its coordinator, a leader election): warnings, not errors, for an operator.
 */
const RETRIED_BY_KAFKAJS =
  /coordinator is (loading|not available)|leader(ship)? (election|not available)|not the correct coordinator|rebalanc|does not host this topic-partition|already exists|Topic creation errors/i;

export function createKafkaClient(settings: KafkaClientSettings): Kafka {
  const logger = new Logger('kafkajs');
  return new Kafka({
    clientId: settings.clientId,
    brokers: settings.brokers,
    ...buildKafkaSecurityOptions(settings.security ?? { protocol: 'PLAINTEXT' }),
    connectionTimeout: 3000,
    requestTimeout: 30000,
    retry: settings.retry ?? { initialRetryTime: 200, retries: 8, maxRetryTime: 5000 },
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ level, log }: LogEntry) => {
        const { message, ...extra } = log;
        const line = `${message} ${JSON.stringify(extra)}`;
        if (level === logLevel.ERROR && !RETRIED_BY_KAFKAJS.test(line)) logger.error(line);
        else if (level <= logLevel.WARN) logger.warn(line);
        else logger.debug(line);
      },
  });
}
