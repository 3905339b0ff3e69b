import { BaseServiceConfig } from '@supportlens/platform';
import { KafkaSecuritySettings } from './kafka-security';

/** The service's validated KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* / KAFKA_SSL_* as client settings. */
export function kafkaSecurityFromConfig(config: BaseServiceConfig): KafkaSecuritySettings {
  const {
    KAFKA_SASL_MECHANISM: mechanism,
    KAFKA_SASL_USERNAME: username,
    KAFKA_SASL_PASSWORD: password,
  } = config;
  return {
    protocol: config.KAFKA_SECURITY_PROTOCOL,
    ...(config.KAFKA_SECURITY_PROTOCOL === 'SASL_SSL' &&
      mechanism !== undefined &&
      username !== undefined &&
      password !== undefined && { sasl: { mechanism, username, password } }),
    ...(config.KAFKA_SSL_CA_FILE !== undefined && { caFile: config.KAFKA_SSL_CA_FILE }),
    ...(config.KAFKA_SSL_CERT_FILE !== undefined && { certFile: config.KAFKA_SSL_CERT_FILE }),
    ...(config.KAFKA_SSL_KEY_FILE !== undefined && { keyFile: config.KAFKA_SSL_KEY_FILE }),
  };
}
