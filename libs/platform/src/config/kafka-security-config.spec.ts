import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError } from './config-validation.error';
import { loadConfig } from './load-config';

const SASL = {
  KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
  KAFKA_SASL_MECHANISM: 'scram-sha-512',
  KAFKA_SASL_USERNAME: 'ingest',
  KAFKA_SASL_PASSWORD: 'hunter2-secret',
};

function loadError(env: NodeJS.ProcessEnv): ConfigValidationError {
  try {
    loadConfig(BaseServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig: Kafka security', () => {
  it('defaults to PLAINTEXT with no SASL or TLS settings', () => {
    const config = loadConfig(BaseServiceConfig, {});

    expect(config.KAFKA_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(config.KAFKA_SASL_MECHANISM).toBeUndefined();
    expect(config.KAFKA_SASL_USERNAME).toBeUndefined();
    expect(config.KAFKA_SASL_PASSWORD).toBeUndefined();
    expect(config.KAFKA_SSL_CA_FILE).toBeUndefined();
  });

  it('reads SASL_SSL with SCRAM credentials and a CA file', () => {
    const config = loadConfig(BaseServiceConfig, { ...SASL, KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' });

    expect(config).toMatchObject({ ...SASL, KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem' });
  });

  it.each([
    ['SCRAM-SHA-256', 'scram-sha-256'],
    ['scram-sha-512', 'scram-sha-512'],
    ['Scram-Sha-512', 'scram-sha-512'],
  ])('reads the mechanism %p as %p', (raw, mechanism) => {
    expect(loadConfig(BaseServiceConfig, { ...SASL, KAFKA_SASL_MECHANISM: raw }).KAFKA_SASL_MECHANISM).toBe(
      mechanism,
    );
  });

  it('reads SSL alone, with or without a client certificate', () => {
    expect(loadConfig(BaseServiceConfig, { KAFKA_SECURITY_PROTOCOL: 'SSL' }).KAFKA_SECURITY_PROTOCOL).toBe(
      'SSL',
    );
    expect(
      loadConfig(BaseServiceConfig, {
        KAFKA_SECURITY_PROTOCOL: 'SSL',
        KAFKA_SSL_CERT_FILE: '/etc/kafka/client.pem',
        KAFKA_SSL_KEY_FILE: '/etc/kafka/client.key',
      }),
    ).toMatchObject({
      KAFKA_SSL_CERT_FILE: '/etc/kafka/client.pem',
      KAFKA_SSL_KEY_FILE: '/etc/kafka/client.key',
    });
  });

  it.each(['SASL_PLAINTEXT', 'sasl_ssl', 'TLS'])('refuses the protocol %p', (protocol) => {
    expect(loadError({ KAFKA_SECURITY_PROTOCOL: protocol }).message).toContain(
      `KAFKA_SECURITY_PROTOCOL: "${protocol}" is not one of PLAINTEXT|SSL|SASL_SSL`,
    );
  });

  it('lists every missing SASL setting when SASL_SSL is chosen', () => {
    expect(loadError({ KAFKA_SECURITY_PROTOCOL: 'SASL_SSL' }).message).toBe(
      [
        'Invalid configuration:',
        '  - KAFKA_SASL_MECHANISM: is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL (scram-sha-256|scram-sha-512)',
        '  - KAFKA_SASL_PASSWORD: is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
        '  - KAFKA_SASL_USERNAME: is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
      ].join('\n'),
    );
  });

  it('refuses a mechanism kafkajs cannot use with SCRAM', () => {
    expect(loadError({ ...SASL, KAFKA_SASL_MECHANISM: 'plain' }).message).toContain(
      'KAFKA_SASL_MECHANISM: "plain" is not one of scram-sha-256|scram-sha-512',
    );
  });

  it('refuses SASL or TLS settings the protocol would ignore, without echoing the password', () => {
    const plaintext = loadError({
      KAFKA_SASL_USERNAME: 'ingest',
      KAFKA_SASL_PASSWORD: 'hunter2-secret',
      KAFKA_SSL_CA_FILE: '/etc/kafka/ca.pem',
    });
    expect(plaintext.message).toBe(
      [
        'Invalid configuration:',
        '  - KAFKA_SECURITY_PROTOCOL: "PLAINTEXT" does not use KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD, ' +
          'KAFKA_SSL_CA_FILE (set SASL_SSL or SSL, or unset them)',
      ].join('\n'),
    );

    const ssl = loadError({ ...SASL, KAFKA_SECURITY_PROTOCOL: 'SSL' });
    expect(ssl.message).toContain(
      'KAFKA_SECURITY_PROTOCOL: "SSL" does not use KAFKA_SASL_MECHANISM, KAFKA_SASL_USERNAME, ' +
        'KAFKA_SASL_PASSWORD (set SASL_SSL, or unset them)',
    );
    expect(plaintext.message + ssl.message).not.toContain('hunter2');
  });

  it('never echoes the password in any validation message', () => {
    const error = loadError({ ...SASL, KAFKA_SASL_MECHANISM: 'md5', KAFKA_SSL_KEY_FILE: '/k' });

    expect(error.invalidVariables.map((v) => v.variable)).toEqual([
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SSL_CERT_FILE',
    ]);
    expect(error.message).not.toContain('hunter2');
  });

  it('needs the client certificate and key together', () => {
    expect(loadError({ ...SASL, KAFKA_SSL_KEY_FILE: '/etc/kafka/client.key' }).message).toContain(
      'KAFKA_SSL_CERT_FILE: is required with KAFKA_SSL_KEY_FILE (mutual TLS needs both)',
    );
    expect(loadError({ ...SASL, KAFKA_SSL_CERT_FILE: '/etc/kafka/client.pem' }).message).toContain(
      'KAFKA_SSL_KEY_FILE: is required with KAFKA_SSL_CERT_FILE (mutual TLS needs both)',
    );
  });

  it('treats empty values as unset, as for every other variable', () => {
    const config = loadConfig(BaseServiceConfig, {
      KAFKA_SECURITY_PROTOCOL: '',
      KAFKA_SASL_PASSWORD: '',
      KAFKA_SSL_CA_FILE: '',
    });

    expect(config.KAFKA_SECURITY_PROTOCOL).toBe('PLAINTEXT');
    expect(config.KAFKA_SASL_PASSWORD).toBeUndefined();
    expect(loadError({ ...SASL, KAFKA_SASL_PASSWORD: '' }).message).toContain(
      'KAFKA_SASL_PASSWORD: is required with KAFKA_SECURITY_PROTOCOL=SASL_SSL',
    );
  });
});
