import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bulkUpsert, claimNewEventsOfConsumers, preparedQuery } from '@supportlens/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { CASE_FACT_COLUMNS } from '../cases/case-fact';
import { ProfileRefresher } from '../customers/profile-refresher';
import { CustomerErasuresRepository } from '../erasure/customer-erasures.repository';
import { withoutErasedCaseText } from '../erasure/domain/erased-case-text';
import { InsightOutbox } from '../outbox/insight-outbox';
import { ResponseChange } from '../satisfaction/domain/contribution-deltas';
import { SatisfactionRollup } from '../satisfaction/satisfaction-rollup';
import { STORED_RESPONSE_COLUMNS, StoredResponseRow } from '../satisfaction/stored-response';
import { SURVEY_FACT_COLUMNS } from '../surveys/survey-fact';
import { CatchUpRepository } from '../catch-up/catch-up.repository';
import {
  AppliedBatch,
  CustomerStep,
  FactChange,
  READ_MODEL_STEPS,
  ReadModelStep,
  SharedStep,
  STORED_CASE_COLUMNS,
  StoredCaseRow,
} from './applied-batch';
import { FactRow } from './fact-row';
import { latestVersionPerKey } from './latest-version-per-key';
import { PhaseClock } from './phase-clock';
import { WritePhaseMetrics } from './write-phase-metrics';

/**
 * Kafka keeps a customer's events in order, so a later event is a later version; the guard still
 * stops an older version (a late replay) from overwriting a newer one.
 */
const NEWER_VERSION = 'EXCLUDED.event_time >= t.event_time';

const CASE_KEY = ['source', 'case_id'];
const SURVEY_KEY = ['source', 'response_id'];
/** The stored versions of the cases keyed by ($1 sources, $2 case ids), as the steps read them. */
const STORED_CASES_SQL = `
SELECT ${STORED_CASE_COLUMNS.map((name) => `t.${name}`).join(', ')} FROM insights.case_facts t
JOIN unnest($1::text[], $2::text[]) AS k(source, case_id) ON t.source = k.source AND t.case_id = k.case_id`;

export interface FactBatch {
  /** Inbox consumer name: one per input topic. */
  consumer: string;
  rows: FactRow[];
}

/** What one write takes: the batches of either input topic or both. */
export interface FactBatches {
  cases?: FactBatch;
  surveys?: FactBatch;
}

/** Per row of each batch, whether its event was new (false: a duplicate). */
export interface NewEvents {
  cases: boolean[];
  surveys: boolean[];
}

interface Written {
  /** Customers the batch's records belonged to before (a record can move to another customer). */
  previousOwners: string[];
  /** Satisfaction contributions the batch moves, applied to the shared rollups late in the transaction. */
  satisfactionChanges: ResponseChange[];
  caseChanges: FactChange<StoredCaseRow>[];
  surveyChanges: FactChange<StoredResponseRow>[];
}

/**
 * The only writer of insights' read models. A write is one transaction for case and survey batches
 * together: claim the event ids in the inbox, upsert the facts of the events not seen before (and keep
 * the satisfaction rollup in step with them), refresh the touched customers' profiles once, then run
 * every {@link ReadModelStep} (windows, detectors; their insight events go to the outbox): the
 * customers' own steps, then the shared rollups and the shared steps. The claim commits with the
 * effects, so a redelivered event is skipped and a crashed one is redone. After the commit, the
 * outbox's pending events are published.
 */
@Injectable()
export class ReadModelWriter {
  private readonly logger = new Logger(ReadModelWriter.name);
  private readonly erasures = new CustomerErasuresRepository();
  private readonly catchUp = new CatchUpRepository();
  private readonly profiles = new ProfileRefresher();
  private readonly customerSteps: CustomerStep[];
  private readonly sharedSteps: SharedStep[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly satisfaction: SatisfactionRollup,
    private readonly outbox: InsightOutbox,
    private readonly phaseMetrics: WritePhaseMetrics,
    @Inject(READ_MODEL_STEPS) steps: ReadModelStep[],
  ) {
    this.customerSteps = steps.filter((step): step is CustomerStep => step.rows === 'customer');
    this.sharedSteps = steps.filter((step): step is SharedStep => step.rows === 'shared');
  }

  /** Returns, per row of the batch, whether its event was new (false: a duplicate). */
  async applyCaseFacts(batch: FactBatch): Promise<boolean[]> {
    return (await this.apply({ cases: batch })).cases;
  }

  async applySurveyFacts(batch: FactBatch): Promise<boolean[]> {
    return (await this.apply({ surveys: batch })).surveys;
  }

