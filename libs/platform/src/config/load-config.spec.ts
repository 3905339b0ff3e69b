import { IsOptional } from 'class-validator';
import { BaseServiceConfig } from './base-service.config';
import { ConfigValidationError } from './config-validation.error';
import { ToBoolean, ToInt } from './env-transforms';
import { IsBooleanValue, IsIntInRange } from './env-validators';
import { loadConfig } from './load-config';

class IngestLikeConfig extends BaseServiceConfig {
  override PORT = 3001;

  @ToBoolean()
  @IsBooleanValue()
  ACCEPT_LEGACY_EVENTS: boolean = true;

  @IsOptional()
  @ToInt()
  @IsIntInRange(1, 10)
  MAX_RETRIES?: number;
}

function loadError(env: NodeJS.ProcessEnv): ConfigValidationError {
  try {
    loadConfig(BaseServiceConfig, env);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error;
    throw error;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the defaults when nothing is set', () => {
    const config = loadConfig(BaseServiceConfig, {});

    expect(config).toBeInstanceOf(BaseServiceConfig);
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      PORT: 3000,
      KAFKA_BROKERS: '127.0.0.1:9092',
      KAFKA_TOPIC_PARTITIONS: 6,
      KAFKA_REPLICATION_FACTOR: 1,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/supportlens',
      HTTP_BODY_LIMIT: '1mb',
      SHUTDOWN_TIMEOUT_MS: 25000,
    });
    expect(config.KAFKA_CLIENT_ID).toBeUndefined();
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('reads and converts overrides', () => {
    const config = loadConfig(BaseServiceConfig, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PORT: '8080',
      KAFKA_BROKERS: 'kafka-1:9092, kafka-2.internal:19092,[::1]:9093',
      KAFKA_CLIENT_ID: 'ingest-7',
      KAFKA_TOPIC_PARTITIONS: '12',
      KAFKA_REPLICATION_FACTOR: '3',
      DATABASE_URL: 'postgresql://app:secret@db:5432/supportlens?sslmode=require',
      HTTP_BODY_LIMIT: '5mb',
      SHUTDOWN_TIMEOUT_MS: '1000',
    });

    expect(config).toMatchObject({
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      PORT: 8080,
      KAFKA_CLIENT_ID: 'ingest-7',
      KAFKA_TOPIC_PARTITIONS: 12,
      KAFKA_REPLICATION_FACTOR: 3,
      DATABASE_URL: 'postgresql://app:secret@db:5432/supportlens?sslmode=require',
      HTTP_BODY_LIMIT: '5mb',
      SHUTDOWN_TIMEOUT_MS: 1000,
    });
    expect(config.kafkaBrokers).toEqual(['kafka-1:9092', 'kafka-2.internal:19092', '[::1]:9093']);
    expect(config.isProduction).toBe(true);
  });

  it('ignores variables the class does not declare and treats empty values as unset', () => {
    const config = loadConfig(BaseServiceConfig, {
      PATH: '/usr/bin',
      HOME: '/root',
      PORT: '',
      kafkaBrokers: 'x',
    });

    expect(config.PORT).toBe(3000);
    expect(config).not.toHaveProperty('PATH');
    expect(config.kafkaBrokers).toEqual(['127.0.0.1:9092']);
  });

  it('lists every bad variable on its own line, sorted', () => {
    const error = loadError({
      PORT: '70000',
      KAFKA_BROKERS: 'x',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'verbose',
      KAFKA_TOPIC_PARTITIONS: '0',
      KAFKA_REPLICATION_FACTOR: 'three',
      DATABASE_URL: 'mysql://root:hunter2@db/app',
      HTTP_BODY_LIMIT: 'huge',
      SHUTDOWN_TIMEOUT_MS: '1.5',
    });

    expect(error.message).toBe(
      [
        'Invalid configuration:',
        '  - DATABASE_URL: is not a postgres:// or postgresql:// URL (example: postgres://user:password@127.0.0.1:5432/supportlens)',
        '  - HTTP_BODY_LIMIT: "huge" is not a size (examples: 1mb, 512kb, 1048576)',
        '  - KAFKA_BROKERS: "x" is not a host:port list (example: 127.0.0.1:9092)',
        '  - KAFKA_REPLICATION_FACTOR: "three" is not an integer >= 1',
        '  - KAFKA_TOPIC_PARTITIONS: 0 is not an integer >= 1',
        '  - LOG_LEVEL: "verbose" is not one of fatal|error|warn|info|debug|trace|silent',
        '  - NODE_ENV: "staging" is not one of development|test|production',
        '  - PORT: 70000 is not an integer between 1 and 65535',
        '  - SHUTDOWN_TIMEOUT_MS: "1.5" is not an integer >= 1',
      ].join('\n'),
    );
    expect(error.invalidVariables.map((v) => v.variable)).toHaveLength(9);
    expect(error.message).not.toContain('hunter2');
  });

  it.each(['kafka', 'kafka:', 'kafka:0', 'kafka:70000', 'a:1,,b:2', 'http://kafka:9092', ' , '])(
    'rejects the broker list %p',
    (brokers) => {
      expect(loadError({ KAFKA_BROKERS: brokers }).message).toContain('KAFKA_BROKERS:');
    },
  );

  it.each(['1mb ', '1\tmb', '1 tb', 'mb'])(
    'rejects the body limit %p, which body-parser would misread',
    (limit) => {
      expect(loadError({ HTTP_BODY_LIMIT: limit }).message).toContain('HTTP_BODY_LIMIT:');
    },
  );

  it.each(['1mb', '1 mb', '512KB', '1048576', '1.5mb'])('accepts the body limit %p', (limit) => {
    expect(loadConfig(BaseServiceConfig, { HTTP_BODY_LIMIT: limit }).HTTP_BODY_LIMIT).toBe(limit);
  });

  it('defaults KAFKA_GROUP_ID_PREFIX and checks its characters', () => {
    expect(loadConfig(BaseServiceConfig, {}).KAFKA_GROUP_ID_PREFIX).toBe('supportlens');
    expect(loadError({ KAFKA_GROUP_ID_PREFIX: 'my group' }).message).toContain(
      'KAFKA_GROUP_ID_PREFIX: "my group" may only contain letters, digits, ".", "_" and "-"',
    );
  });

  describe('in a service subclass', () => {
    it('uses the subclass default PORT and keeps the inherited validation', () => {
      expect(loadConfig(IngestLikeConfig, {}).PORT).toBe(3001);
      expect(loadConfig(IngestLikeConfig, { PORT: '4000' }).PORT).toBe(4000);
      expect(() => loadConfig(IngestLikeConfig, { PORT: 'abc' })).toThrow(
        'PORT: "abc" is not an integer between 1 and 65535',
      );
    });

    it.each([
      ['false', false],
      ['FALSE', false],
      ['0', false],
      ['no', false],
      ['off', false],
      ['true', true],
      ['1', true],
      ['Yes', true],
      ['on', true],
    ])('parses the boolean %p as %p', (raw, expected) => {
      expect(loadConfig(IngestLikeConfig, { ACCEPT_LEGACY_EVENTS: raw }).ACCEPT_LEGACY_EVENTS).toBe(expected);
    });

    it('rejects a value that is not a boolean', () => {
      expect(() => loadConfig(IngestLikeConfig, { ACCEPT_LEGACY_EVENTS: 'maybe' })).toThrow(
        'ACCEPT_LEGACY_EVENTS: "maybe" is not a boolean (true/false, 1/0, yes/no, on/off)',
      );
    });

    it('parses optional integers and leaves them unset when absent', () => {
      expect(loadConfig(IngestLikeConfig, {}).MAX_RETRIES).toBeUndefined();
      expect(loadConfig(IngestLikeConfig, { MAX_RETRIES: ' 7 ' }).MAX_RETRIES).toBe(7);
      expect(() => loadConfig(IngestLikeConfig, { MAX_RETRIES: '7x' })).toThrow(
        'MAX_RETRIES: "7x" is not an integer',
      );
    });
  });
});
