import { readFileSync } from 'node:fs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';

/** SASL_PLAINTEXT is left out on purpose: it would send every event unencrypted. */
export type KafkaSecurityProtocol = 'PLAINTEXT' | 'SSL' | 'SASL_SSL';
export type KafkaSaslMechanism = 'scram-sha-256' | 'scram-sha-512';

export interface KafkaSaslCredentials {
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

/** How a client reaches the brokers; file paths, read when the client is built. */
export interface KafkaSecuritySettings {
  protocol: KafkaSecurityProtocol;
  /** Required with SASL_SSL, ignored otherwise. */
  sasl?: KafkaSaslCredentials;
  /** PEM CA bundle the broker certificates are checked against; Node's default CAs when absent. */
  caFile?: string;
  /** PEM client certificate and key, both or neither, for brokers that require mutual TLS. */
  certFile?: string;
  keyFile?: string;
}

export type KafkaSecurityOptions = Pick<KafkaConfig, 'ssl' | 'sasl'>;

/** Reads one PEM file; `setting` names it in the error. */
export type PemReader = (path: string, setting: string) => string;

/**
 * The kafkajs `ssl`/`sasl` options for these settings. Missing or unreadable files throw here, at
 * start, naming the setting, rather than later as a vague TLS error on the first connection.
 */
export function buildKafkaSecurityOptions(
  settings: KafkaSecuritySettings,
  readPem: PemReader = readPemFile,
): KafkaSecurityOptions {
  if (settings.protocol === 'PLAINTEXT') return {};
  if ((settings.certFile === undefined) !== (settings.keyFile === undefined)) {
    throw new Error('Kafka mutual TLS needs both a client certificate file and a key file');
  }
  const ssl = {
    // Host names are checked against the certificate (Node's default); never switched off here.
    rejectUnauthorized: true,
    ...(settings.caFile !== undefined && { ca: [readPem(settings.caFile, 'KAFKA_SSL_CA_FILE')] }),
    ...(settings.certFile !== undefined && { cert: readPem(settings.certFile, 'KAFKA_SSL_CERT_FILE') }),
    ...(settings.keyFile !== undefined && { key: readPem(settings.keyFile, 'KAFKA_SSL_KEY_FILE') }),
  };
  if (settings.protocol === 'SSL') return { ssl };
  if (!settings.sasl) throw new Error('Kafka SASL_SSL needs a SASL mechanism, username and password');
  const { mechanism, username, password } = settings.sasl;
  const sasl: SASLOptions = { mechanism, username, password };
  return { ssl, sasl };
}

/** Reads a PEM file, refusing what is not PEM (a PKCS#12 or JKS store given by mistake). */
export function readPemFile(path: string, setting: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`${setting}: cannot read ${path} (${reason})`);
  }
  if (!text.includes('-----BEGIN ')) {
    throw new Error(`${setting}: ${path} is not a PEM file (expected -----BEGIN ...-----)`);
  }
  return text;
}
