import { Topics } from '@supportlens/contracts';
import { runMigrations } from '@supportlens/persistence';
import {
  cloudEventMessage,
  createTestDatabase,
  ensureTopics,
  RawProducer,
  startService,
  TestDatabase,
  TopicReader,
  waitFor,
  withEnv,
} from '@supportlens/testing';
import { Admin, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { ALL_MIGRATION_TARGETS } from '../../scripts/migration-targets';
import { INPUT_TOPICS, INSIGHTS_CONSUMERS, insightsGroupId } from '../../scripts/bench/insights/input-topics';
import { LoadEvent, SyntheticLoad } from '../../scripts/bench/shared/synthetic-load';
import { AppModule as InsightsApp } from '../../services/insights/src/app.module';

/**
 * Replay determinism: replaying the input topics from the start into an empty database gives the same
 * read models and the same insight events.
 *
 * A history of classified cases and scored surveys (the benchmark's seeded generator: skewed
 * customers, case versions, surveys about cases, image surveys, a rising issue, a segment that
 * over-indexes on one) is published to the input topics. Run A: the insights service on an empty
 * database A, with new consumer groups that read the input topics from where this history starts,
 * until the history is applied. Run B: the same on an empty database B with other new groups. Both
 * runs start from a fully published input, which is what a replay is.
 *
 * Where the runs start. The topics are shared by every suite and keep days of events; a new group
 * would start at their beginning (the consumers subscribe `fromBeginning`), and other suites date
 * their data centuries ahead to keep it apart. Detectors evaluate at event time taken from the facts
 * (at a catch-up's end, the latest fact's), and an evaluation never moves back in time, so a
 * far-future event read with this history moves "now" for this history's topics and segments for
 * good. Both runs therefore start at the offsets the input topics had
 * before this history was published: their input is this history (and whatever another process
 * publishes meanwhile), the same for both.
 *
 * What is compared, generically (every table of the `insights` schema, every insight kind's events),
 * so insight kinds added later are covered without touching this test:
 *
 * - Read models: every base table except bookkeeping (`processed_events`, `migrations`), without the
 *   wall-clock columns (`created_at`, `updated_at`, `sent_at`, `processed_at` and any column whose
 *   default is now()), row by row in primary-key order. Only rows about this history are compared:
 *   every id, segment value, agent and issue code of the history carries this test's token, and its
 *   dates lie in a past month no other suite uses, so a row holds the token or one of those days
 *   exactly when it is about this history.
 * - Insight events: what each run emitted for this history (the token in the key or the data), taken
 *   from its outbox (`insights.insight_outbox`, which every insight kind's events go through and
 *   which keeps sent events for days), and checked to be on their `marketing.insights.*` topic with
 *   the same id, time and data. The topic alone would not tell the runs apart: any other insights
 *   instance on the broker (another suite, a developer's stack) reads the shared input topics too
 *   and publishes events for these keys under the same ids.
 *
 * What holds, and so what is asserted:
 *
 * - Facts, profiles, rollups and daily windows are functions of the final facts (each record's
 *   latest version wins by its version time; per-customer order is kept by the key), whatever the
 *   batching. Asserted exactly equal.
 * - Within each run, every insight key's events count up from sequence 1 and end with the event
 *   its state row names (`last_event_id`), and every event is on its topic as the outbox holds it.
 * - Insight state and events (every kind) are asserted equal between the runs: ids, times, data,
 *   sequences, and every table holding detector state. Judged batch by batch they would not be:
 *   Kafka fixes neither how a partition is cut into batches nor how the case and survey topics
 *   interleave, and detectors keep state between evaluations (hysteresis, the time of a segment's
 *   last evaluation, sequences counting transitions), so intermediate and even final states would
 *   depend on the path. Both runs start with the whole history waiting, above the run's
 *   CATCH_UP_ENTER_LAG, so insights catches up (catch-up/): batches keep the read models current
 *   and judge nothing, and at the end of the input every customer, content topic and persona segment
 *   is judged once, on the final facts. The tables holding detector state are recognised from the
 *   data (a row names one of the run's event ids) or listed in `DETECTOR_STATE_TABLES` when they
 *   hold none.
 */
const INSIGHT_TOPICS = Object.values(Topics).filter((topic) => topic.startsWith('marketing.insights.'));
/** Columns that hold when something happened on the wall clock, not what happened. */
const WALL_CLOCK_COLUMNS = ['created_at', 'updated_at', 'sent_at', 'processed_at'];
const BOOKKEEPING_TABLES = ['processed_events', 'migrations', 'catch_up'];
/** Detector state that names no insight event, and what it holds. */
const DETECTOR_STATE_TABLES: Record<string, string> = {
  persona_segment_evaluations: 'when each segment was last evaluated, in event time',
};
type Row = Record<string, unknown>;
type ReadModels = Record<string, Row[]>;

interface InsightEvent {
  topic: string;
  key: string;
  id: string;
  sequence: number;
  time: string;
  data: unknown;
}

interface Run {
  readModels: ReadModels;
  events: InsightEvent[];
}

describe('insights replay determinism', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const token = `rp${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  // A month of its own in the past (no other suite sends data dated there), so the per-day rows of
  // the whole population (all customers, each channel) are this history's alone.
  const year = 2001 + Math.floor(Math.random() * 20);
  const start = new Date(Date.UTC(year, Math.floor(Math.random() * 10), 1));
  const history = new SyntheticLoad({
    seed: 20_261_124,
    customers: 60,
    namespace: token,
    namespaceGroups: true,
    start,
    spacingMs: 30 * 60_000, // 1,500 events over about 31 days
    maxFollowUpSlots: 60,
    trendFromSlot: 900, // a new issue from day 19 on: a content topic to raise
  }).take(1_500);
  const marks = [token, ...daysAround(start, 34)];

  let kafka: Kafka;
  let admin: Admin;
  let producer: RawProducer;
  const readers = new Map<string, TopicReader>();
  const databases: TestDatabase[] = [];

  beforeAll(async () => {
    kafka = new Kafka({ clientId: 'replay-test', brokers: brokers.split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    for (const reader of readers.values()) await reader.stop();
    await producer?.disconnect();
    await admin?.disconnect();
    for (const database of databases) await database.drop();
  });

  it('rebuilds the same read models, and insight events consistent with them, from the input topics', async () => {
    await ensureTopics(admin, [...INPUT_TOPICS]);
    const historyStart = await endOffsets(admin, INPUT_TOPICS);
    await publish(producer, history);

    const a = await runInsights('a', historyStart);
    const b = await runInsights('b', historyStart);
    const stateTables = new Set([
      ...tablesNamingEvents(a.readModels, a.events),
      ...tablesNamingEvents(b.readModels, b.events),
      ...Object.keys(DETECTOR_STATE_TABLES),
    ]);

    // The test is only as good as its history: it must have exercised the detectors.
    expect(a.readModels.case_facts?.length).toBeGreaterThan(500);
    expect(a.readModels.survey_facts?.length).toBeGreaterThan(100);
    expect(a.events.length).toBeGreaterThan(0);

    const derived = (models: ReadModels) =>
      Object.fromEntries(Object.entries(models).filter(([table]) => !stateTables.has(table)));
    expect(derived(b.readModels)).toEqual(derived(a.readModels));

    for (const [run, { events, readModels }] of [
      ['a', a],
      ['b', b],
    ] as const) {
      expect({ run, problems: inconsistencies(events, readModels) }).toEqual({ run, problems: [] });
      expect({ run, notOnTopic: await notPublished(events) }).toEqual({ run, notOnTopic: [] });
    }

    // Every insight kind took part: the history raises each of them.
    expect(new Set(a.events.map((event) => event.topic))).toEqual(new Set(INSIGHT_TOPICS));
    expect(compareInsights(a, b, stateTables)).toEqual([]);
  }, 300_000);

  /** One run: an empty database, new consumer groups from where the history starts, until it is in. */
  async function runInsights(run: 'a' | 'b', from: Offsets): Promise<Run> {
    const database = await createTestDatabase();
    databases.push(database);
    await runMigrations(ALL_MIGRATION_TARGETS, database.url, () => undefined);
    const groupPrefix = `${process.env.KAFKA_GROUP_ID_PREFIX}-replay-${run}-${token}`;
    for (const { name, topic } of INSIGHTS_CONSUMERS) {
      const partitions = [...from[topic]].map(([partition, offset]) => ({
        partition,
        offset: String(offset),
      }));
      await admin.setOffsets({ groupId: insightsGroupId(groupPrefix, name), topic, partitions });
    }
    // The history (1,500 events) is waiting when the service starts: well above this lag, it catches up.
    const catchUp = { CATCH_UP_ENTER_LAG: '500', CATCH_UP_EXIT_LAG: '0', CATCH_UP_CHECK_MS: '200' };
    const app = await withEnv(
      { DATABASE_URL: database.url, KAFKA_GROUP_ID_PREFIX: groupPrefix, ...catchUp },
      async () => (await startService(InsightsApp)).app,
    );
    const pool = new Pool({ connectionString: database.url, max: 2 });
    try {
      await startReaders();
      await waitFor(`run ${run}: the history applied`, () => allApplied(pool, history), {
        timeoutMs: 120_000,
        intervalMs: 500,
      });
      await waitFor(`run ${run}: the catch-up over`, () => caughtUp(pool, history), { intervalMs: 200 });
      await waitFor(`run ${run}: every insight event sent`, () => outboxDrained(pool), { intervalMs: 200 });
      return { readModels: await readModels(pool, marks), events: await emittedEvents(pool, token) };
    } finally {
      await pool.end();
      await app.close();
    }
  }

  async function startReaders(): Promise<void> {
    // The service creates its insight topics at start; read them from the beginning.
    for (const topic of INSIGHT_TOPICS) {
      if (!readers.has(topic)) readers.set(topic, await TopicReader.start(brokers, topic));
    }
  }

  /** The run's events that are not on their topic with the same id, time and data (waits a while). */
  async function notPublished(events: readonly InsightEvent[]): Promise<string[]> {
    const missing = (event: InsightEvent) =>
      !readers
        .get(event.topic)!
        .find((message) => message.headers.ce_id === event.id)
        .some(
          (message) =>
            message.key === event.key &&
            message.headers.ce_time === event.time &&
            deepEqual(JSON.parse(message.value ?? 'null'), event.data),
        );
    await waitFor('every insight event on its topic', async () => (events.some(missing) ? undefined : true), {
      timeoutMs: 20_000,
    }).catch(() => undefined);
    return events.filter(missing).map((event) => `${event.topic} ${event.key} ${event.id}`);
  }
});

// ---------------------------------------------------------------------------------------------------
// Kafka
// ---------------------------------------------------------------------------------------------------

type Offsets = Record<string, Map<number, number>>;

async function endOffsets(admin: Admin, topics: readonly string[]): Promise<Offsets> {
  const offsets: Offsets = {};
  for (const topic of topics) {
    offsets[topic] = new Map(
      (await admin.fetchTopicOffsets(topic)).map(({ partition, high }) => [partition, Number(high)]),
    );
  }
  return offsets;
}

/** The history as the classifier and survey-scoring publish it; each event's time is its version time. */
async function publish(producer: RawProducer, events: readonly LoadEvent[]): Promise<void> {
  for (const topic of INPUT_TOPICS) {
    const messages = events
      .filter((event) => event.contract.topic === topic)
      .map((event) =>
        cloudEventMessage(event.contract, event.data, {
          subject: event.key,
          id: event.id,
          source: '/supportlens/replay-test',
          time: event.versionTime.toISOString(),
        }),
      );
    // In requests the broker takes (1 MiB per partition batch), one after another to keep the order.
    for (let i = 0; i < messages.length; i += 300) await producer.send(topic, messages.slice(i, i + 300));
  }
}

// ---------------------------------------------------------------------------------------------------
// Postgres
// ---------------------------------------------------------------------------------------------------

async function allApplied(pool: Pool, events: readonly LoadEvent[]): Promise<true | undefined> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM unnest($1::text[], $2::text[]) AS k(consumer, event_id)
     JOIN insights.processed_events p ON p.consumer = k.consumer AND p.event_id = k.event_id`,
    [events.map((event) => event.contract.topic), events.map((event) => event.id)],
  );
  return rows[0].n === events.length ? true : undefined;
}