  /**
   * Case and survey batches in one transaction: a customer's cases and answers arrive on two topics,
   * and written apart both transactions would refresh the same customers, run the same steps and
   * queue on each other's case locks and shared rows.
   */
  async apply(batches: FactBatches): Promise<NewEvents> {
    const input = [batches.cases?.rows.length ? 'cases' : '', batches.surveys?.rows.length ? 'surveys' : '']
      .filter(Boolean)
      .join('+');
    // Where the time goes, for /metrics; 'claim' includes waiting for a pooled connection.
    const clock = new PhaseClock();
    const applied = await this.dataSource.transaction(async (manager) => {
      // First, before any customer lock: the catch-up's end waits for this batch, never the reverse.
      const catchingUp = await this.catchUp.catchingUpForBatch(manager);
      const { cases, surveys } = await claimed(manager, batches);
      clock.lap('claim');
      if (cases.length + surveys.length === 0) return { cases, surveys };
      const latestCases = latestVersionPerKey(cases, CASE_KEY);
      const latestSurveys = latestVersionPerKey(surveys, SURVEY_KEY);
      // The erasure ledger, read once for the cases' customers (under their shared locks, before any
      // case lock): a version dated up to its customer's erasure is stored without its text.
      const erasedAt = await this.erasures.erasuresForWriting(
        manager,
        latestCases.map((row) => row.customer_id),
      );
      // Every case and response lock of the write in one sorted statement, before any fact row.
      await this.satisfaction.lockFacts(
        manager,
        latestCases.map((row) => String(row.case_id)),
        latestSurveys,
      );
      const written = mergeWritten(
        await this.writeCases(manager, withoutErasedCaseText(latestCases, erasedAt)),
        await this.writeSurveys(manager, latestSurveys),
      );
      clock.lap('facts');
      const rows = [...cases, ...surveys];
      const customerIds = [...new Set([...rows.map((row) => row.customer_id), ...written.previousOwners])];
      await this.profiles.lockCustomers(manager, customerIds);
      // Catching up, a profile is derived once, at the end, instead of re-reading the customer's
      // growing history batch after batch (which made a replay quadratic in a large customer's facts).
      if (!catchingUp) await this.profiles.refresh(manager, customerIds);
      clock.lap('profiles');
      const appliedBatch: AppliedBatch = {
        customerIds,
        caseChanges: written.caseChanges,
        surveyChanges: written.surveyChanges,
        eventTime: latestEventTime(rows)!,
        caseEventTime: latestEventTime(cases),
      };
      // The customers' own rows first; the rows every batch shares (rollups, windows, topics, segments)
      // last, so they stay locked for the end of the transaction only (see ReadModelStep.rows).
      // Catching up, the customers (and, below, topics and segments) are judged once at the
      // catch-up's end instead, their profiles refreshed first (catch-up/).
      if (catchingUp) {
        await this.catchUp.defer(manager, customerIds, appliedBatch.eventTime);
        clock.lap('deferred');
      } else {
        for (const step of this.customerSteps) {
          await step.apply(manager, appliedBatch);
          clock.lap(step.name);
        }
      }
      await this.satisfaction.applyChanges(manager, written.satisfactionChanges);
      clock.lap('satisfaction-rollups');
      for (const step of this.sharedSteps) {
        if (catchingUp && step.judgeAll) continue;
        await step.apply(manager, appliedBatch);
        clock.lap(step.name);
      }
      return { cases, surveys };
    });
    clock.lap('commit');
    this.phaseMetrics.record(input || 'duplicates', clock);
    // Also after a batch of duplicates: a crash after an earlier commit may have left events unsent.
    // The batch is committed: a failed publish must not fail (and redo) it, nor stop the input; the
    // outbox's timer retries. Not awaited either: the events are durable in the outbox, and the next
    // fetch need not wait for a produce (the outbox runs one publish at a time, and shutdown awaits it).
    void this.outbox
      .publishPending()
      .catch((error: Error) => this.logger.warn(`insight events left for the next round: ${error.message}`));
    return {
      cases: newOnce(batches.cases?.rows ?? [], applied.cases),
      surveys: newOnce(batches.surveys?.rows ?? [], applied.surveys),
    };
  }

  /** The cases' versions, under their case locks (see SatisfactionRollup.lockFacts). */
  private async writeCases(manager: EntityManager, latest: FactRow[]): Promise<Written> {
    if (latest.length === 0) return NOTHING_WRITTEN;
    const caseIds = latest.map((row) => String(row.case_id));
    const before = await this.storedCases(manager, latest);
    const { rows: stored } = await bulkUpsert<StoredCaseRow>(manager, {
      table: 'insights.case_facts',
      columns: [...CASE_FACT_COLUMNS],
      rows: latest,
      conflictColumns: CASE_KEY,
      onlyWhen: NEWER_VERSION,
      returning: [...STORED_CASE_COLUMNS],
    });
    // A reclassified or reassigned case, or one that arrives after its survey responses, moves them.
    const satisfactionChanges = await this.satisfaction.casesApplied(manager, caseIds);
    const caseChanges = stored.map((after) => ({ before: before.get(caseKey(after)) ?? null, after }));
    return {
      satisfactionChanges,
      previousOwners: caseChanges.flatMap((change) => (change.before ? [change.before.customer_id] : [])),
      caseChanges,
      surveyChanges: [],
    };
  }

