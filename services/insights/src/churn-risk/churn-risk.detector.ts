import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { derivedEventId, ChurnRiskInsight, EventContracts } from '@supportlens/contracts';
import { EventPublisher, outboundEvent } from '@supportlens/messaging';
import { BulkColumn, bulkUpsert } from '@supportlens/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { churnRiskSettingsOf, InsightsConfig } from '../config/insights.config';
import { churnRiskSettingsProblems, ChurnRiskSettings } from './domain/churn-risk-settings';
import { ChurnSignals } from './domain/churn-signals';
import { ChurnRiskLevel, churnTransition, levelAfter } from './domain/churn-transition';
import { ChurnReason, ChurnSignalName, scoreChurnRisk } from './domain/score-churn-risk';
import { CHURN_SIGNALS_SQL } from './churn-signals.sql';

export const CHURN_RISK_SOURCE = '/supportlens/insights/churn-risk';

/** Most outbox events published per round after a commit; the rest go with the next round. */
const PUBLISH_LIMIT = 500;

interface SignalsRow {
  customer_id: string;
  last_event_time: Date;
  lifetime_value: number | null;
  last_csat: number | null;
  previous_csat: number | null;
  last_nps: number | null;
  last_nps_category: string | null;
  previous_nps: number | null;
  servqual_level: string | null;
  servqual_gap: number | null;
  recent_cases: number;
  window_cases: number;
  reopens: number;
  escalations: number;
  top_issue_code: string | null;
  median_resolution_hours: number | null;
  max_resolution_hours: number | null;
  toned_cases: number;
  negative_tone_cases: number;
}

interface StoredRow {
  customer_id: string;
  score: number;
  level: ChurnRiskLevel;
  reasons: ChurnReason[];
  raised_at: Date;
  cleared_at: Date | null;
  version: number;
}

interface OutboxRow {
  event_id: string;
  customer_id: string;
  sequence: number;
  event_time: Date;
  data: ChurnRiskInsight;
}

/**
 * Keeps each customer's churn-risk insight in step with their facts and emits its changes on
 * `marketing.insights.churn-risk.v1`.
 *
 * `assess` runs inside the ReadModelWriter's transaction, after the profiles are refreshed (so the
 * per-customer advisory locks are held): one query for the batch's customers' signals, the pure
 * scorer and transition, one statement for the new states and one for their events. Everything is
 * derived from the stored facts and times, so a replay reaches the same states and a redelivered
 * input that changes nothing emits nothing (no transition, no event).
 *
 * Emitting uses an outbox rather than publishing from inside the transaction: an event published
 * before the commit could announce a state that then rolls back, and one published after a commit
 * that is then lost to a crash would never be sent. The events are written to
 * `insights.churn_risk_outbox` in the same transaction as the state and published by
 * `publishPending` after the commit (and retried after every later batch until sent). Their ids come
 * from (customer, sequence), so a re-publish after a crash between the produce and `sent_at` carries
 * the same id and a consumer drops it. Per-customer order holds: one publisher at a time, one key,
 * sequence order, one produce.
 */
