import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { bulkUpsert, claimNewEvents } from '@supportlens/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { CASE_FACT_COLUMNS } from '../cases/case-fact';
import { ChurnRiskDetector } from '../churn-risk/churn-risk.detector';
import { LOCK_CUSTOMERS_SQL, REFRESH_PROFILES_SQL } from '../customers/refresh-profiles.sql';
import { SatisfactionRollup } from '../satisfaction/satisfaction-rollup';
import { STORED_RESPONSE_COLUMNS, StoredResponseRow } from '../satisfaction/stored-response';
import { SURVEY_FACT_COLUMNS } from '../surveys/survey-fact';
import { FactRow } from './fact-row';
import { latestVersionPerKey } from './latest-version-per-key';

/**
 * Kafka keeps a customer's events in order, so a later event is a later version; the guard still
 * stops an older version (a late replay) from overwriting a newer one.
 */
const NEWER_VERSION = 'EXCLUDED.event_time >= t.event_time';

export interface FactBatch {
  /** Inbox consumer name: one per input topic. */
  consumer: string;
  rows: FactRow[];
}

/**
 * The only writer of insights' read models. A batch is one transaction: claim the event ids in the
 * inbox, upsert the facts of the events not seen before (and keep the satisfaction rollup in step
 * with them), refresh the touched customers' profiles and re-assess their churn risk (its events go
 * to the outbox). The claim commits with the effects, so a redelivered event is skipped and a crashed
 * one is redone. After the commit, the outbox's pending churn-risk events are published.
 */
@Injectable()
export class ReadModelWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly satisfaction: SatisfactionRollup,
    private readonly churnRisk: ChurnRiskDetector,
  ) {}

  /** Returns how many events were new (the rest were duplicates). */
  async applyCaseFacts(batch: FactBatch): Promise<number> {
    const key = ['source', 'case_id'];
    return this.apply(batch, key, async (manager, latest) => {
      const caseIds = latest.map((row) => String(row.case_id));
      await this.satisfaction.lockCases(manager, caseIds);
      // A record that moves to another customer changes the profile it leaves as well.
      const previousOwners = await this.currentOwners(manager, 'insights.case_facts', key, latest);
      await bulkUpsert(manager, {
        table: 'insights.case_facts',
        columns: [...CASE_FACT_COLUMNS],
        rows: latest,
        conflictColumns: key,
        onlyWhen: NEWER_VERSION,
      });
      // A reclassified or reassigned case, or one that arrives after its survey responses, moves them.
      await this.satisfaction.casesApplied(manager, caseIds);
      return previousOwners;
    });
  }

  async applySurveyFacts(batch: FactBatch): Promise<number> {
    const key = ['source', 'response_id'];
    return this.apply(batch, key, async (manager, latest) => {
      const { rows, previous } = await this.satisfaction.prepareSurveys(manager, latest);
      // Only the rows the guard let through come back: those are the versions now stored.
      const { rows: stored } = await bulkUpsert<StoredResponseRow>(manager, {
        table: 'insights.survey_facts',
        columns: [...SURVEY_FACT_COLUMNS],
        rows,
        conflictColumns: key,
        onlyWhen: NEWER_VERSION,
        returning: [...STORED_RESPONSE_COLUMNS],
      });
      await this.satisfaction.surveysStored(manager, previous, stored);
      // A record that moves to another customer changes the profile it leaves as well.
      return previous.map((row) => row.customer_id);
    });
  }

  /**
   * `write` upserts the batch's latest versions and returns the customers the records belonged to
   * before; their profiles are refreshed along with the batch's own customers.
   */
  private async apply(
    batch: FactBatch,
    keyColumns: string[],
    write: (manager: EntityManager, latest: FactRow[]) => Promise<string[]>,
  ): Promise<number> {
    const applied = await this.dataSource.transaction(async (manager) => {
      // The same event twice in one batch is a duplicate too, not two events.
      const unique = [...new Map(batch.rows.map((row) => [row.event_id, row])).values()];
      const fresh = await claimNewEvents(
        manager,
        'insights',
        batch.consumer,
        unique.map((row) => row.event_id),
      );
      const rows = unique.filter((row) => fresh.has(row.event_id));
      if (rows.length === 0) return 0;
      const latest = latestVersionPerKey(rows, keyColumns);
      const previousOwners = await write(manager, latest);
      const customerIds = [...new Set([...rows.map((row) => row.customer_id), ...previousOwners])];
      await this.refreshProfiles(manager, customerIds);
      await this.churnRisk.assess(manager, customerIds);
      return rows.length;
    });
    // Also after a batch of duplicates: a crash after an earlier commit may have left events unsent.
    await this.churnRisk.publishPending();
    return applied;
  }

  /** The customers the batch's records belong to now, before the upsert; one query. */
  private async currentOwners(
    manager: EntityManager,
    table: string,
    [first, second]: string[],
    rows: FactRow[],
  ): Promise<string[]> {
    // Table and key columns are this class's own constants, never input.
    const owners: Array<{ customer_id: string }> = await manager.query(
      `SELECT DISTINCT t.customer_id FROM ${table} t
       JOIN unnest($1::text[], $2::text[]) AS k(a, b) ON t.${first} = k.a AND t.${second} = k.b`,
      [rows.map((row) => String(row[first])), rows.map((row) => String(row[second]))],
    );
    return owners.map((owner) => owner.customer_id);
  }

  private async refreshProfiles(manager: EntityManager, customerIds: string[]): Promise<void> {
    await manager.query(LOCK_CUSTOMERS_SQL, [customerIds]);
    await manager.query(REFRESH_PROFILES_SQL, [customerIds]);
  }
}
