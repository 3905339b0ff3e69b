import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { BaseServiceConfig, loadConfig } from '@supportlens/platform';
import { SecureKafkaBroker, startSecureKafkaBroker, waitFor } from '@supportlens/testing';
import { Kafka, KafkaMessage, Partitioners } from 'kafkajs';
import { createKafkaClient, KafkaClientSettings } from './create-kafka-client';
import { KafkaSaslMechanism } from './kafka-security';
import { kafkaSecurityFromConfig } from './kafka-security-from-config';

// Checks that must fail do so on the first attempt instead of after the client's usual retries.
const NO_RETRY = { retries: 0 };

/** Connects an admin and asks for the cluster: the smallest round trip that needs authentication. */
async function describeCluster(kafka: Kafka): Promise<unknown> {
  const admin = kafka.admin({ retry: NO_RETRY });
  try {
    await admin.connect();
    return await admin.describeCluster();
  } finally {
    await admin.disconnect();
  }
}

// Real broker (deploy/kafka/kafka.sh, KAFKA_LISTENER_MODE=sasl_ssl) with its own CA, beside the dev broker.
describe('Kafka SASL/SCRAM over TLS', () => {
  let broker: SecureKafkaBroker;
  const logged: string[] = [];

  function settings(
    overrides: Partial<KafkaClientSettings> = {},
    mechanism: KafkaSaslMechanism = 'scram-sha-512',
  ) {
    const [user] = broker.users;
    return {
      clientId: 'kafka-sasl-tls-spec',
      brokers: [broker.brokers],
      security: { protocol: 'SASL_SSL', sasl: { mechanism, ...user }, caFile: broker.caFile },
      ...overrides,
    } satisfies KafkaClientSettings;
  }

  beforeAll(async () => {
    // Everything kafkajs says goes through Nest's Logger (createKafkaClient): keep it to look for passwords.
    for (const level of ['error', 'warn', 'log', 'debug'] as const) {
      jest.spyOn(Logger.prototype, level).mockImplementation((...args: unknown[]) => {
        logged.push(args.map(String).join(' '));
      });
    }
    broker = await startSecureKafkaBroker();
  }, 120_000);

  afterAll(async () => {
    jest.restoreAllMocks();
    await broker?.stop();
  }, 60_000);

  it('creates a topic, produces and consumes over SASL_SSL with SCRAM-SHA-512', async () => {
    const kafka = createKafkaClient(settings());
    const topic = `supportlens.test.sasl-tls.${randomUUID()}`;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({
        topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
        waitForLeaders: true,
      });
    } finally {
      await admin.disconnect();
    }

    const producer = kafka.producer({ idempotent: true, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [{ key: 'customer-1', value: 'encrypted and authenticated' }],
    });
    await producer.disconnect();

    const received: KafkaMessage[] = [];
    const consumer = kafka.consumer({
      groupId: `kafka-sasl-tls-spec-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message) });
      await waitFor('the message back', async () => (received.length > 0 ? true : undefined), {
        timeoutMs: 30_000,
      });
    } finally {
      await consumer.disconnect();
    }
    expect(received.map((m) => [m.key?.toString(), m.value?.toString()])).toEqual([
      ['customer-1', 'encrypted and authenticated'],
    ]);
  });

  it('authenticates with SCRAM-SHA-256 as well', async () => {
    const kafka = createKafkaClient(settings({ retry: NO_RETRY }, 'scram-sha-256'));

    await expect(describeCluster(kafka)).resolves.toMatchObject({ brokers: [{ host: '127.0.0.1' }] });
  });

  it('builds the same client from a service configuration', async () => {
    const [user] = broker.users;
    const config = loadConfig(BaseServiceConfig, {
      KAFKA_BROKERS: broker.brokers,
      KAFKA_SECURITY_PROTOCOL: 'SASL_SSL',
      KAFKA_SASL_MECHANISM: 'SCRAM-SHA-512',
      KAFKA_SASL_USERNAME: user.username,
      KAFKA_SASL_PASSWORD: user.password,
      KAFKA_SSL_CA_FILE: broker.caFile,
    });
    const kafka = createKafkaClient({
      clientId: 'kafka-sasl-tls-spec',
      brokers: config.kafkaBrokers,
      security: kafkaSecurityFromConfig(config),
      retry: NO_RETRY,
    });

    await expect(describeCluster(kafka)).resolves.toBeDefined();
  });

  it('refuses a plaintext client on the SASL_SSL port', async () => {
    const plaintext = createKafkaClient({
      clientId: 'kafka-sasl-tls-spec',
      brokers: [broker.brokers],
      retry: NO_RETRY,
    });

    await expect(describeCluster(plaintext)).rejects.toThrow(/closed connection|connection error|timeout/i);
  });

  it('refuses TLS without SASL authentication', async () => {
    const sslOnly = createKafkaClient(
      settings({ security: { protocol: 'SSL', caFile: broker.caFile }, retry: NO_RETRY }),
    );

    await expect(describeCluster(sslOnly)).rejects.toThrow(/closed connection/i);
  });

  it('refuses a wrong password with an authentication error', async () => {
    const [user] = broker.users;
    const wrong = createKafkaClient(
      settings({
        security: {
          protocol: 'SASL_SSL',
          sasl: { mechanism: 'scram-sha-512', username: user.username, password: `${user.password}-wrong` },
          caFile: broker.caFile,
        },
      }),
    );

    // Not retried by kafkajs: the default retry policy still fails at once.
    await expect(describeCluster(wrong)).rejects.toMatchObject({
      name: 'KafkaJSSASLAuthenticationError',
      message: expect.stringMatching(/authentication failed.*invalid credentials/i),
    });
  });

  it('refuses a broker whose CA the client does not trust (Node default CAs)', async () => {
    const [user] = broker.users;
    const untrusting = createKafkaClient(
      settings({
        security: { protocol: 'SASL_SSL', sasl: { mechanism: 'scram-sha-512', ...user } },
        retry: NO_RETRY,
      }),
    );

    await expect(describeCluster(untrusting)).rejects.toThrow(/self-signed certificate|unable to verify/i);
  });

  it('fails the client build at once when the CA file is missing', () => {
    expect(() =>
      createKafkaClient(
        settings({ security: { ...settings().security, caFile: `${broker.caFile}.missing` } }),
      ),
    ).toThrow(/^KAFKA_SSL_CA_FILE: cannot read .*ca\.pem\.missing \(ENOENT\)$/);
  });

  it('never logged a password', () => {
    expect(logged.length).toBeGreaterThan(0); // the failures above did log
    for (const { password } of broker.users) {
      expect(logged.filter((line) => line.includes(password))).toEqual([]);
    }
  });
});