/**
 * What the run emitted for this history: the rows of the insight outbox (`topic`, `key`, `sequence`,
 * `event_id`, `event_time`, `data`), per key in sequence order — every event of a key that carries the
 * token in any of its events (a generic term's first event may quote none of this history's values).
 */
async function emittedEvents(pool: Pool, token: string): Promise<InsightEvent[]> {
  const { rows } = await pool.query<{
    topic: string;
    key: string;
    event_id: string;
    sequence: number;
    event_time: Date;
    data: unknown;
  }>(
    `SELECT topic, key, event_id, sequence, event_time, data FROM insights.insight_outbox
     WHERE (topic, key) IN (
       SELECT topic, key FROM insights.insight_outbox WHERE key LIKE $1 OR data::text LIKE $1)
     ORDER BY topic, key, sequence`,
    [`%${token}%`],
  );
  return rows.map((row) => ({
    topic: row.topic,
    key: row.key,
    id: row.event_id,
    sequence: row.sequence,
    time: row.event_time.toISOString(),
    data: row.data,
  }));
}

/**
 * True once a catch-up that covered the whole history ended: it began before the first batch (its
 * lag at the start held every event of the history). Throws otherwise: the run would test nothing.
 */
async function caughtUp(pool: Pool, history: readonly LoadEvent[]): Promise<true | undefined> {
  const { rows } = await pool.query(`SELECT catching_up, entered_lag FROM insights.catch_up`);
  if (rows[0].entered_lag === null || Number(rows[0].entered_lag) < history.length) {
    throw new Error(
      `the run did not catch up on the whole history (lag at the start: ${rows[0].entered_lag})`,
    );
  }
  return rows[0].catching_up ? undefined : true;
}

