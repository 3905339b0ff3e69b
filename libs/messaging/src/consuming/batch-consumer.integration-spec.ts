import { INestApplication, Provider } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { deadLetterTopic } from '@supportlens/contracts';
import { BaseServiceConfig, MetricsService, PlatformModule } from '@supportlens/platform';
import { RawProducer, ReadMessage, TopicReader, waitFor } from '@supportlens/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { KAFKA_CLIENT } from '../kafka/kafka.tokens';
import { MessagingModule } from '../messaging.module';
import { EventPublisher } from '../publishing/event-publisher';
import { TopicProvisioner } from '../topics/topic-provisioner';
import { BatchConsumer, PERMANENT_FAILURE_ATTEMPTS } from './batch-consumer';
import { batchConsumerProvider, batchConsumerToken } from './batch-consumer.provider';
import { BatchHandler, BatchOutcome, InboundBatch, InboundEvent, Rejection } from './inbound-event';
import { MessageParser } from './message-parser';

/**
 * BatchConsumer on the real broker: retries, dead letters, offset commits and group membership.
 * Handlers keep their effects in memory; the subject is the runner, not a database. Every test has
 * its own topic and consumer group, so no test sees another's messages or offsets.
 */

const SERVICE_NAME = 'messaging-it';

interface Sample {
  n: number;
}

/** Accepts `{ n: number }`, refuses anything else the way contractParser would. */
const parseSample: MessageParser<Sample> = (json) => {
  const n = (json as { n?: unknown } | null)?.n;
  return typeof json === 'object' && json !== null && typeof n === 'number'
    ? { ok: true, data: { n } }
    : { ok: false, errorClass: 'ContractViolation', reason: 'n: must be a number' };
};

interface Script {
  /** Runs at the start of every call; throwing makes the call fail. */
  beforeApply?: (call: number) => Promise<void>;
  /** A bug that some events trigger every time: the whole call fails while such an event is in it. */
  failsOn?: (event: InboundEvent<Sample>) => boolean;
  /** Refuse an event for good: it is reported back to the runner for the dead-letter topic. */
  reject?: (event: InboundEvent<Sample>) => Rejection | undefined;
}

/** A handler whose "database" is an array: effects are recorded only by calls that return. */
class RecordingHandler implements BatchHandler<Sample> {
  /** Every call, failed ones included. */
  readonly calls: InboundBatch<Sample>[] = [];
  /** Events whose effects are durable: appended only when a call succeeds. */
  readonly applied: InboundEvent<Sample>[] = [];

  constructor(private readonly script: Script = {}) {}

  async handleBatch(batch: InboundBatch<Sample>): Promise<BatchOutcome<Sample>> {
    this.calls.push(batch);
    await this.script.beforeApply?.(this.calls.length);
    const poison = batch.events.find((event) => this.script.failsOn?.(event));
    if (poison) throw new TypeError(`cannot handle n=${poison.data.n}`);
    const rejected: NonNullable<BatchOutcome<Sample>['rejected']> = [];
    const applied: InboundEvent<Sample>[] = [];
    for (const event of batch.events) {
      const rejection = this.script.reject?.(event);
      if (rejection) rejected.push({ event, rejection });
      else applied.push(event);
    }
    this.applied.push(...applied);
    return { rejected };
  }

  get appliedNs(): number[] {
    return this.applied.map((event) => event.data.n);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= fn());
}

