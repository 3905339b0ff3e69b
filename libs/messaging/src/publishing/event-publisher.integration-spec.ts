import { MetricsService } from '@supportlens/platform';
import { AnswerLosingSockets, TopicReader, waitFor } from '@supportlens/testing';
import { Admin, Kafka, logLevel, TopicMessages } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { EventPublisher, PublishTimeoutError } from './event-publisher';

/**
 * EventPublisher on the real broker: a send to a topic the broker does not host (which kafkajs
 * retries, as it retries a partition without a leader) stands in for a leader that does not answer. The publisher must give such a send up at its deadline without
 * holding up the sends queued behind it, and put a fresh producer (a new producer id) behind every
 * send that failed without a refusal, so no later batch can reuse the sequence numbers of records
 * the broker may have appended (see the class comment). The last test makes that happen for real: a
 * client whose sockets lose the broker's answers to Produce requests.
 */
describe('EventPublisher (real Kafka)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const run = randomUUID().slice(0, 8);
  const healthy = `it.publisher.healthy.${run}`;
  /** Never created. */
  const stuck = `it.publisher.missing.${run}`;
  const small = `it.publisher.small.${run}`;
  const lostAnswers = `it.publisher.lost-answers.${run}`;
  let admin: Admin;
  let kafka: Kafka;
  let publisher: EventPublisher;
  let producersMade: jest.SpyInstance;

  beforeAll(async () => {
    // Short retries: a send that cannot succeed fails in two or three seconds, also in the background.
    kafka = new Kafka({
      clientId: 'publisher-it',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 5, initialRetryTime: 200, maxRetryTime: 600 },
    });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: healthy, numPartitions: 3 },
        { topic: small, numPartitions: 1, configEntries: [{ name: 'max.message.bytes', value: '2048' }] },
        { topic: lostAnswers, numPartitions: 1 },
      ],
    });
    producersMade = jest.spyOn(kafka, 'producer');
    publisher = new EventPublisher(kafka, new MetricsService('publisher-it'));
    await publisher.onModuleInit();
  });

  afterAll(async () => {
    await publisher?.onApplicationShutdown();
    if (admin) {
      await admin.deleteTopics({ topics: [healthy, small, lostAnswers] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  const batch = (topic: string, values: string[]): TopicMessages[] => [
    { topic, messages: values.map((value, i) => ({ key: `k${i % 7}`, value })) },
  ];

  async function valuesOn(topic: string, count: number): Promise<string[]> {
    return valuesOnceHolding(topic, `${count} messages`, (values) => values.length >= count);
  }

  /** The topic's values, once they satisfy `enough`. */
  async function valuesOnceHolding(
    topic: string,
    what: string,
    enough: (values: string[]) => boolean,
  ): Promise<string[]> {
    const reader = await TopicReader.start(brokers, topic);
    try {
      return await waitFor(`${what} on ${topic}`, async () => {
        const values = reader.find(() => true).map((message) => message.value ?? '');
        return enough(values) ? values : undefined;
      });
    } finally {
      await reader.stop();
    }
  }

  it('abandons a send at its deadline, retires its producer, and the sends queued behind it go out', async () => {
    const before = producersMade.mock.calls.length;
    const started = Date.now();
    const stuckSend = publisher.sendBatch(batch(stuck, ['s1']), { timeoutMs: 400 });
    // Queued behind the stuck send, with time to spare once it is given up.
    const queued = publisher.sendBatch(batch(healthy, ['q1', 'q2', 'q3']), { timeoutMs: 10_000 });

    const error = await stuckSend.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishTimeoutError);
    expect((error as Error).message).toBe('Kafka did not acknowledge within 400 ms');
    await queued;
    // The queued send waited for the deadline, not for kafkajs's retries of the stuck one to run out.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(producersMade.mock.calls.length).toBe(before + 1);
    expect((await valuesOn(healthy, 3)).sort()).toEqual(['q1', 'q2', 'q3']);
  });

  it('puts a fresh producer behind a send that failed, but not behind one the broker refused', async () => {
    const before = producersMade.mock.calls.length;
    await expect(publisher.sendBatch(batch(stuck, ['s2']))).rejects.toThrow();
    expect(producersMade.mock.calls.length).toBe(before + 1);

    // A record larger than the topic takes is an answer: nothing was appended, the producer stays.
    const refused = await publisher.sendBatch(batch(small, ['x'.repeat(8_192)])).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(Error);
    expect(producersMade.mock.calls.length).toBe(before + 1);

    // Sends made together go out one after another, each whole.
    const values = Array.from({ length: 40 }, (_, i) => `c${i}`);
    await Promise.all(
      [0, 1, 2, 3].map((part) => publisher.sendBatch(batch(small, values.slice(part * 10, part * 10 + 10)))),
    );
    expect((await valuesOn(small, 40)).sort()).toEqual([...values].sort());
  });

  it('stores a different batch sent after a send whose answers were lost, instead of taking it for a duplicate', async () => {
    // The broker appends each Produce request this client sends while `losing` is on, but the answers
    // never arrive: the send fails although its records are stored. kafkajs then takes back the
    // sequence numbers it gave them; a different batch of the same size on the same producer would get
    // the same numbers and be acknowledged as a duplicate of the stored one without being written.
    const sockets = new AnswerLosingSockets();
    const lossyKafka = new Kafka({
      clientId: 'publisher-it-lossy',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 300 },
      socketFactory: sockets.factory,
    });
    const lossy = new EventPublisher(lossyKafka, new MetricsService('publisher-it-lossy'));
    await lossy.onModuleInit();
    try {
      await lossy.sendBatch(batch(lostAnswers, ['a1', 'a2', 'a3']));
      sockets.losing = true;
      await expect(lossy.sendBatch(batch(lostAnswers, ['b1', 'b2', 'b3']))).rejects.toThrow();
      sockets.losing = false;
      expect(sockets.lostAnswers).toBeGreaterThan(0);

      await lossy.sendBatch(batch(lostAnswers, ['c1', 'c2', 'c3']));
      const values = await valuesOnceHolding(lostAnswers, 'the batch sent after the failure', (read) =>
        read.includes('c3'),
      );
      // The failed batch was appended once (its retries were recognised as duplicates), the next one
      // was written, and nothing twice.
      expect(values).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'c1', 'c2', 'c3']);
    } finally {
      await lossy.onApplicationShutdown();
    }
  });
});