/** No outbox (any table with a `sent_at` column) holds an event not yet published. */

async function outboxDrained(pool: Pool): Promise<true | undefined> {
  const { rows: outboxes } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns WHERE table_schema = 'insights' AND column_name = 'sent_at'`,
  );
  for (const { table_name } of outboxes) {
    const { rows } = await pool.query(
      `SELECT 1 FROM insights.${quote(table_name)} WHERE sent_at IS NULL LIMIT 1`,
    );
    if (rows.length > 0) return undefined;
  }
  return true;
}

/**
 * Every base table of the `insights` schema but the bookkeeping ones, without wall-clock columns,
 * in primary-key order, only the rows that carry one of `marks` (this history's token or days).
 */
async function readModels(pool: Pool, marks: readonly string[]): Promise<ReadModels> {
  const { rows: tables } = await pool.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'insights' AND table_type = 'BASE TABLE' AND NOT (table_name = ANY($1))
     ORDER BY table_name`,
    [BOOKKEEPING_TABLES],
  );
  const models: ReadModels = {};
  for (const { table_name: table } of tables) {
    const { rows: columns } = await pool.query<{ column_name: string; column_default: string | null }>(
      `SELECT column_name, column_default FROM information_schema.columns
       WHERE table_schema = 'insights' AND table_name = $1`,
      [table],
    );
    const wallClock = columns
      .filter(
        (c) =>
          WALL_CLOCK_COLUMNS.includes(c.column_name) ||
          /now\(\)|current_timestamp|clock_timestamp/i.test(c.column_default ?? ''),
      )
      .map((c) => c.column_name);
    const key = await primaryKey(pool, table);
    const order = key.length > 0 ? key.map(quote).join(', ') : 't::text';
    const { rows } = await pool.query<{ row: Row }>(
      `SELECT to_jsonb(t) - $1::text[] AS row FROM insights.${quote(table)} t
       WHERE t::text LIKE ANY($2::text[]) ORDER BY ${order}`,
      [wallClock, marks.map((mark) => `%${mark}%`)],
    );
    models[table] = rows.map((r) => r.row);
  }
  return models;
}

