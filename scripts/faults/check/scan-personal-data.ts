import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { readTopic } from './read-topic';

/**
 * An e-mail address, as it would appear in JSON, a log line or a column. Bounded repetitions (RFC 5321
 * lengths): an unbounded `[…]+@` retried from every position of a long run without an `@` (the
 * oversized poison records hold 300,000 of them) would take quadratic time.
 */
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/;

/** Most text holds no `@` at all: checked first, it spares the regex. */
function holdsEmail(text: string): boolean {
  return text.includes('@') && EMAIL.test(text);
}
/** What systems publish to SupportLens: personal data is expected there, and nowhere downstream. */
const INPUT_TOPICS = new Set(['support.tickets.raw.v1', 'support.surveys.raw.v1']);
/** The one place contact details are kept. */
const PERSONAL_DATA_TABLE = 'ingest.personal_data';
const SCHEMAS = ['access', 'ingest', 'classifier', 'survey_scoring', 'insights'];

export interface PersonalDataScan {
  /** Places holding a plaintext e-mail address. */
  findings: number;
  examples: string[];
  scanned: { topics: number; messages: number; logLines: number; columns: number };
}

/**
 * Looks for plaintext e-mail addresses everywhere but the input topics and ingest's personal-data
 * table: every other topic (the stages' outputs, the insight topics, every DLQ), the services' logs,
 * and every text or JSON column of every schema.
 */
export async function scanForPersonalData(
  brokers: string,
  databaseUrl: string,
  logDir: string,
): Promise<PersonalDataScan> {
  const examples: string[] = [];
  let findings = 0;
  const found = (where: string, text: string) => {
    findings++;
    if (examples.length < 5)
      examples.push(
        `${where}: …${text.slice(Math.max(0, text.search(EMAIL) - 40), text.search(EMAIL) + 60)}…`,
      );
  };
  const scanned = { topics: 0, messages: 0, logLines: 0, columns: 0 };

  const admin = new Kafka({
    clientId: 'fault-scan',
    brokers: brokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  const topics = (await admin.listTopics().finally(() => admin.disconnect())).filter(
    (topic) => !topic.startsWith('__') && !INPUT_TOPICS.has(topic),
  );
  for (const topic of topics) {
    scanned.topics++;
    for (const message of await readTopic(brokers, topic)) {
      scanned.messages++;
      const text = [
        message.key ?? '',
        message.value?.toString() ?? '',
        ...Object.values(message.headers),
      ].join(' ');
      if (holdsEmail(text)) found(`topic ${topic}@${message.partition}:${message.offset}`, text);
    }
  }

  for (const file of readdirSync(logDir).filter((name) => name.endsWith('.log'))) {
    for (const line of readFileSync(path.join(logDir, file), 'utf8').split('\n')) {
      scanned.logLines++;
      if (holdsEmail(line)) found(`log ${file}`, line);
    }
  }

  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows: columns } = await pool.query<{
      table_schema: string;
      table_name: string;
      column_name: string;
    }>(
      `SELECT c.table_schema, c.table_name, c.column_name
       FROM information_schema.columns c
       JOIN information_schema.tables t USING (table_schema, table_name)
       WHERE c.table_schema = ANY($1) AND t.table_type = 'BASE TABLE'
         AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`,
      [SCHEMAS],
    );
    for (const { table_schema: schema, table_name: table, column_name: column } of columns) {
      if (`${schema}.${table}` === PERSONAL_DATA_TABLE) continue;
      scanned.columns++;
      const { rows } = await pool.query<{ value: string }>(
        `SELECT "${column}"::text AS value FROM "${schema}"."${table}" WHERE "${column}"::text ~ $1 LIMIT 3`,
        [EMAIL.source],
      );
      for (const row of rows) found(`column ${schema}.${table}.${column}`, row.value);
    }
  } finally {
    await pool.end();
  }
  return { findings, examples, scanned };
}
