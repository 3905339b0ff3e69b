import { Pool } from 'pg';
import { PipelineObservation } from './check-history';
import { readTopic } from './read-topic';

/** What the output events hold of their record: its id and version time, at the top or one level down. */
interface EventData {
  caseId?: string;
  responseId?: string;
  updatedAt?: string;
  case?: { caseId?: string; updatedAt?: string };
  response?: { responseId?: string; updatedAt?: string };
}

/**
 * The raw topics the load acknowledged on, then each stage's output topic, and where each message
 * names its record and version (a stage's input is the previous one's output). The raw topics tell a record lost by the broker from one lost by ingest.
 */
const STAGE_TOPICS: Record<string, (data: EventData) => { id?: string; time?: string }> = {
  'support.tickets.raw.v1': (data) => ({ id: data.caseId, time: data.updatedAt }),
  'support.surveys.raw.v1': (data) => ({ id: data.responseId, time: data.updatedAt }),
  'support.cases.v1': (data) => ({ id: data.caseId, time: data.updatedAt }),
  'support.surveys.v1': (data) => ({ id: data.responseId, time: data.updatedAt }),
  'support.cases.classified.v1': (data) => ({ id: data.case?.caseId, time: data.case?.updatedAt }),
  'support.surveys.scored.v1': (data) => ({ id: data.response?.responseId, time: data.response?.updatedAt }),
};

/**
 * Reads what the pipeline applied: insights' facts, rollups, profiles and judging (catch-up list,
 * insight sequences), and the order on each output topic.
 */
export async function observePipeline(
  databaseUrl: string,
  brokers: string,
  source: string,
): Promise<PipelineObservation> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const cases = await pool.query<{ case_id: string; event_time: Date }>(
      `SELECT case_id, event_time FROM insights.case_facts WHERE source = $1`,
      [source],
    );
    const surveys = await pool.query<{ response_id: string }>(
      `SELECT response_id FROM insights.survey_facts WHERE source = $1`,
      [source],
    );
    const countedCases = await pool.query<{ n: string | null }>(
      `SELECT sum(cases) AS n FROM insights.case_daily WHERE group_kind = 'none'`,
    );
    const countedSurveys = await pool.query<{ n: string | null }>(
      `SELECT sum(responses) AS n FROM insights.satisfaction_daily WHERE group_kind = 'none'`,
    );
    // Each of the run's customers' profile against their stored facts: refreshed in the transaction
    // that stores them, so a fault never leaves one behind.
    const staleProfiles = await pool.query<{ n: number }>(
      `WITH run AS (SELECT customer_id FROM insights.case_facts WHERE source = $1
                    UNION SELECT customer_id FROM insights.survey_facts WHERE source = $1)
       SELECT count(*)::int AS n FROM run r
       LEFT JOIN insights.customer_profiles p USING (customer_id)
       WHERE p.customer_id IS NULL
          OR p.cases_total <> (SELECT count(*) FROM insights.case_facts f WHERE f.customer_id = r.customer_id)
          OR p.surveys_total <> (SELECT count(*) FROM insights.survey_facts s WHERE s.customer_id = r.customer_id)`,
      [source],
    );
    // Customers a catch-up deferred are judged at its end, which the run waited for.
    const unjudged = await pool.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM insights.deferred_customers)::int
            + (SELECT count(*) FROM insights.catch_up WHERE catching_up)::int AS n`,
    );
    // Each insight key's events count 1, 2, … (the state row and the event commit together).
    const sequenceGaps = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (
         SELECT topic, key FROM insights.insight_outbox GROUP BY topic, key
         HAVING count(*) <> max(sequence) OR count(DISTINCT sequence) <> count(*) OR min(sequence) <> 1) k`,
    );
    const topicOrders = new Map<string, Map<string, string[]>>();
    let redeliveries = 0;
    for (const [topic, locate] of Object.entries(STAGE_TOPICS)) {
      const orders = new Map<string, string[]>();
      const seen = new Set<string>();
      for (const message of await readTopic(brokers, topic)) {
        if (!message.key || !message.value) continue;
        const record = locate(parseOrEmpty(message.value.toString()));
        if (!record.id || !record.time) continue;
        const version = `${record.id}@${new Date(record.time).toISOString()}`;
        if (seen.has(version)) {
          // at-least-once allows it; downstream applies it once. (A raw topic's repeats are resends.)
          if (!topic.endsWith('.raw.v1')) redeliveries++;
          continue;
        }
        seen.add(version);
        const customerOrder = orders.get(message.key) ?? [];
        customerOrder.push(version);
        orders.set(message.key, customerOrder);
      }
      topicOrders.set(topic, orders);
    }
    return {
      caseVersions: new Map(cases.rows.map((row) => [row.case_id, row.event_time.toISOString()])),
      surveys: new Set(surveys.rows.map((row) => row.response_id)),
      countedCases: Number(countedCases.rows[0].n ?? 0),
      countedSurveys: Number(countedSurveys.rows[0].n ?? 0),
      staleProfiles: staleProfiles.rows[0].n,
      unjudgedCustomers: unjudged.rows[0].n,
      insightSequenceGaps: sequenceGaps.rows[0].n,
      topicOrders,
      redeliveries,
    };
  } finally {
    await pool.end();
  }
}

/** A message's JSON, or nothing for the load's broken-JSON poison. */
function parseOrEmpty(text: string): EventData {
  try {
    return JSON.parse(text) as EventData;
  } catch {
    return {} as EventData;
  }
}

/** What every dead letter must carry besides the original key, value and headers. */
const DEAD_LETTER_HEADERS = [
  'dlq_original_topic',
  'dlq_original_partition',
  'dlq_original_offset',
  'dlq_consumer_group',
  'dlq_error_class',
  'dlq_error_message',
];

/**
 * The messages on every dead-letter topic (the suite's broker holds only this run's), and what is
 * wrong with any of them: a missing key or a missing dead-letter header.
 */
export async function readDeadLetters(
  brokers: string,
  topics: string[],
): Promise<{ count: number; problems: string[] }> {
  let count = 0;
  const problems: string[] = [];
  for (const topic of topics) {
    for (const message of await readTopic(brokers, topic).catch(() => [])) {
      count++;
      const missing = DEAD_LETTER_HEADERS.filter((header) => !(header in message.headers));
      if (!message.key) missing.push('the original key');
      if (missing.length > 0 && problems.length < 5) {
        problems.push(
          `dead letter ${topic}@${message.partition}:${message.offset} lacks ${missing.join(', ')}`,
        );
      }
    }
  }
  return { count, problems };
}