async function primaryKey(pool: Pool, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ attname: string }>(
    `SELECT a.attname FROM pg_index i
     JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary
     ORDER BY array_position(i.indkey, a.attnum)`,
    [`insights.${quote(table)}`],
  );
  return rows.map((row) => row.attname);
}

function quote(identifier: string): string {
  return `"${identifier.replace(/"/g, '""')}"`;
}

// ---------------------------------------------------------------------------------------------------
// Comparing
// ---------------------------------------------------------------------------------------------------

/**
 * The tables that hold insight state: those with a row naming one of the run's insight event ids (an
 * insight's own table keeps its last event id, the outbox every event). Found from the data, so a new
 * insight kind's tables are recognised without a list.
 */
function tablesNamingEvents(models: ReadModels, events: readonly InsightEvent[]): Set<string> {
  const ids = events.map((event) => event.id);
  return new Set(
    Object.entries(models)
      .filter(([, rows]) => rows.some((row) => ids.some((id) => JSON.stringify(row).includes(id))))
      .map(([table]) => table),
  );
}

/**
 * Within one run, per key: the events' sequences count up without a gap, and the last event is the
 * one the insight's state row names (`last_event_id`, which every insight table keeps).
 */
function inconsistencies(events: readonly InsightEvent[], models: ReadModels): string[] {
  const problems: string[] = [];
  const lastEventIds = new Set(
    Object.values(models).flatMap((rows) =>
      rows.map((row) => row.last_event_id).filter((id) => typeof id === 'string'),
    ),
  );
  for (const [key, list] of Object.entries(byKey(events))) {
    const last = list[list.length - 1];
    if (!lastEventIds.has(last.id)) problems.push(`${key}: no insight row names its last event ${last.id}`);
    const sequences = list.map((event) => event.sequence);
    if (sequences.some((sequence, i) => sequence !== i + 1)) {
      problems.push(`${key}: sequences ${sequences.join(',')} do not count up from 1`);
    }
  }
  return problems;
}

