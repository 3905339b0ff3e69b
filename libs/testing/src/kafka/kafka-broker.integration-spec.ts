import { randomUUID } from 'node:crypto';
import { Admin, Kafka, logLevel, Partitioners } from 'kafkajs';
import { ensureKafkaBroker, KafkaBroker } from './kafka-broker';

interface Received {
  key: string | undefined;
  value: string | undefined;
  offset: string;
}

// Does not rely on the integration project's globalSetup: it gets (or starts) a broker itself.
describe('ensureKafkaBroker', () => {
  let broker: KafkaBroker;
  let kafka: Kafka;
  let admin: Admin;

  beforeAll(async () => {
    broker = await ensureKafkaBroker();
    kafka = new Kafka({
      clientId: 'kafka-broker-spec',
      brokers: broker.brokers.split(','),
      // kafkajs logs retriable errors (e.g. "group coordinator is not available" while a fresh broker
      // creates __consumer_offsets) at ERROR; real failures surface through the assertions instead.
      logLevel: logLevel.NOTHING,
    });
    admin = kafka.admin();
    await admin.connect();
  }, 300_000);

  afterAll(async () => {
    await admin?.disconnect();
    await broker?.stop();
  }, 60_000);

  it('round-trips keyed messages with acks=all, in order', async () => {
    const topic = `supportlens.test.kafka-broker.${randomUUID()}`;
    // One partition, so the three messages have a total order to assert on.
    await admin.createTopics({
      topics: [{ topic, numPartitions: 1, replicationFactor: 1 }],
      waitForLeaders: true,
    });

    const sent = [
      { key: 'ticket-1', value: 'opened' },
      { key: 'ticket-2', value: 'opened' },
      { key: 'ticket-1', value: 'closed' },
    ];
    const producer = kafka.producer({
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    const [result] = await producer.send({ topic, acks: -1, messages: sent });
    await producer.disconnect();
    expect(result).toMatchObject({ topicName: topic, partition: 0, errorCode: 0 });

    const consumer = kafka.consumer({
      groupId: `kafka-broker-spec-${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    const received: Received[] = [];
    try {
      await consumer.connect();
      await consumer.subscribe({ topic, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${received.length}/3 messages consumed in 30 s`)),
          30_000,
        );
        consumer
          .run({
            eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
              for (const message of batch.messages) {
                received.push({
                  key: message.key?.toString(),
                  value: message.value?.toString(),
                  offset: message.offset,
                });
                resolveOffset(message.offset);
              }
              await heartbeat();
              if (received.length >= sent.length) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }

    expect(received).toEqual([
      { key: 'ticket-1', value: 'opened', offset: '0' },
      { key: 'ticket-2', value: 'opened', offset: '1' },
      { key: 'ticket-1', value: 'closed', offset: '2' },
    ]);
    await admin.deleteTopics({ topics: [topic] });
  });
});
