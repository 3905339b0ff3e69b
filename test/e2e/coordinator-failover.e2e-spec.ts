import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  BatchHandler,
  batchConsumerProvider,
  BatchOutcome,
  InboundBatch,
  MessageParser,
  MessagingModule,
} from '@supportlens/messaging';
import { BaseServiceConfig, PlatformModule } from '@supportlens/platform';
import { RawProducer, waitFor } from '@supportlens/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { PrivateKafka } from '../../scripts/faults/stack/private-kafka';

/**
 * Group coordinator failover on a three-broker cluster (replication factor 3, min ISR 2): every
 * broker in turn is killed with `kill -9` and started again while a BatchConsumer consumes, so the
 * group's coordinator (and partition leaders) move at least once. The consumer must follow the
 * coordinator: every acknowledged message applied and the group's committed offsets at the end.
 * A regression test for consumers that kept committing to the old coordinator after it came back
 * ("This is not the correct coordinator for this group") and never cleared their lag.
 */

const TOPIC = 'it.coordinator-failover';
const PARTITIONS = 3;

const parseSample: MessageParser<{ n: number }> = (json) => {
  const n = (json as { n?: unknown } | null)?.n;
  return typeof n === 'number'
    ? { ok: true, data: { n } }
    : { ok: false, errorClass: 'ContractViolation', reason: 'n: must be a number' };
};

@Injectable()
class CountingHandler implements BatchHandler<{ n: number }> {
  readonly applied = new Set<number>();

  async handleBatch(batch: InboundBatch<{ n: number }>): Promise<BatchOutcome<{ n: number }>> {
    for (const event of batch.events) this.applied.add(event.data.n);
    return { rejected: [] };
  }
}

describe('BatchConsumer across group coordinator failover (three brokers)', () => {
  let cluster: PrivateKafka;
  let admin: Admin;
  let producer: RawProducer;
  const savedBrokers = process.env.KAFKA_BROKERS;
  const close: Array<() => Promise<unknown>> = [];

  beforeAll(async () => {
    cluster = await PrivateKafka.start(3, `coordinator-${randomUUID().slice(0, 8)}`);
    process.env.KAFKA_BROKERS = cluster.brokers;
    admin = new Kafka({
      clientId: 'coordinator-failover-admin',
      brokers: cluster.brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    await admin.createTopics({
      topics: [{ topic: TOPIC, numPartitions: PARTITIONS, replicationFactor: 3 }],
      waitForLeaders: false,
    });
    // A fresh cluster's metadata lags the creation for a moment on the other brokers.
    await waitFor('the topic to have leaders', async () => {
      const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC] });
      return topics[0].partitions.every((p) => p.leader >= 0) ? true : undefined;
    });
    producer = await RawProducer.connect(cluster.brokers);
  }, 180_000);

  afterAll(async () => {
    while (close.length > 0) await close.pop()!().catch(() => undefined);
    await producer?.disconnect().catch(() => undefined);
    await admin?.disconnect().catch(() => undefined);
    await cluster?.destroy();
    process.env.KAFKA_BROKERS = savedBrokers;
  }, 120_000);

  /** Sends until the cluster acknowledges (acks=all), as a publisher with retries would. */
  async function sendAcknowledged(from: number, count: number): Promise<number[]> {
    const acked: number[] = [];
    for (let n = from; n < from + count; n++) {
      for (;;) {
        try {
          await producer.send(TOPIC, [{ key: `customer-${n % 17}`, value: JSON.stringify({ n }) }]);
          acked.push(n);
          break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    }
    return acked;
  }

  it('follows the coordinator through kill -9 of every broker and commits to the end', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        PlatformModule.forRoot({ serviceName: 'coordinator-it', config: BaseServiceConfig }),
        MessagingModule.forRoot({ produces: [] }),
        {
          module: class ConsumerUnderTest {},
          providers: [
            CountingHandler,
            batchConsumerProvider({
              name: 'failover',
              topic: TOPIC,
              parse: parseSample,
              handler: CountingHandler,
              requireCloudEvent: false,
            }),
          ],
        },
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: ['error'] });
    close.push(() => app.close());
    await app.init();
    const handler = app.get(CountingHandler);
    const groupId = `${app.get(BaseServiceConfig).KAFKA_GROUP_ID_PREFIX}.coordinator-it.failover`;

    /**
     * Within 30 s of a broker's restart, everything acknowledged is applied and committed. The bound
     * is not a speed: kafkajs's own commit retries against a stale coordinator last about a minute
     * (10 retries, 300 ms doubling to 10 s), which is what the consumer used to wait out per batch.
     */
    const untilCaughtUp = (acked: number[]) =>
      waitFor(
        'every acknowledged message applied and committed',
        async () => {
          const ends = await admin.fetchTopicOffsets(TOPIC);
          const [committed] = await admin.fetchOffsets({ groupId, topics: [TOPIC] });
          const atEnd = ends.every(
            (end) => committed.partitions.find((p) => p.partition === end.partition)?.offset === end.high,
          );
          return atEnd && acked.every((n) => handler.applied.has(n)) ? true : undefined;
        },
        { timeoutMs: 30_000 },
      );

    const acked = await sendAcknowledged(0, 200);
    await untilCaughtUp(acked);
    for (let index = 0; index < cluster.size; index++) {
      cluster.killNode(index);
      acked.push(...(await sendAcknowledged(acked.length, 100)));
      await cluster.startNode(index);
      acked.push(...(await sendAcknowledged(acked.length, 100)));
      await untilCaughtUp(acked);
    }
    expect(acked.filter((n) => !handler.applied.has(n))).toEqual([]);
    expect(acked).toHaveLength(800);
  }, 400_000);
});
