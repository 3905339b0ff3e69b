import { BaseServiceConfig } from '@supportlens/platform';
import { buildKafkaSecurityOptions, KafkaSecuritySettings, PemReader } from './kafka-security';
import { kafkaSecurityFromConfig } from './kafka-security-from-config';

/** Files as the reader would find them on disk: path -> content. */
function fakeFiles(files: Record<string, string>): PemReader & { reads: string[] } {
  const reads: string[] = [];
  const reader = (path: string, setting: string): string => {
    reads.push(`${setting}=${path}`);
    const content = files[path];
    if (content === undefined) throw new Error(`${setting}: cannot read ${path} (ENOENT)`);
    return content;
  };
  return Object.assign(reader, { reads });
}

const CA = '-----BEGIN CERTIFICATE-----\nca\n-----END CERTIFICATE-----\n';
const CERT = '-----BEGIN CERTIFICATE-----\nclient\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nkey\n-----END PRIVATE KEY-----\n';
const FILES = { '/tls/ca.pem': CA, '/tls/client.pem': CERT, '/tls/client.key': KEY };
const SCRAM = { mechanism: 'scram-sha-512', username: 'ingest', password: 'secret' } as const;

describe('buildKafkaSecurityOptions', () => {
  it('adds nothing for PLAINTEXT and reads no file', () => {
    const files = fakeFiles(FILES);

    expect(buildKafkaSecurityOptions({ protocol: 'PLAINTEXT', caFile: '/tls/ca.pem' }, files)).toEqual({});
    expect(files.reads).toEqual([]);
  });

  it('uses TLS with Node default CAs when no CA file is given', () => {
    expect(buildKafkaSecurityOptions({ protocol: 'SSL' }, fakeFiles({}))).toEqual({
      ssl: { rejectUnauthorized: true },
    });
  });

  it('trusts the CA file and presents a client certificate for mutual TLS', () => {
    const settings: KafkaSecuritySettings = {
      protocol: 'SSL',
      caFile: '/tls/ca.pem',
      certFile: '/tls/client.pem',
      keyFile: '/tls/client.key',
    };
    const files = fakeFiles(FILES);

    expect(buildKafkaSecurityOptions(settings, files)).toEqual({
      ssl: { rejectUnauthorized: true, ca: [CA], cert: CERT, key: KEY },
    });
    expect(files.reads).toEqual([
      'KAFKA_SSL_CA_FILE=/tls/ca.pem',
      'KAFKA_SSL_CERT_FILE=/tls/client.pem',
      'KAFKA_SSL_KEY_FILE=/tls/client.key',
    ]);
  });

  it('adds SCRAM credentials over TLS for SASL_SSL', () => {
    expect(
      buildKafkaSecurityOptions(
        { protocol: 'SASL_SSL', sasl: SCRAM, caFile: '/tls/ca.pem' },
        fakeFiles(FILES),
      ),
    ).toEqual({
      ssl: { rejectUnauthorized: true, ca: [CA] },
      sasl: { mechanism: 'scram-sha-512', username: 'ingest', password: 'secret' },
    });
  });

  it('ignores SASL credentials for SSL', () => {
    expect(buildKafkaSecurityOptions({ protocol: 'SSL', sasl: SCRAM }, fakeFiles({}))).toEqual({
      ssl: { rejectUnauthorized: true },
    });
  });

  it('refuses SASL_SSL without credentials', () => {
    expect(() => buildKafkaSecurityOptions({ protocol: 'SASL_SSL' }, fakeFiles({}))).toThrow(
      'Kafka SASL_SSL needs a SASL mechanism, username and password',
    );
  });

  it('refuses a client certificate without its key', () => {
    expect(() =>
      buildKafkaSecurityOptions({ protocol: 'SSL', certFile: '/tls/client.pem' }, fakeFiles(FILES)),
    ).toThrow('Kafka mutual TLS needs both a client certificate file and a key file');
  });

  it('lets a file that cannot be read fail the build, naming the setting', () => {
    expect(() =>
      buildKafkaSecurityOptions({ protocol: 'SSL', caFile: '/tls/missing.pem' }, fakeFiles(FILES)),
    ).toThrow('KAFKA_SSL_CA_FILE: cannot read /tls/missing.pem (ENOENT)');
  });
});

describe('kafkaSecurityFromConfig', () => {
  function config(values: Partial<BaseServiceConfig>): BaseServiceConfig {
    return Object.assign(new BaseServiceConfig(), values);
  }

  it('is PLAINTEXT by default', () => {
    expect(kafkaSecurityFromConfig(new BaseServiceConfig())).toEqual({ protocol: 'PLAINTEXT' });
  });

  it('carries SASL_SSL credentials and files', () => {
    expect(
      kafkaSecurityFromConfig(
        config({
          KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
          KAFKA_SASL_MECHANISM: 'scram-sha-256',
          KAFKA_SASL_USERNAME: 'insights',
          KAFKA_SASL_PASSWORD: 'pw',
          KAFKA_SSL_CA_FILE: '/tls/ca.pem',
          KAFKA_SSL_CERT_FILE: '/tls/client.pem',
          KAFKA_SSL_KEY_FILE: '/tls/client.key',
        }),
      ),
    ).toEqual({
      protocol: 'SASL_SSL',
      sasl: { mechanism: 'scram-sha-256', username: 'insights', password: 'pw' },
      caFile: '/tls/ca.pem',
      certFile: '/tls/client.pem',
      keyFile: '/tls/client.key',
    });
  });

  it('leaves SASL out for SSL', () => {
    expect(
      kafkaSecurityFromConfig(config({ KAFKA_SECURITY_PROTOCOL: 'SSL', KAFKA_SSL_CA_FILE: '/tls/ca.pem' })),
    ).toEqual({ protocol: 'SSL', caFile: '/tls/ca.pem' });
  });
});