describe('BatchConsumer (real Kafka)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let admin: Admin;
  let producer: RawProducer;
  /** Closed after each test, last registered first, whether the test passed or not. */
  const cleanups: Array<() => Promise<unknown>> = [];
  const createdTopics: string[] = [];

  beforeAll(async () => {
    admin = new Kafka({
      clientId: 'batch-consumer-it-admin',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    producer = await RawProducer.connect(brokers);
  });

  afterEach(async () => {
    while (cleanups.length > 0) {
      await cleanups.pop()!().catch((error: unknown) => console.error(`cleanup failed: ${String(error)}`));
    }
  });

  afterAll(async () => {
    await producer?.disconnect();
    // Only once the producer is gone: kafkajs keeps refreshing metadata for every topic a producer
    // has sent to, and a deleted one makes its next send fail. Matters when the tests reuse a
    // developer's broker instead of starting a throwaway one.
    if (admin) {
      const existing = new Set(await admin.listTopics());
      const topics = createdTopics.filter((topic) => existing.has(topic));
      if (topics.length > 0) await admin.deleteTopics({ topics });
      await admin.disconnect();
    }
  });

  /** A topic of the test's own; it and its DLQ (created by the consumer) are deleted in afterAll. */
  const uniqueTopic = () => {
    const topic = `it.batch-consumer.${randomUUID()}`;
    createdTopics.push(topic, deadLetterTopic(topic));
    return topic;
  };
  const customer = () => `cust-${randomUUID()}`;
  const samples = (key: string, ns: number[]) => ns.map((n) => ({ key, value: JSON.stringify({ n }) }));

  interface RunningApp {
    app: INestApplication;
    groupId: string;
    metrics: MetricsService;
    close(): Promise<void>;
  }

  /** Platform + messaging + the given providers, initialised (consumers start) but not listening. */
  async function startApp(providers: Provider[], groupName?: string): Promise<RunningApp> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ serviceName: SERVICE_NAME, config: BaseServiceConfig }),
        MessagingModule.forRoot({ produces: [] }),
        { module: class ConsumerUnderTest {}, providers },
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    const close = once(() => app.close());
    cleanups.push(close);
    await app.init();
    const prefix = app.get(BaseServiceConfig).KAFKA_GROUP_ID_PREFIX;
    return {
      app,
      groupId: `${prefix}.${SERVICE_NAME}.${groupName ?? ''}`,
      metrics: app.get(MetricsService),
      close,
    };
  }

  /** An app running one consumer, wired exactly as services wire theirs (batchConsumerProvider). */
  function startConsumerApp(topic: string, name: string, handler: RecordingHandler): Promise<RunningApp> {
    return startApp(
      [
        { provide: RecordingHandler, useValue: handler },
        batchConsumerProvider({
          name,
          topic,
          parse: parseSample,
          handler: RecordingHandler,
          requireCloudEvent: false,
        }),
      ],
      name,
    );
  }

  async function readTopic(topic: string): Promise<TopicReader> {
    const reader = await TopicReader.start(brokers, topic);
    cleanups.push(() => reader.stop());
    return reader;
  }

  /** Messages ever written to the topic, from the broker's watermarks (exact, no waiting). */
  async function messageCount(topic: string): Promise<number> {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
  }

  /** The group's committed offset per partition ('-1' when none). */
  async function committed(groupId: string, topic: string): Promise<Map<number, string>> {
    const [entry] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(entry.partitions.map((p) => [p.partition, p.offset]));
  }

  /**
   * Resolves once the group has committed every message of the topic. The runner commits only
   * after a batch's handler call and dead letters are done, so this is the end of batch processing.
   */
  function untilAllCommitted(groupId: string, topic: string): Promise<true> {
    return waitFor(`${groupId} to commit the end of ${topic}`, async () => {
      const ends = await admin.fetchTopicOffsets(topic);
      const done = await committed(groupId, topic);
      return ends.every((p) => p.high === '0' || done.get(p.partition) === p.high) ? true : undefined;
    });
  }

  function untilApplied(handler: RecordingHandler, count: number): Promise<number[]> {
    return waitFor(`${count} events applied`, async () =>
      handler.applied.length >= count ? handler.appliedNs : undefined,
    );
  }

  function expectInPublishOrder(events: InboundEvent<Sample>[], key: string): void {
    const offsets = events.map((event) => BigInt(event.offset));
    offsets.slice(1).forEach((offset, i) => expect(offset).toBeGreaterThan(offsets[i]));
    expect(new Set(events.map((event) => event.partition)).size).toBe(1);
    events.forEach((event) => expect(event.key).toBe(key));
  }

  async function retriesCounted(metrics: MetricsService, topic: string): Promise<number> {
    const metric = await metrics.registry.getSingleMetric('supportlens_consumer_retries_total')!.get();
    return metric.values.find((value) => value.labels.topic === topic)?.value ?? 0;
  }

  // Promise: a handler error is transient. The same batch is retried until it succeeds, the events
  // are applied once each in order, nothing is dead-lettered, and the retries are counted.
  it('retries a batch whose handler fails transiently, and never dead-letters it', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const handler = new RecordingHandler({
      beforeApply: async (call) => {
        if (call <= 2) {
          throw Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:5432 (call ${call})`), {
            code: 'ECONNREFUSED',
          });
        }
      },
    });
    const { groupId, metrics } = await startConsumerApp(topic, `retry-${randomUUID()}`, handler);

    await producer.send(topic, samples(key, [1, 2, 3, 4, 5]));

    expect(await untilApplied(handler, 5)).toEqual([1, 2, 3, 4, 5]);
    await untilAllCommitted(groupId, topic);
    expect(handler.appliedNs).toEqual([1, 2, 3, 4, 5]); // nothing applied twice after the commit
    expectInPublishOrder(handler.applied, key);
    // The two failed calls and the one that succeeded saw the very same batch.
    expect(handler.calls.length).toBeGreaterThanOrEqual(3);
    const firstBatch = handler.calls[0].events.map((event) => event.offset);
    expect(handler.calls[1].events.map((event) => event.offset)).toEqual(firstBatch);
    expect(handler.calls[2].events.map((event) => event.offset)).toEqual(firstBatch);
    // Dead letters are sent before the commit we waited for: had there been any, they are on the broker.
    expect(await messageCount(deadLetterTopic(topic))).toBe(0);
    expect(await retriesCounted(metrics, topic)).toBeGreaterThanOrEqual(2);
  });

  // Promise: an event that makes the handler fail every time, for a reason that is not transient,
  // is found by splitting the batch and dead-lettered with the error; the rest apply in order and the
  // partition moves on instead of being blocked for ever.
  it('isolates an event that fails for good, dead-letters it, and applies the rest in order', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const handler = new RecordingHandler({ failsOn: (event) => event.data.n === 4 });
    const { groupId } = await startConsumerApp(topic, `isolate-${randomUUID()}`, handler);
    const dlq = await readTopic(deadLetterTopic(topic));

    await producer.send(topic, samples(key, [1, 2, 3, 4, 5, 6, 7]));

    await untilAllCommitted(groupId, topic);
    expect(handler.appliedNs).toEqual([1, 2, 3, 5, 6, 7]);
    expectInPublishOrder(handler.applied, key);
    const [letter] = await waitFor('the dead letter', async () => {
      const found = dlq.find((m) => m.key === key);
      return found.length > 0 ? found : undefined;
    });
    expect(letter.value).toBe(JSON.stringify({ n: 4 }));
    expect(letter.headers.dlq_error_class).toBe('HandlerFailure');
    expect(letter.headers.dlq_error_message).toBe('TypeError: cannot handle n=4');
    expect(await messageCount(deadLetterTopic(topic))).toBe(1);
  });

  // Promise: a message that can never decode goes to the DLQ byte for byte, with its reason and
  // original position, and does not hold back the valid messages around it.
  it('dead-letters poison messages with reason and original position, applying their valid neighbours', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const handler = new RecordingHandler();
    const { groupId } = await startConsumerApp(topic, `poison-${randomUUID()}`, handler);
    const source = await readTopic(topic);
    const dlq = await readTopic(deadLetterTopic(topic));

    const brokenJson = '{"n": 2, "note": "caf\u00e9';
    const schemaInvalid = '{"n":"three"}';
    await producer.send(topic, [
      { key, value: JSON.stringify({ n: 1 }) },
      { key, value: brokenJson, headers: { 'x-origin': 'help-desk' } },
      { key, value: schemaInvalid, headers: { 'x-origin': 'chat' } },
      { key, value: JSON.stringify({ n: 4 }) },
    ]);

    expect(await untilApplied(handler, 2)).toEqual([1, 4]);
    expectInPublishOrder(handler.applied, key);
    const letters = await waitFor('2 dead letters', async () => {
      const found = dlq.find((m) => m.key === key);
      return found.length >= 2 ? found : undefined;
    });
    const sent = await waitFor('the 4 source messages', async () => {
      const found = source.find((m) => m.key === key);
      return found.length === 4 ? found : undefined;
    });
    await untilAllCommitted(groupId, topic);

    expect(letters).toHaveLength(2);
    expect(await messageCount(deadLetterTopic(topic))).toBe(2);
    // The handler never saw the poison.
    expect(handler.calls.flatMap((c) => c.events.map((e) => e.data.n))).toEqual([1, 4]);

    const original = (value: string): ReadMessage => sent.find((m) => m.value === value)!;
    const byClass = Object.fromEntries(letters.map((l) => [l.headers.dlq_error_class, l]));
    expect(Object.keys(byClass).sort()).toEqual(['ContractViolation', 'MalformedJson']);
    for (const [errorClass, value, origin] of [
      ['MalformedJson', brokenJson, 'help-desk'],
      ['ContractViolation', schemaInvalid, 'chat'],
    ] as const) {
      const letter = byClass[errorClass];
      expect(letter.value).toBe(value);
      expect(letter.headers).toMatchObject({
        'x-origin': origin, // original headers kept
        dlq_original_topic: topic,
        dlq_original_partition: String(original(value).partition),
        dlq_original_offset: original(value).offset,
        dlq_consumer_group: groupId,
        dlq_error_class: errorClass,
        dlq_failed_at: expect.any(String),
      });
    }
    expect(byClass.MalformedJson.headers.dlq_error_message).toMatch(/^value is not JSON: /);
    expect(byClass.ContractViolation.headers.dlq_error_message).toBe('n: must be a number');
  });

  // Promise: with a redaction, a dead letter's value is what the redaction returns (the reason and the
  // original position stay in the headers, and `dlq_redacted` says so); a value it leaves unchanged is
  // dead-lettered byte for byte, without the header.
  it('redacts dead letters with the consumer’s redaction, keeping the headers', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const handler = new RecordingHandler();
    const name = `redact-${randomUUID()}`;
    const { groupId } = await startApp(
      [
        { provide: RecordingHandler, useValue: handler },
        batchConsumerProvider({
          name,
          topic,
          parse: parseSample,
          handler: RecordingHandler,
          requireCloudEvent: false,
          deadLetterRedaction: {
            redactValue: (value) => Buffer.from(value.toString('utf8').replace(/[\w.]+@[\w.]+/g, '[email]')),
            label: 'personal-data',
          },
        }),
      ],
      name,
    );
    const dlq = await readTopic(deadLetterTopic(topic));

    await producer.send(topic, [
      { key, value: '{"n":"one","email":"ana@example.com"}', headers: { 'x-origin': 'help-desk' } },
      { key, value: '{"n":"two"}' },
      { key, value: JSON.stringify({ n: 3 }) },
    ]);

    expect(await untilApplied(handler, 1)).toEqual([3]);
    await untilAllCommitted(groupId, topic);
    const letters = await waitFor('2 dead letters', async () => {
      const found = dlq.find((m) => m.key === key);
      return found.length >= 2 ? found : undefined;
    });
    const [redacted, untouched] = letters.sort((a, b) => Number(a.offset) - Number(b.offset));
    expect(redacted.value).toBe('{"n":"one","email":"[email]"}');
    expect(redacted.headers).toMatchObject({
      'x-origin': 'help-desk',
      dlq_original_topic: topic,
      dlq_error_class: 'ContractViolation',
      dlq_error_message: 'n: must be a number',
      dlq_redacted: 'personal-data',
    });
    expect(untouched.value).toBe('{"n":"two"}');
    expect(untouched.headers).not.toHaveProperty('dlq_redacted');
  });

  // Promise: an event the handler refuses for good (BatchOutcome.rejected) is dead-lettered with the
  // handler's class and reason; the rest of the batch counts as applied.
  it('dead-letters the events a handler rejects and keeps the rest of the batch', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const handler = new RecordingHandler({
      reject: (event) =>
        event.data.n === 2
          ? { errorClass: 'UnknownCustomer', reason: `customer ${event.key} is not known` }
          : undefined,
    });
    const { groupId, metrics } = await startConsumerApp(topic, `rejects-${randomUUID()}`, handler);
    const source = await readTopic(topic);
    const dlq = await readTopic(deadLetterTopic(topic));

    await producer.send(topic, samples(key, [1, 2, 3]));

    expect(await untilApplied(handler, 2)).toEqual([1, 3]);
    const [letter] = await waitFor('1 dead letter', async () => {
      const found = dlq.find((m) => m.key === key);
      return found.length >= 1 ? found : undefined;
    });
    const rejected = await waitFor(
      'the rejected source message',
      async () => source.find((m) => m.key === key && m.value === '{"n":2}')[0],
    );
    await untilAllCommitted(groupId, topic);

    expect(handler.appliedNs).toEqual([1, 3]);
    expect(await messageCount(deadLetterTopic(topic))).toBe(1);
    expect(letter.value).toBe('{"n":2}');
    expect(letter.headers).toMatchObject({
      dlq_original_topic: topic,
      dlq_original_partition: String(rejected.partition),
      dlq_original_offset: rejected.offset,
      dlq_consumer_group: groupId,
      dlq_error_class: 'UnknownCustomer',
      dlq_error_message: `customer ${key} is not known`,
    });
    const dlqMetric = await metrics.dlq.get();
    expect(dlqMetric.values).toContainEqual(
      expect.objectContaining({ labels: { topic, reason: 'UnknownCustomer' }, value: 1 }),
    );
  });

  describe('offset commits', () => {
    // Promise: a graceful shutdown lets the batch in hand finish and commit, so a restarted member
    // of the same group redelivers nothing that was applied.
    it('redelivers nothing after a graceful shutdown that lands mid-batch', async () => {
      const topic = uniqueTopic();
      const key = customer();
      const name = `restart-${randomUUID()}`;
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const first = new RecordingHandler({ beforeApply: () => released });
      const before = await startConsumerApp(topic, name, first);
      const managed = before.app.get<{ consumer: BatchConsumer<Sample> }>(batchConsumerToken(name));
      const stop = jest.spyOn(managed.consumer, 'stop');

      // One produce request is one record batch on the broker, so one fetch hands over all three.
      await producer.send(topic, samples(key, [1, 2, 3]));
      await waitFor('the handler to hold the batch', async () => (first.calls.length > 0 ? true : undefined));
      expect(first.calls[0].events.map((e) => e.data.n)).toEqual([1, 2, 3]);

      const closing = before.close();
      await waitFor('the consumer to be asked to stop', async () =>
        stop.mock.calls.length > 0 ? true : undefined,
      );
      release(); // the batch finishes while the consumer is stopping
      await closing;

      expect(first.appliedNs).toEqual([1, 2, 3]);
      const [partition] = new Set(first.applied.map((e) => e.partition));
      expect((await committed(before.groupId, topic)).get(partition)).toBe('3');

      const second = new RecordingHandler();
      const after = await startConsumerApp(topic, name, second);
      expect(after.groupId).toBe(before.groupId);
      await producer.send(topic, samples(key, [4]));
      // Same key, same partition: anything redelivered would arrive before 4.
      expect(await untilApplied(second, 1)).toEqual([4]);
      await untilAllCommitted(after.groupId, topic);
      expect(second.appliedNs).toEqual([4]);
      expect(second.calls.flatMap((c) => c.events.map((e) => e.data.n))).toEqual([4]);
    });

    // Promise: offsets are committed only after the handler succeeded. A member stopped while it
    // keeps failing commits nothing, and the next member of the group gets every message.
    it('commits nothing for a batch that never succeeded, so the next member gets it all', async () => {
      const topic = uniqueTopic();
      const key = customer();
      const name = `never-${randomUUID()}`;
      const failing = new RecordingHandler({
        beforeApply: async () => {
          throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        },
      });
      const before = await startConsumerApp(topic, name, failing);

      await producer.send(topic, samples(key, [1, 2, 3]));
      // More tries than a failure that is not transient gets: an outage is waited out, not isolated.
      await waitFor('retries of the failing batch', async () =>
        failing.calls.length > PERMANENT_FAILURE_ATTEMPTS + 1 ? true : undefined,
      );
      await before.close();

      expect(failing.applied).toEqual([]);
      const offsets = await committed(before.groupId, topic);
      expect([...offsets.values()].every((offset) => offset === '-1')).toBe(true);
      expect(await messageCount(deadLetterTopic(topic))).toBe(0);

      const working = new RecordingHandler();
      await startConsumerApp(topic, name, working);
      expect(await untilApplied(working, 3)).toEqual([1, 2, 3]);
      await untilAllCommitted(before.groupId, topic);
      expect(working.appliedNs).toEqual([1, 2, 3]);
      expectInPublishOrder(working.applied, key);
    });
  });

  // Promise: a handler slower than the session timeout keeps the group membership (the runner
  // heartbeats while it waits), so the batch is handled once and committed, not handed over and redone.
  // batchConsumerProvider does not expose sessionTimeoutMs, so the runner is built directly from the
  // app's Kafka client, publisher, provisioner and metrics.
  it('keeps group membership while a handler runs longer than the session timeout', async () => {
    const topic = uniqueTopic();
    const key = customer();
    const { app, groupId } = await startApp([], `slow-${randomUUID()}`);
    const handler = new RecordingHandler({
      beforeApply: async (call) => {
        if (call === 1) await sleep(9_000); // 1.5 × the session timeout
      },
    });
    const consumer = new BatchConsumer<Sample>(
      app.get<Kafka>(KAFKA_CLIENT),
      {
        name: 'slow',
        groupId,
        topic,
        rules: { parse: parseSample, requireCloudEvent: false, maxValueBytes: 1024 * 1024 },
        sessionTimeoutMs: 6_000,
        // kafkajs sends at most one heartbeat per 3 s (its heartbeatInterval); ticking every second
        // keeps the gap between heartbeats near 3 s, well inside the 6 s session.
        heartbeatIntervalMs: 1_000,
      },
      handler,
      app.get(EventPublisher),
      app.get(TopicProvisioner),
      app.get(MetricsService),
    );
    await consumer.start();
    cleanups.push(once(() => consumer.stop()));

    await producer.send(topic, samples(key, [1, 2, 3]));

    expect(await untilApplied(handler, 3)).toEqual([1, 2, 3]);
    // Had the member been evicted, its commit would have been refused and the batch redone first.
    await untilAllCommitted(groupId, topic);
    expect(handler.calls).toHaveLength(1);
    expect(handler.appliedNs).toEqual([1, 2, 3]);
  });
});