@Injectable()
export class ChurnRiskDetector implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChurnRiskDetector.name);
  private readonly settings: ChurnRiskSettings;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    config: InsightsConfig,
  ) {
    this.settings = churnRiskSettingsOf(config);
    // Each variable is range-checked at start; this catches the combinations (clear ≥ raise would flap).
    const problems = churnRiskSettingsProblems(this.settings);
    if (problems.length > 0) throw new Error(`invalid churn-risk settings: ${problems.join('; ')}`);
  }

  /** Events a crash left unsent go out at start, not only when the next batch arrives. */
  async onApplicationBootstrap(): Promise<void> {
    await this.publishPending().catch((error: Error) =>
      this.logger.warn(`could not publish pending churn-risk events at start: ${error.message}`),
    );
  }

  async assess(manager: EntityManager, customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return;
    const { windows } = this.settings;
    const signalRows: SignalsRow[] = await manager.query(CHURN_SIGNALS_SQL, [
      customerIds,
      windows.recentDays,
      windows.longDays,
    ]);
    const storedRows: StoredRow[] = await manager.query(
      `SELECT customer_id, score, level, reasons, raised_at, cleared_at, version
       FROM insights.churn_risk WHERE customer_id = ANY($1::text[])`,
      [customerIds],
    );
    const stored = new Map(storedRows.map((row) => [row.customer_id, row]));

    const states: Record<string, unknown>[] = [];
    const outbox: Record<string, unknown>[] = [];
    for (const row of signalRows) {
      const assessment = scoreChurnRisk(toSignals(row), this.settings);
      const previous = stored.get(row.customer_id);
      const topSignals = assessment.reasons.map((reason) => reason.signal);
      const transition = churnTransition(
        previous && {
          score: previous.score,
          level: previous.level,
          topSignals: previous.reasons.map((reason) => reason.signal as ChurnSignalName),
        },
        { score: assessment.score, topSignals },
        this.settings,
      );
      if (transition === 'none') continue;
      const at = row.last_event_time;
      const sequence = (previous?.version ?? 0) + 1;
      const eventId = derivedEventId('churn-risk', `${row.customer_id}\u0000${sequence}`);
      states.push({
        customer_id: row.customer_id,
        score: assessment.score,
        level: levelAfter(previous?.level, transition),
        reasons: assessment.reasons,
        suggested_action: assessment.suggestedAction,
        lifetime_value: row.lifetime_value,
        raised_at: transition === 'raised' ? at : previous!.raised_at,
        updated_at: at,
        cleared_at: transition === 'cleared' ? at : null,
        last_event_id: eventId,
        version: sequence,
      });
      const data: ChurnRiskInsight = {
        customerId: row.customer_id,
        change: transition,
        score: assessment.score,
        reasons: assessment.reasons,
        ...(assessment.suggestedAction === null ? {} : { suggestedAction: assessment.suggestedAction }),
        ...(row.lifetime_value === null ? {} : { lifetimeValue: row.lifetime_value }),
        at: at.toISOString(),
        sequence,
      };
      outbox.push({ event_id: eventId, customer_id: row.customer_id, sequence, event_time: at, data });
    }
    if (states.length === 0) return;
    await bulkUpsert(manager, {
      table: 'insights.churn_risk',
      columns: STATE_COLUMNS,
      rows: states,
      conflictColumns: ['customer_id'],
    });
    await bulkUpsert(manager, {
      table: 'insights.churn_risk_outbox',
      columns: OUTBOX_COLUMNS,
      rows: outbox,
      conflictColumns: ['event_id'],
      updateColumns: [],
    });
  }

  /**
   * Publishes the outbox's unsent events (after a commit), oldest first, then marks them sent. One
   * publisher at a time across every instance (a transaction-scoped advisory lock, waited for): two
   * consumers publishing at once would send the same event twice, or one customer's events out of
   * order. The lock is only taken when something is pending.
   */
  async publishPending(): Promise<void> {
    const [anything] = await this.dataSource.query(
      `SELECT 1 FROM insights.churn_risk_outbox WHERE sent_at IS NULL LIMIT 1`,
    );
    if (!anything) return;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('insights.churn_risk_outbox', 0))`);
      const pending: OutboxRow[] = await manager.query(
        `SELECT event_id, customer_id, sequence, event_time, data FROM insights.churn_risk_outbox
         WHERE sent_at IS NULL ORDER BY created_at, customer_id, sequence LIMIT ${PUBLISH_LIMIT}`,
      );
      if (pending.length === 0) return;
      await this.publisher.publish(
        pending.map((row) =>
          outboundEvent({
            contract: EventContracts.ChurnRiskInsight,
            id: row.event_id,
            source: CHURN_RISK_SOURCE,
            subject: row.customer_id,
            time: row.event_time.toISOString(),
            data: row.data,
          }),
        ),
      );
      await manager.query(
        `UPDATE insights.churn_risk_outbox SET sent_at = now() WHERE event_id = ANY($1::text[])`,
        [pending.map((row) => row.event_id)],
      );
      this.logger.debug(`published ${pending.length} churn-risk insight events`);
    });
  }
}

const STATE_COLUMNS: BulkColumn[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'score', type: 'int' },
  { name: 'level', type: 'text' },
  { name: 'reasons', type: 'jsonb' },
  { name: 'suggested_action', type: 'text' },
  { name: 'lifetime_value', type: 'numeric' },
  { name: 'raised_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'cleared_at', type: 'timestamptz' },
  { name: 'last_event_id', type: 'text' },
  { name: 'version', type: 'int' },
];

const OUTBOX_COLUMNS: BulkColumn[] = [
  { name: 'event_id', type: 'text' },
  { name: 'customer_id', type: 'text' },
  { name: 'sequence', type: 'int' },
  { name: 'event_time', type: 'timestamptz' },
  { name: 'data', type: 'jsonb' },
];

function toSignals(row: SignalsRow): ChurnSignals {
  const category = row.last_nps_category;
  const level = row.servqual_level;
  return {
    lastCsat: row.last_csat,
    previousCsat: row.previous_csat,
    lastNps: row.last_nps,
    lastNpsCategory:
      category === 'promoter' || category === 'passive' || category === 'detractor' ? category : null,
    previousNps: row.previous_nps,
    lastServqualLevel:
      level === 'dissatisfied' || level === 'satisfied' || level === 'delighted' ? level : null,
    lastServqualGap: row.servqual_gap,
    recentCases: row.recent_cases,
    windowCases: row.window_cases,
    reopens: row.reopens,
    escalations: row.escalations,
    topIssueCode: row.top_issue_code,
    medianResolutionHours: row.median_resolution_hours,
    maxResolutionHours: row.max_resolution_hours,
    tonedCases: row.toned_cases,
    negativeToneCases: row.negative_tone_cases,
    lifetimeValue: row.lifetime_value,
  };
}
