import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { driverDeltas } from '../drivers/domain/driver-rollup';
import { contributionDeltas, ResponseChange } from './domain/contribution-deltas';
import {
  CASE_LOCK_NAMESPACE,
  LockKey,
  RESPONSE_LOCK_NAMESPACE,
  SatisfactionRollupRepository,
} from './satisfaction-rollup.repository';
import { StoredResponseRow, toSatisfactionResponse } from './stored-response';

/** A survey fact row about to be upserted (see surveys/survey-fact.ts). */
type SurveyFactRow = Record<string, unknown> & {
  source?: unknown;
  response_id?: unknown;
  kind?: unknown;
  case_id?: unknown;
};

export interface PreparedSurveys<Row extends SurveyFactRow> {
  /** The rows to upsert, with the issue code and agent of their case. */
  rows: Row[];
  /** The versions stored before this batch, locked until commit. */
  previous: StoredResponseRow[];
}

/**
 * Keeps `insights.satisfaction_daily` and `insights.satisfaction_driver_daily` in step with the facts,
 * inside the ReadModelWriter's transaction: each response's previous contribution is taken out and
 * its stored one put in (one set-based statement per rollup per batch); a case whose issue code or
 * agent changes moves the contributions of its responses. The changes are worked out with the facts
 * and applied by the writer later in the transaction ({@link applyChanges}): a day's rollup rows are
 * shared by every batch, so they are locked as late as possible. Lock order, the same for every
 * write: advisory locks (cases, responses; one statement) → survey_facts rows → customer locks (profile refresh)
 * → rollup rows → driver rollup rows.
 */
@Injectable()
export class SatisfactionRollup {
  constructor(private readonly repository: SatisfactionRollupRepository) {}

  /**
   * Before any fact row of a write: the locks of its cases, of the cases its transactional responses
   * are about, and of its responses, in one sorted statement. Serialises with every other write of the
   * same cases or responses (another instance's, an erasure's), so links and rollup deltas are
   * computed on stable rows; taken all at once, so two writes can never hold one each and wait.
   */
  async lockFacts(
    manager: EntityManager,
    caseIds: readonly string[],
    surveyRows: readonly SurveyFactRow[],
  ): Promise<void> {
    const linkedCaseIds = surveyRows.map(linkedCaseId).filter((id): id is string => id !== null);
    await this.repository.lock(manager, [
      ...[...new Set([...caseIds, ...linkedCaseIds])].map((key): LockKey => ({
        namespace: CASE_LOCK_NAMESPACE,
        key,
      })),
      ...surveyRows.map((row): LockKey => ({
        namespace: RESPONSE_LOCK_NAMESPACE,
        key: responseLockKey(row),
      })),
    ]);
  }

  /**
   * Before the survey facts upsert, under {@link lockFacts}: links each transactional response to its
   * classified case, and reads (and locks) the versions stored now.
   */
  async prepareSurveys<Row extends SurveyFactRow>(
    manager: EntityManager,
    rows: readonly Row[],
  ): Promise<PreparedSurveys<Row>> {
    const caseIds = [...new Set(rows.map(linkedCaseId).filter((id): id is string => id !== null))];
    const cases = await this.repository.resolveCases(manager, caseIds);
    const linked = rows.map((row) => {
      const caseId = linkedCaseId(row);
      const link = caseId === null ? undefined : cases.get(caseId);
      return { ...row, issue_code: link?.issueCode ?? null, agent_id: link?.agentId ?? null };
    });
    const previous = await this.repository.lockStoredResponses(
      manager,
      rows.map((row) => ({ source: String(row.source), responseId: String(row.response_id) })),
    );
    return { rows: linked, previous };
  }

  /**
   * After the upsert: `stored` are the rows it actually wrote (RETURNING — a version the event_time
   * guard refused is not among them and changes nothing). The change of each: −previous +stored.
   */
  surveysStored(
    previous: readonly StoredResponseRow[],
    stored: readonly StoredResponseRow[],
  ): ResponseChange[] {
    const before = new Map(previous.map((row) => [responseKey(row.source, row.response_id), row]));
    const changes: ResponseChange[] = stored.map((row) => {
      const old = before.get(responseKey(row.source, row.response_id));
      return { before: old ? toSatisfactionResponse(old) : null, after: toSatisfactionResponse(row) };
    });
    return changes;
  }

  /**
   * After the case facts upsert: the responses about these cases that count under another issue code
   * or agent than their case's now (a reclassified or reassigned case, or a case that arrived after
   * its responses) store the new link; returns the contributions they move.
   */
  async casesApplied(manager: EntityManager, caseIds: readonly string[]): Promise<ResponseChange[]> {
    const responses = await this.repository.lockResponsesToRelink(manager, caseIds);
    if (responses.length === 0) return [];
    const changes: ResponseChange[] = responses.map((row) => ({
      before: toSatisfactionResponse(row),
      after: toSatisfactionResponse({
        ...row,
        issue_code: row.linked_issue_code,
        agent_id: row.linked_agent_id,
      }),
    }));
    await this.repository.relink(
      manager,
      responses.map((row) => ({
        source: row.source,
        responseId: row.response_id,
        issueCode: row.linked_issue_code,
        agentId: row.linked_agent_id,
      })),
    );
    return changes;
  }

  /** Both rollups, always in this order (the daily rollup's rows, then the drivers'), so batches lock alike. */
  async applyChanges(manager: EntityManager, changes: readonly ResponseChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.repository.applyDeltas(manager, contributionDeltas(changes));
    await this.repository.applyDriverDeltas(manager, driverDeltas(changes));
  }
}

/** Only transactional responses are about a case. */
function linkedCaseId(row: SurveyFactRow): string | null {
  return row.kind === 'transactional' && typeof row.case_id === 'string' && row.case_id !== ''
    ? row.case_id
    : null;
}

function responseLockKey(row: SurveyFactRow): string {
  return responseKey(String(row.source), String(row.response_id));
}

function responseKey(source: string, responseId: string): string {
  return JSON.stringify([source, responseId]);
}
