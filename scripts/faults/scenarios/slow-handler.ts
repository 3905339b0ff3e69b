import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { offsetIncreases, movesPerWindow, OffsetSample } from '../check/offset-moves';
import { InjectedFaults, Scenario, ScenarioContext, sleep } from './scenario';

/** Each statement stays under the services' 30 s statement timeout; a cases batch runs two of them. */
const SLEEP_PER_STATEMENT_S = 18;
const SESSION_TIMEOUT_MS = 30_000;
const SAMPLE_MS = 5_000;
/** The inbox consumer name of insights' cases input (its topic). */
const CASES_CONSUMER = 'support.cases.classified.v1';

/**
 * Scenario 7: insights' cases batches made slower than the consumer session timeout (30 s), from
 * outside the service: triggers sleep 18 s in the inbox claim of a write that holds cases, and 18 s
 * before its case upsert, so such a write takes over 36 s. The consumer must heartbeat through it: no
 * rebalance, and the committed offsets keep moving while the triggers are there.
 *
 * Only writes holding cases are slowed: a survey-only write slowed too would come between two cases
 * writes whenever the cases consumer is still committing and fetching, stretching the cycle the check
 * below measures to ~55 s of its 60 s. The triggers fire before the rows of their statement are
 * written, so the sleep slows the write without other partitions' writes waiting on its locks.
 */
export const SLOW_HANDLER: Scenario = {
  name: 'slow handler',
  fault: 'insights cases batches slower than the 30 s session timeout',
  brokers: 1,
  loadMode: 'raw',
  poisonEvery: 0,
  events: { full: 60_000, short: 6_000 },
  rate: 300,
  async inject(context: ScenarioContext): Promise<InjectedFaults> {
    // A cases write commits about every 35 s (36 s of sleep over two writers, then commit and fetch),
    // but a partition batch larger than one write (1,000 events) commits after its second part, 72 s
    // on (CI: moves at 40, 111 and 146 s). 180 s holds at least three commits even then; at 100 s CI
    // once saw exactly two windows move (1149 → 1149 → 1175 → 1175 → 2265).
    const slowMs = context.scale === 'full' ? 240_000 : 180_000;
    const database = new Client({ connectionString: context.databaseUrl });
    await database.connect();
    const failures: string[] = [];
    try {
      await sleep(context.loadDurationMs / 4);
      const rebalancesBefore = rebalanceLines(context.logDir);
      context.log(
        `insights' cases batches now take over ${2 * SLEEP_PER_STATEMENT_S} s, for ${slowMs / 1000} s`,
      );
      // The inbox claim: a row trigger, because one claim holds both consumers' ids; it sleeps once
      // per transaction, at its first case (cases sort first, so before any row is written).
      await database.query(`
        CREATE FUNCTION insights.faults_sleep_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF current_setting('faults.slept', true) IS DISTINCT FROM 'yes' THEN
            PERFORM set_config('faults.slept', 'yes', true);
            PERFORM pg_sleep(${SLEEP_PER_STATEMENT_S});
          END IF;
          RETURN NEW;
        END $$`);
      await database.query(
        `CREATE TRIGGER faults_sleep BEFORE INSERT ON insights.processed_events FOR EACH ROW
         WHEN (NEW.consumer = '${CASES_CONSUMER}') EXECUTE FUNCTION insights.faults_sleep_once()`,
      );
      await database.query(`
        CREATE FUNCTION insights.faults_sleep() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(${SLEEP_PER_STATEMENT_S}); RETURN NULL; END $$`);
      await database.query(
        `CREATE TRIGGER faults_sleep BEFORE INSERT ON insights.case_facts FOR EACH STATEMENT EXECUTE FUNCTION insights.faults_sleep()`,
      );
      // Sampled every 5 s, so the note shows when each write committed; judged per 30 s window.
      const start = Date.now();
      const samples: OffsetSample[] = [{ at: 0, offset: await committed(context) }];
      while (Date.now() - start < slowMs) {
        await sleep(SAMPLE_MS);
        samples.push({ at: Date.now() - start, offset: await committed(context) });
      }
      for (const table of ['processed_events', 'case_facts'])
        await database.query(`DROP TRIGGER faults_sleep ON insights.${table}`);
      await database.query(`DROP FUNCTION insights.faults_sleep_once()`);
      await database.query(`DROP FUNCTION insights.faults_sleep()`);
      context.log('insights batches are fast again');
      const windows = movesPerWindow(samples, SESSION_TIMEOUT_MS, slowMs);
      const moves = windows.filter(Boolean).length;
      if (moves < 2)
        failures.push(`insights' committed offsets moved in ${moves} of ${windows.length} session timeouts`);
      const rebalances = rebalanceLines(context.logDir) - rebalancesBefore;
      if (rebalances > 0)
        failures.push(`insights' consumer group rebalanced ${rebalances} times during the slow batches`);
      return {
        count: 1,
        notes: [
          `insights' committed offsets (classified cases) moved in ${moves} of ${windows.length} windows of 30 s: ${offsetIncreases(samples)}`,
        ],
        failures,
      };
    } finally {
      await database.end();
    }
  },
};

/** The sum of insights' committed offsets on the classified-cases topic. */
async function committed(context: ScenarioContext): Promise<bigint> {
  const admin = new Kafka({
    clientId: 'fault-offsets',
    brokers: context.kafka.brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    const { groups } = await admin.listGroups();
    const group = groups.find(
      (entry) =>
        entry.groupId.startsWith(`${context.groupPrefix}.insights.`) &&
        entry.groupId.endsWith('classified-cases'),
    );
    if (!group) return 0n;
    const [offsets] = await admin.fetchOffsets({
      groupId: group.groupId,
      topics: ['support.cases.classified.v1'],
    });
    return offsets.partitions.reduce((sum, { offset }) => sum + (offset === '-1' ? 0n : BigInt(offset)), 0n);
  } finally {
    await admin.disconnect();
  }
}

/** Rebalances insights logged so far (kafkajs warns when its group rebalances). */
function rebalanceLines(logDir: string): number {
  try {
    return readFileSync(path.join(logDir, 'insights.log'), 'utf8')
      .split('\n')
      .filter((line) => /rebalanc/i.test(line)).length;
  } catch {
    return 0;
  }
}