/** Where the two runs' insight state and events differ (tables holding insights, events per key). */
function compareInsights(a: Run, b: Run, insightTables: Set<string>): string[] {
  const differences: string[] = [];
  for (const table of insightTables) {
    const [rowsA, rowsB] = [a.readModels[table], b.readModels[table]];
    if (!deepEqual(rowsA, rowsB))
      differences.push(`table ${table}: ${rowsA.length} rows in A, ${rowsB.length} in B, not equal`);
  }
  const keysA = byKey(a.events);
  const keysB = byKey(b.events);
  for (const key of new Set([...Object.keys(keysA), ...Object.keys(keysB)])) {
    const [listA, listB] = [keysA[key] ?? [], keysB[key] ?? []];
    if (deepEqual(listA, listB)) continue;
    const changes = (list: InsightEvent[]) =>
      list.map((e) => (e.data as { change?: string }).change ?? '?').join(' → ');
    differences.push(`events ${key}: A ${changes(listA) || '(none)'}; B ${changes(listB) || '(none)'}`);
  }
  const idsA = new Map(a.events.map((event) => [event.id, event]));
  for (const event of b.events) {
    const earlier = idsA.get(event.id);
    if (earlier && !deepEqual(earlier, event))
      differences.push(`event id ${event.id} (${event.topic} ${event.key}) carries other content in B`);
  }
  return differences;
}

/** Events per topic and key, each key's in publishing order (the only order Kafka keeps). */
function byKey(events: readonly InsightEvent[]): Record<string, InsightEvent[]> {
  const keys: Record<string, InsightEvent[]> = {};
  for (const event of events) (keys[`${event.topic} ${event.key}`] ??= []).push(event);
  return keys;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------------
// Plumbing
// ---------------------------------------------------------------------------------------------------

/** `YYYY-MM-DD` of each day from the day before `start` to `days` days after it. */
function daysAround(start: Date, days: number): string[] {
  return Array.from({ length: days + 2 }, (_, i) =>
    new Date(start.getTime() + (i - 1) * 86_400_000).toISOString().slice(0, 10),
  );
}
