import { Injectable } from '@nestjs/common';
import {
  CaseStudyCandidateInsight,
  CustomerSegment,
  derivedEventId,
  EventContracts,
  SEGMENT_ATTRIBUTES,
} from '@supportlens/contracts';
import { BulkColumn, bulkUpsert, preparedQuery } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { InsightOutbox, OutboxEvent } from '../outbox/insight-outbox';
import { AppliedBatch, CustomerStep } from '../read-models/applied-batch';
import { InsightSettingsProvider } from '../settings/insight-settings.provider';
import { CANDIDACY_POSSIBLE_SQL, CANDIDATE_SIGNALS_SQL } from './candidate-signals.sql';
import { StoredCandidateEvidence } from './candidates.view';
import { assessCandidate, CandidateAssessment } from './domain/assess-candidate';
import { SERVQUAL_LEVELS, ServqualLevel } from './domain/candidate-settings';
import { CandidateSignals, Programme } from './domain/candidate-signals';
import { CandidateLevel, candidateLevelAfter, candidateTransition } from './domain/candidate-transition';

interface SignalsRow {
  customer_id: string;
  at: Date | null;
  first_seen_at: Date | null;
  segment: Record<string, string> | null;
  consent: Record<string, boolean> | null;
  lifetime_value: number | null;
  nps: number | null;
  nps_response_id: string | null;
  nps_source: string | null;
  nps_at: Date | null;
  csat: number | null;
  csat_response_id: string | null;
  csat_source: string | null;
  csat_at: Date | null;
  servqual_level: string | null;
  servqual_gap: number | null;
  servqual_response_id: string | null;
  servqual_source: string | null;
  servqual_at: Date | null;
  surveys_answered: number;
  case_id: string | null;
  case_source: string | null;
  issue_code: string | null;
  channel: string | null;
  opened_at: Date | null;
  resolved_at: Date | null;
  churn_risk_score: number | null;
  escalated_case_id: string | null;
}

interface StoredRow {
  customer_id: string;
  level: CandidateLevel;
  score: number;
  programmes: Programme[];
  raised_at: Date;
  version: number;
}

/**
 * Keeps each customer's case-study / reference / focus-group candidacy in step with their facts and
 * emits its changes on `marketing.insights.case-study-candidates.v1`.
 *
 * A step of the ReadModelWriter's transaction, after the churn-risk step (so `insights.churn_risk`
 * is current) and under the same per-customer locks: one query for which of the batch's customers
 * could see their candidacy change (consent, or an open candidacy), one for those customers' signals,
 * the pure rules and transition, one statement for the changed states and their events into the
 * outbox. Derived only from stored facts and their times, so a replay reaches the same states and a
 * redelivered input that changes nothing emits nothing. Event ids come from (customer, sequence).
 */
@Injectable()
export class CaseStudyCandidatesDetector implements CustomerStep {
  readonly name = 'case-study-candidates';
  readonly rows = 'customer';

  constructor(
    private readonly outbox: InsightOutbox,
    private readonly settings: InsightSettingsProvider,
  ) {}

  async apply(manager: EntityManager, batch: AppliedBatch): Promise<void> {
    await this.judgeCustomers(manager, batch.customerIds, () => batch.eventTime);
  }

  async judgeCustomers(
    manager: EntityManager,
    customerIds: string[],
    fallbackTime: (customerId: string) => Date,
  ): Promise<void> {
    if (customerIds.length === 0) return;
    const possible: Array<{ customer_id: string }> = await manager.query(CANDIDACY_POSSIBLE_SQL, [
      customerIds,
    ]);
    if (possible.length === 0) return;
    const judged = possible.map((row) => row.customer_id);
    const { version: settingsVersion, settings: all } = this.settings.current;
    const settings = all.candidates;
    const { rows: signalRows } = await preparedQuery<SignalsRow>(manager, CANDIDATE_SIGNALS_SQL, [
      judged,
      settings.resolutionNormHours,
    ]);
    const storedRows: StoredRow[] = await manager.query(
      `SELECT customer_id, level, score, programmes, raised_at, version
       FROM insights.case_study_candidates WHERE customer_id = ANY($1::text[])`,
      [judged],
    );
    const stored = new Map(storedRows.map((row) => [row.customer_id, row]));

    const states: Record<string, unknown>[] = [];
    const events: OutboxEvent<CaseStudyCandidateInsight>[] = [];
    for (const row of signalRows) {
      const previous = stored.get(row.customer_id);
      // A customer whose every record moved to another customer has no facts left: assessed as of
      // the batch that moved them (at a catch-up's end, the last that deferred them), which withdraws
      // an open candidacy (no consent, no evidence) and raises nothing.
      const signals = toSignals(row, fallbackTime(row.customer_id));
      const assessment = assessCandidate(signals, settings);
      const transition = candidateTransition(previous, assessment, settings);
      if (transition === 'none') continue;
      const at = signals.at;
      const sequence = (previous?.version ?? 0) + 1;
      const eventId = derivedEventId('case-study-candidates', `${row.customer_id}\u0000${sequence}`);
      const evidence = serializeEvidence(assessment);
      const withdrawnBecause = transition === 'withdrawn' ? assessment.keepBlockers : null;
      states.push({
        customer_id: row.customer_id,
        level: candidateLevelAfter(previous?.level, transition),
        score: assessment.score,
        score_parts: assessment.scoreParts,
        programmes: assessment.programmes,
        evidence,
        withdrawn_because: withdrawnBecause,
        issue_code: evidence.resolvedCase?.issueCode ?? null,
        lifetime_value: row.lifetime_value,
        raised_at: transition === 'raised' ? at : previous!.raised_at,
        updated_at: at,
        withdrawn_at: transition === 'withdrawn' ? at : null,
        settings_version: settingsVersion,
        last_event_id: eventId,
        version: sequence,
      });
      const segment = segmentOf(row.segment);
      events.push({
        contract: EventContracts.CaseStudyCandidateInsight,
        eventId,
        key: row.customer_id,
        sequence,
        time: at,
        data: {
          customerId: row.customer_id,
          change: transition,
          score: assessment.score,
          scoreParts: assessment.scoreParts,
          programmes: assessment.programmes,
          satisfaction: evidence.satisfaction,
          ...(evidence.resolvedCase ? { resolvedCase: evidence.resolvedCase } : {}),
          ...(withdrawnBecause ? { withdrawnBecause } : {}),
          ...(segment ? { segment } : {}),
          ...(row.lifetime_value === null ? {} : { lifetimeValue: row.lifetime_value }),
          surveysAnswered: evidence.surveysAnswered,
          firstSeenAt: evidence.firstSeenAt,
          at: at.toISOString(),
          settingsVersion,
          sequence,
        },
      });
    }
    if (states.length === 0) return;
    await bulkUpsert(manager, {
      table: 'insights.case_study_candidates',
      columns: STATE_COLUMNS,
      rows: states,
      conflictColumns: ['customer_id'],
    });
    await this.outbox.enqueue(manager, events);
  }
}

