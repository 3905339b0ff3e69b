import { runMigrations, withDatabaseName } from '@supportlens/persistence';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { benchApiKey } from '../bench/shared/bench-api-key';
import { ALL_MIGRATION_TARGETS } from '../migration-targets';
import { checkHistory } from './check/check-history';
import { waitCaughtUp } from './check/consumer-lag';
import { waitInsightsJudged } from './check/insights-judged';
import { observePipeline, readDeadLetters } from './check/observe-pipeline';
import { scanForPersonalData } from './check/scan-personal-data';
import { serviceLogErrors } from './check/service-log-errors';
import { FaultLoad } from './load/fault-load';
import { faultRecords } from './load/fault-records';
import { FaultRow } from './report/fault-row';
import { Scenario } from './scenarios/scenario';
import { Pipeline } from './stack/pipeline';
import { PrivateKafka } from './stack/private-kafka';
import { PrivatePostgres } from './stack/private-postgres';

export interface RunSettings {
  scale: 'full' | 'short';
  /** Overrides the scenario's event count. */
  events?: number;
  partitions: number;
  /** Where service logs go (one file per service and run). */
  outDir: string;
  log(message: string): void;
}

/** Every dead-letter topic the pipeline can write. */
const DEAD_LETTER_TOPICS = [
  'support.tickets.raw.v1.dlq',
  'support.surveys.raw.v1.dlq',
  'support.cases.v1.dlq',
  'support.surveys.v1.dlq',
  'support.cases.classified.v1.dlq',
  'support.surveys.scored.v1.dlq',
  'support.customers.erasures.v1.dlq',
];

const SOURCE = 'faults';

/**
 * One scenario on a stack of its own (a private Postgres and Kafka, the four services as processes):
 * steady load, the fault, recovery, then the history check. Everything is torn down afterwards.
 */
export async function runScenario(scenario: Scenario, settings: RunSettings): Promise<FaultRow> {
  const runId = `f${Date.now().toString(36)}`;
  const log = (message: string) => settings.log(`[${scenario.name}] ${message}`);
  const logDir = path.join(settings.outDir, `${runId}-${scenario.name.replace(/[^a-z0-9]+/gi, '-')}`);
  mkdirSync(logDir, { recursive: true });
  const teardown: Array<() => Promise<unknown>> = [];
  try {
    log('starting Postgres and Kafka');
    const postgres = await PrivatePostgres.start();
    teardown.push(() => postgres.destroy());
    const databaseUrl = withDatabaseName(postgres.serverUrl, 'supportlens');
    await withClient(postgres.serverUrl, (client) => client.query('CREATE DATABASE supportlens'));
    await runMigrations(ALL_MIGRATION_TARGETS, databaseUrl, () => undefined);
    const kafka = await PrivateKafka.start(scenario.brokers, runId);
    teardown.push(() => kafka.destroy());

    const pipeline = new Pipeline({
      databaseUrl,
      brokers: kafka.brokers,
      groupPrefix: `faults-${runId}`,
      partitions: settings.partitions,
      replicationFactor: scenario.brokers === 3 ? 3 : 1,
      logDir,
      env: scenario.serviceEnv,
    });
    teardown.push(() => pipeline.stop());
    log('starting the four services');
    await pipeline.start();

    const events = settings.events ?? scenario.events[settings.scale];
    const load = new FaultLoad(
      faultRecords({
        seed: 20261123,
        runId,
        customers: 200,
        poisonEvery: scenario.poisonEvery,
        start: new Date('2025-06-01T00:00:00Z'),
      }),
      {
        mode: scenario.loadMode,
        brokers: kafka.brokers,
        rate: scenario.rate,
        ingestUrls: () =>
          pipeline
            .of('ingest')
            .filter((instance) => instance.running)
            .map((instance) => instance.url),
        apiKey:
          scenario.loadMode === 'http'
            ? await benchApiKey(databaseUrl, 'fault suite load', ['ingest:write'])
            : undefined,
      },
    );
    teardown.push(() => load.stop());
    const loadDurationMs = (events / scenario.rate) * 1000;
    log(
      `load: ${events} events at ${scenario.rate}/s over the ${scenario.loadMode === 'raw' ? 'raw topics' : 'HTTP API'}`,
    );
    await load.start(events);
    const injected = await scenario.inject({
      pipeline,
      kafka,
      postgres,
      load,
      loadDurationMs,
      databaseUrl,
      groupPrefix: `faults-${runId}`,
      logDir,
      scale: settings.scale,
      log,
    });
    await load.finished();
    const faultEnded = Date.now();
    log(
      `load done (${load.stats.acknowledged} acknowledged, ${load.stats.failed} not); waiting for the pipeline to catch up`,
    );
    const recoveryLimitMs = settings.scale === 'full' ? 15 * 60_000 : 4 * 60_000;
    const recovered = await waitCaughtUp(kafka.brokers, `faults-${runId}`, recoveryLimitMs);
    const recoverySeconds = (Date.now() - faultEnded) / 1000;
    const recoveryFailure = recovered
      ? []
      : [`the consumers still lagged ${recoveryLimitMs / 60_000} min after the load`];
    // A catch-up (a backlog after a restart) judges its customers once the input is read to its end.
    const judgingFailure = (await waitInsightsJudged(databaseUrl, 60_000))
      ? []
      : ['insights still catching up on a backlog 60 s after the consumers caught up'];
    const observation = await observePipeline(databaseUrl, kafka.brokers, SOURCE);
    const good = load.acknowledged.filter((entry) => !entry.record.poison).map((entry) => entry.record);
    const verdict = checkHistory(good, observation);
    const deadLetters = await readDeadLetters(kafka.brokers, DEAD_LETTER_TOPICS);
    const logErrors = serviceLogErrors(logDir);
    const personalData = await scanForPersonalData(kafka.brokers, databaseUrl, logDir);
    const personalDataFailures =
      personalData.findings > 0
        ? [
            `plaintext e-mail addresses outside the input topics and ingest.personal_data: ${personalData.findings}`,
            ...personalData.examples,
          ]
        : [];
    return {
      scenario: scenario.name,
      fault: scenario.fault,
      acknowledged: load.acknowledged.length,
      faults: injected.count,
      lost: verdict.lost,
      duplicated: verdict.duplicated,
      reordered: verdict.reordered,
      deadLetters: deadLetters.count,
      poisonInjected: load.acknowledged.length - good.length,
      redeliveries: observation.redeliveries,
      recoverySeconds,
      notes: [
        ...injected.notes,
        `applied: ${observation.caseVersions.size} cases, ${observation.surveys.size} surveys; not acknowledged (send failed): ${load.stats.failed}`,
        `personal-data scan: no e-mail address in ${personalData.scanned.topics} topics (${personalData.scanned.messages} messages), ${personalData.scanned.logLines} log lines, ${personalData.scanned.columns} columns`,
        `error lines in the services' logs: ${logErrors.count}${logErrors.count > 0 ? ` (e.g. ${logErrors.examples[0]})` : ''}`,
        `logs: ${logDir}`,
      ],
      failures: [
        ...injected.failures,
        ...recoveryFailure,
        ...judgingFailure,
        ...deadLetters.problems,
        ...personalDataFailures,
      ],
      examples: verdict.examples,
    };
  } finally {
    for (const step of teardown.reverse())
      await step().catch((error: Error) => log(`teardown: ${error.message}`));
  }
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
