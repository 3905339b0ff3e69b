import { Kafka, logLevel } from 'kafkajs';
import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/**
 * Scenario 5: three brokers (replication factor 3, min.insync.replicas 2); the leader of a raw-topic
 * partition killed with `kill -9` five times during ingest and started again. Acknowledged means on
 * two replicas at least, so nothing acknowledged may be missing downstream.
 */
export const LEADER_KILLS: Scenario = {
  name: 'leader kill -9',
  fault: 'partition leader kill -9 (5; short run 2), 3 brokers, RF 3, min ISR 2',
  brokers: 3,
  loadMode: 'raw',
  poisonEvery: 0,
  events: { full: 100_000, short: 8_000 },
  rate: 600,
  async inject(context: ScenarioContext): Promise<InjectedFaults> {
    const times = context.scale === 'full' ? 5 : 2;
    const gap = context.loadDurationMs / (times + 1);
    const admin = new Kafka({
      clientId: 'fault-leaders',
      brokers: context.kafka.brokers.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      for (let i = 0; i < times; i++) {
        await sleep(gap);
        const { topics } = await admin.fetchTopicMetadata({ topics: ['support.tickets.raw.v1'] });
        const leader = topics[0].partitions[i % topics[0].partitions.length].leader;
        const index = context.kafka.indexOfBroker(leader);
        context.log(`kill -9 broker ${leader}, leader of support.tickets.raw.v1`);
        context.kafka.killNode(index);
        await sleep(5_000);
        await context.kafka.startNode(index);
      }
    } finally {
      await admin.disconnect();
    }
    return { count: times, notes: [], failures: [] };
  },
};