const STATE_COLUMNS: BulkColumn[] = [
  { name: 'customer_id', type: 'text' },
  { name: 'level', type: 'text' },
  { name: 'score', type: 'int' },
  { name: 'score_parts', type: 'jsonb' },
  { name: 'programmes', type: 'jsonb' },
  { name: 'evidence', type: 'jsonb' },
  { name: 'withdrawn_because', type: 'jsonb' },
  { name: 'issue_code', type: 'text' },
  { name: 'lifetime_value', type: 'numeric' },
  { name: 'raised_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
  { name: 'withdrawn_at', type: 'timestamptz' },
  { name: 'settings_version', type: 'int' },
  { name: 'last_event_id', type: 'text' },
  { name: 'version', type: 'int' },
];

function toSignals(row: SignalsRow, fallbackAt: Date): CandidateSignals {
  const at = row.at ?? fallbackAt;
  const level = row.servqual_level;
  return {
    at,
    firstSeenAt: row.first_seen_at ?? at,
    consent: row.consent ?? {},
    lifetimeValue: row.lifetime_value,
    lastNps:
      row.nps === null
        ? null
        : { value: row.nps, ...answerOf(row.nps_response_id, row.nps_source, row.nps_at) },
    lastCsat:
      row.csat === null
        ? null
        : { value: row.csat, ...answerOf(row.csat_response_id, row.csat_source, row.csat_at) },
    lastServqual:
      level !== null && (SERVQUAL_LEVELS as readonly string[]).includes(level)
        ? {
            value: { level: level as ServqualLevel, weightedGap: row.servqual_gap },
            ...answerOf(row.servqual_response_id, row.servqual_source, row.servqual_at),
          }
        : null,
    surveysAnswered: row.surveys_answered,
    lastResolvedWell:
      row.case_id === null
        ? null
        : {
            caseId: row.case_id,
            source: row.case_source!,
            issueCode: row.issue_code!,
            channel: row.channel!,
            openedAt: row.opened_at!,
            resolvedAt: row.resolved_at!,
          },
    openChurnRiskScore: row.churn_risk_score,
    openEscalatedCaseId: row.escalated_case_id,
  };
}

function answerOf(responseId: string | null, source: string | null, respondedAt: Date | null) {
  return { responseId: responseId!, source: source!, respondedAt: respondedAt! };
}

function serializeEvidence(assessment: CandidateAssessment): StoredCandidateEvidence {
  const { evidence } = assessment;
  const resolved = evidence.resolvedCase;
  return {
    satisfaction: evidence.satisfaction.map((answer) => ({
      measure: answer.measure,
      ...(answer.value === null ? {} : { value: answer.value }),
      level: answer.level,
      responseId: answer.responseId,
      source: answer.source,
      respondedAt: answer.respondedAt.toISOString(),
      delighted: answer.delighted,
      unhappy: answer.unhappy,
      detail: answer.detail,
    })),
    resolvedCase:
      resolved === null
        ? null
        : {
            caseId: resolved.caseId,
            source: resolved.source,
            issueCode: resolved.issueCode,
            channel: resolved.channel,
            openedAt: resolved.openedAt.toISOString(),
            resolvedAt: resolved.resolvedAt.toISOString(),
            resolutionHours: resolved.resolutionHours,
            ageDays: resolved.ageDays,
          },
    surveysAnswered: evidence.surveysAnswered,
    firstSeenAt: evidence.firstSeenAt.toISOString(),
  };
}

/** The segment as the contract knows it (its attributes), or nothing when none was sent. */
function segmentOf(segment: Record<string, string> | null): CustomerSegment | null {
  if (!segment) return null;
  const known: CustomerSegment = {};
  for (const key of SEGMENT_ATTRIBUTES) {
    if (typeof segment[key] === 'string') known[key] = segment[key];
  }
  return Object.keys(known).length === 0 ? null : known;
}