  /** The responses' versions, under their response and case locks; after the cases, so they link to them. */
  private async writeSurveys(manager: EntityManager, latest: FactRow[]): Promise<Written> {
    if (latest.length === 0) return NOTHING_WRITTEN;
    const { rows, previous } = await this.satisfaction.prepareSurveys(manager, latest);
    // Only the rows the guard let through come back: those are the versions now stored.
    const { rows: stored } = await bulkUpsert<StoredResponseRow>(manager, {
      table: 'insights.survey_facts',
      columns: [...SURVEY_FACT_COLUMNS],
      rows,
      conflictColumns: SURVEY_KEY,
      onlyWhen: NEWER_VERSION,
      returning: [...STORED_RESPONSE_COLUMNS],
    });
    const satisfactionChanges = this.satisfaction.surveysStored(previous, stored);
    const before = new Map(previous.map((row) => [`${row.source}\u0000${row.response_id}`, row]));
    return {
      satisfactionChanges,
      // A record that moves to another customer changes the profile it leaves as well.
      previousOwners: previous.map((row) => row.customer_id),
      caseChanges: [],
      surveyChanges: stored.map((after) => ({
        before: before.get(`${after.source}\u0000${after.response_id}`) ?? null,
        after,
      })),
    };
  }

  /** The stored versions of the batch's cases, before the upsert; one query. */
  private async storedCases(manager: EntityManager, rows: FactRow[]): Promise<Map<string, StoredCaseRow>> {
    const { rows: stored } = await preparedQuery<StoredCaseRow>(manager, STORED_CASES_SQL, [
      rows.map((row) => String(row.source)),
      rows.map((row) => String(row.case_id)),
    ]);
    return new Map(stored.map((row) => [caseKey(row), row]));
  }
}

function caseKey(row: { source: unknown; case_id: unknown }): string {
  return `${String(row.source)}\u0000${String(row.case_id)}`;
}

/** Per row, whether it is the first of its event id among the rows applied (`applied`: the new ones). */
function newOnce(rows: FactRow[], applied: FactRow[]): boolean[] {
  const pending = new Set(applied.map((row) => row.event_id));
  return rows.map((row) => pending.delete(row.event_id));
}

/** The latest event time of the rows; null for none. */
function latestEventTime(rows: FactRow[]): Date | null {
  if (rows.length === 0) return null;
  let latest = -Infinity;
  for (const row of rows) latest = Math.max(latest, new Date(row.event_time as string | Date).getTime());
  return new Date(latest);
}

/**
 * The rows of events the inbox had not seen, per input (the same event twice in a batch counts once):
 * both consumers' claims in one statement.
 */
async function claimed(
  manager: EntityManager,
  batches: FactBatches,
): Promise<{ cases: FactRow[]; surveys: FactRow[] }> {
  const unique = (batch: FactBatch | undefined) => [
    ...new Map((batch?.rows ?? []).map((row) => [row.event_id, row])).values(),
  ];
  const cases = unique(batches.cases);
  const surveys = unique(batches.surveys);
  const claims = [
    { consumer: batches.cases?.consumer, rows: cases },
    { consumer: batches.surveys?.consumer, rows: surveys },
  ].flatMap(({ consumer, rows }) =>
    consumer && rows.length > 0 ? [{ consumer, eventIds: rows.map((row) => row.event_id) }] : [],
  );
  if (claims.length === 0) return { cases: [], surveys: [] };
  const fresh = await claimNewEventsOfConsumers(manager, 'insights', claims);
  const kept = (batch: FactBatch | undefined, rows: FactRow[]) => {
    const claimedIds = batch && fresh.get(batch.consumer);
    return claimedIds ? rows.filter((row) => claimedIds.has(row.event_id)) : [];
  };
  return { cases: kept(batches.cases, cases), surveys: kept(batches.surveys, surveys) };
}

const NOTHING_WRITTEN: Written = {
  previousOwners: [],
  satisfactionChanges: [],
  caseChanges: [],
  surveyChanges: [],
};

function mergeWritten(a: Written, b: Written): Written {
  return {
    previousOwners: [...a.previousOwners, ...b.previousOwners],
    satisfactionChanges: [...a.satisfactionChanges, ...b.satisfactionChanges],
    caseChanges: [...a.caseChanges, ...b.caseChanges],
    surveyChanges: [...a.surveyChanges, ...b.surveyChanges],
  };
}
