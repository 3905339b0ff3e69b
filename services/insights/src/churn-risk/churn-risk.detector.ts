import { Injectable } from '@nestjs/common';
import { derivedEventId, ChurnRiskInsight, EventContracts } from '@supportlens/contracts';
import { BulkColumn, bulkUpsert, preparedQuery } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { InsightOutbox, OutboxEvent } from '../outbox/insight-outbox';
import { AppliedBatch, CustomerStep } from '../read-models/applied-batch';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { ChurnSignals } from './domain/churn-signals';
import { ChurnRiskLevel, churnTransition, levelAfter } from './domain/churn-transition';
import { ChurnReason, ChurnSignalName, scoreChurnRisk } from './domain/score-churn-risk';
import { CHURN_SIGNALS_SQL } from './churn-signals.sql';

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

/**
 * Keeps each customer's churn-risk insight in step with their facts and emits its changes on
 * `marketing.insights.churn-risk.v1`.
 *
 * Runs as a step of the ReadModelWriter's transaction, after the profiles are refreshed (so the
 * per-customer advisory locks are held): one query for the batch's customers' signals, the pure
 * scorer and transition, one statement for the new states, and their events into the outbox. Everything is
 * derived from the stored facts and times, so a replay reaches the same states and a redelivered
 * input that changes nothing emits nothing (no transition, no event). Event ids come from
 * (customer, sequence), so a re-publish after a crash carries the same id and a consumer drops it.
 */
@Injectable()
export class ChurnRiskDetector implements CustomerStep {
  readonly name = 'churn-risk';
  readonly rows = 'customer';

  constructor(
    private readonly outbox: InsightOutbox,
    private readonly settings: InsightSettingsProvider,
  ) {}

  async apply(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    await this.judgeCustomers(manager, batch.customerIds);
  }

  /** Each customer is judged at their latest fact's time, so no fallback time is needed. */
  async judgeCustomers(manager: EntityManager, customerIds: string[]): Promise<void> {
    if (customerIds.length === 0) return;
    const { version: settingsVersion, settings: all } = this.settings.current;
    const settings = all.churnRisk;
    const { windows } = settings;
    const { rows: signalRows } = await preparedQuery<SignalsRow>(manager, CHURN_SIGNALS_SQL, [
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
    const outbox: OutboxEvent<ChurnRiskInsight>[] = [];
    for (const row of signalRows) {
      const assessment = scoreChurnRisk(toSignals(row), settings);
      const previous = stored.get(row.customer_id);
      const topSignals = assessment.reasons.map((reason) => reason.signal);
      const transition = churnTransition(
        previous && {
          score: previous.score,
          level: previous.level,
          topSignals: previous.reasons.map((reason) => reason.signal as ChurnSignalName),
        },
        { score: assessment.score, topSignals },
        settings,
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
        top_issue_code: row.top_issue_code,
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
        settingsVersion,
      };
      outbox.push({
        contract: EventContracts.ChurnRiskInsight,
        eventId,
        key: row.customer_id,
        sequence,
        time: at,
        data,
      });
    }
    if (states.length === 0) return;
    await bulkUpsert(manager, {
      table: 'insights.churn_risk',
      columns: STATE_COLUMNS,
      rows: states,
      conflictColumns: ['customer_id'],
    });
    await this.outbox.enqueue(manager, outbox);
  }
}

const STATE_COLUMNS: BulkColumn[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'score', type: 'int' },
  { name: 'level', type: 'text' },
  { name: 'reasons', type: 'jsonb' },
  { name: 'suggested_action', type: 'text' },
  { name: 'lifetime_value', type: 'numeric' },
  { name: 'top_issue_code', type: 'text' },
  { name: 'raised_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'cleared_at', type: 'timestamptz' },
  { name: 'last_event_id', type: 'text' },
  { name: 'version', type: 'int' },
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
