import { Injectable } from '@nestjs/common';
import { BulkColumn, jsonRowsFrom, jsonRowsParameter, preparedQuery } from '@supportlens/persistence';
import { EntityManager } from 'typeorm';
import { DRIVER_COUNTS, DriverRollupRow } from '../drivers/domain/driver-rollup';
import { RollupRow } from './domain/response-contribution';
import { SATISFACTION_MEASURES, isSumMeasure } from './domain/satisfaction-measures';
import { STORED_RESPONSE_COLUMNS, StoredResponseRow } from './stored-response';

/**
 * Advisory-lock namespaces (the two-int4 form, a key space apart from the customer locks' bigint
 * keys). A case's lock serialises "link responses to this case" between the case and the survey
 * consumers; a response's lock serialises two transactions inserting the same new response.
 */
export const CASE_LOCK_NAMESPACE = 51_001;
export const RESPONSE_LOCK_NAMESPACE = 51_002;

export interface LockKey {
  namespace: number;
  key: string;
}

/** The classified case a response takes its issue code and agent from. */
export interface CaseLink {
  issueCode: string;
  agentId: string | null;
}

export interface LinkedResponseRow extends StoredResponseRow {
  linked_issue_code: string;
  linked_agent_id: string | null;
}

/** `csatSatisfied` → `csat_satisfied`. */
export function measureColumn(measure: string): string {
  return measure.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

const MEASURE_COLUMNS = SATISFACTION_MEASURES.map((measure) => ({
  measure,
  column: measureColumn(measure),
  type: isSumMeasure(measure) ? ('numeric' as const) : ('int' as const),
}));

/** A rollup delta row's columns, in the order of its values (see applyDeltas). */
const DELTA_COLUMNS: BulkColumn[] = [
  { name: 'group_kind', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'group_value', type: 'text' },
  ...MEASURE_COLUMNS.map(({ column, type }): BulkColumn => ({ name: column, type })),
];

/**
 * Adds every delta row in ONE statement: the rows travel as one jsonb parameter, are summed per
 * (kind, day, value) in exact `numeric` (several responses, or a response's −old and +new, may hit
 * the same row), and are added to the stored row or inserted. Inserted in key order so that two
 * batches touching the same rows lock them in the same order.
 */
const APPLY_DELTAS_SQL = `
INSERT INTO insights.satisfaction_daily AS t (group_kind, day, group_value, ${MEASURE_COLUMNS.map((m) => m.column).join(', ')})
SELECT d.group_kind, d.day, d.group_value, ${MEASURE_COLUMNS.map((m) => `sum(d.${m.column})`).join(', ')}
FROM ${jsonRowsFrom(DELTA_COLUMNS, 1, 'd')}
GROUP BY d.group_kind, d.day, d.group_value
ORDER BY d.group_kind COLLATE "C", d.day, d.group_value COLLATE "C"
ON CONFLICT (group_kind, day, group_value) DO UPDATE SET
  ${MEASURE_COLUMNS.map((m) => `${m.column} = t.${m.column} + EXCLUDED.${m.column}`).join(',\n  ')},
  updated_at = now()`;

const DRIVER_COLUMNS = DRIVER_COUNTS.map(measureColumn);

/** A driver delta row's columns, in the order of its values (see applyDriverDeltas). */
const DRIVER_DELTA_COLUMNS: BulkColumn[] = [
  { name: 'slice_kind', type: 'text' },
  { name: 'slice_value', type: 'text' },
  { name: 'day', type: 'date' },
  { name: 'theme_kind', type: 'text' },
  { name: 'theme_value', type: 'text' },
  ...DRIVER_COLUMNS.map((column): BulkColumn => ({ name: column, type: 'int' })),
];

/**
 * Adds the driver deltas in ONE statement. They arrive netted (one row per key), so no key appears
 * twice; inserted in key order like the rollup's rows.
 */
const APPLY_DRIVER_DELTAS_SQL = `
INSERT INTO insights.satisfaction_driver_daily AS t
  (slice_kind, slice_value, day, theme_kind, theme_value, ${DRIVER_COLUMNS.join(', ')})
SELECT d.*
FROM ${jsonRowsFrom(DRIVER_DELTA_COLUMNS, 1, 'd')}
ORDER BY d.slice_kind COLLATE "C", d.slice_value COLLATE "C", d.day, d.theme_kind COLLATE "C", d.theme_value COLLATE "C"
ON CONFLICT (slice_kind, slice_value, day, theme_kind, theme_value) DO UPDATE SET
  ${DRIVER_COLUMNS.map((column) => `${column} = t.${column} + EXCLUDED.${column}`).join(',\n  ')},
  updated_at = now()`;

/**
 * The case each case id resolves to: of the case facts sharing the id (sources are not compared),
 * the latest version, then the first source. The survey consumer reads it the same way.
 */
const RESOLVED_CASES_CTE = `
resolved AS (
  SELECT DISTINCT ON (case_id) case_id, issue_code, agent_id
  FROM insights.case_facts WHERE case_id = ANY($1::text[])
  ORDER BY case_id, event_time DESC, source
)`;

const STORED_COLUMNS_OF_S = STORED_RESPONSE_COLUMNS.map((column) => `s.${column}`).join(', ');

/** SQL of the rollup's write side. Every method runs on the caller's transaction (`manager`). */
@Injectable()
export class SatisfactionRollupRepository {
  /** Transaction-scoped advisory locks, taken in sorted order so two batches never deadlock. */
  async lock(manager: EntityManager, keys: readonly LockKey[]): Promise<void> {
    if (keys.length === 0) return;
    await preparedQuery(
      manager,
      `SELECT pg_advisory_xact_lock(namespace, lock_key)
       FROM (SELECT DISTINCT namespace, hashtext(key) AS lock_key
             FROM unnest($1::int[], $2::text[]) AS k(namespace, key) ORDER BY 1, 2) keys`,
      [keys.map((k) => k.namespace), keys.map((k) => k.key)],
    );
  }

  async resolveCases(manager: EntityManager, caseIds: readonly string[]): Promise<Map<string, CaseLink>> {
    if (caseIds.length === 0) return new Map();
    const { rows } = await preparedQuery<{ case_id: string; issue_code: string; agent_id: string | null }>(
      manager,
      `WITH ${RESOLVED_CASES_CTE} SELECT case_id, issue_code, agent_id FROM resolved`,
      [[...new Set(caseIds)]],
    );
    return new Map(rows.map((row) => [row.case_id, { issueCode: row.issue_code, agentId: row.agent_id }]));
  }

  /** The stored versions of these responses, locked (FOR UPDATE, in key order) until commit. */
  async lockStoredResponses(
    manager: EntityManager,
    keys: ReadonlyArray<{ source: string; responseId: string }>,
  ): Promise<StoredResponseRow[]> {
    if (keys.length === 0) return [];
    const { rows } = await preparedQuery<StoredResponseRow>(
      manager,
      `SELECT ${STORED_COLUMNS_OF_S}
       FROM insights.survey_facts s
       JOIN unnest($1::text[], $2::text[]) AS k(source, response_id)
         ON s.source = k.source AND s.response_id = k.response_id
       ORDER BY s.source COLLATE "C", s.response_id COLLATE "C"
       FOR UPDATE OF s`,
      [keys.map((k) => k.source), keys.map((k) => k.responseId)],
    );
    return rows;
  }

  /**
   * The transactional responses about these cases whose stored issue code or agent is not the
   * case's (now), locked in key order, with the case's values. One query.
   */
  async lockResponsesToRelink(
    manager: EntityManager,
    caseIds: readonly string[],
  ): Promise<LinkedResponseRow[]> {
    if (caseIds.length === 0) return [];
    const { rows } = await preparedQuery<LinkedResponseRow>(
      manager,
      `WITH ${RESOLVED_CASES_CTE}
       SELECT ${STORED_COLUMNS_OF_S}, r.issue_code AS linked_issue_code, r.agent_id AS linked_agent_id
       FROM insights.survey_facts s
       JOIN resolved r ON r.case_id = s.case_id
       WHERE s.kind = 'transactional'
         AND (s.issue_code IS DISTINCT FROM r.issue_code OR s.agent_id IS DISTINCT FROM r.agent_id)
       ORDER BY s.source COLLATE "C", s.response_id COLLATE "C"
       FOR UPDATE OF s`,
      [[...new Set(caseIds)]],
    );
    return rows;
  }

  /** Stores the issue code and agent the responses now count under; one statement. */
  async relink(
    manager: EntityManager,
    rows: ReadonlyArray<{
      source: string;
      responseId: string;
      issueCode: string | null;
      agentId: string | null;
    }>,
  ): Promise<void> {
    if (rows.length === 0) return;
    await preparedQuery(
      manager,
      `UPDATE insights.survey_facts s SET issue_code = u.issue_code, agent_id = u.agent_id
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u(source, response_id, issue_code, agent_id)
       WHERE s.source = u.source AND s.response_id = u.response_id`,
      [
        rows.map((r) => r.source),
        rows.map((r) => r.responseId),
        rows.map((r) => r.issueCode),
        rows.map((r) => r.agentId),
      ],
    );
  }

  async applyDeltas(manager: EntityManager, rows: readonly RollupRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((row) => [
      row.groupKind,
      row.day,
      row.groupValue,
      ...MEASURE_COLUMNS.map(({ measure }) => row.measures[measure]),
    ]);
    await preparedQuery(manager, APPLY_DELTAS_SQL, [jsonRowsParameter(DELTA_COLUMNS, values)]);
  }

  /** The driver rollup's deltas (see drivers/domain/driver-rollup.ts); one statement. */
  async applyDriverDeltas(manager: EntityManager, rows: readonly DriverRollupRow[]): Promise<void> {
    if (rows.length === 0) return;
    const values = rows.map((row) => [
      row.sliceKind,
      row.sliceValue,
      row.day,
      row.themeKind,
      row.themeValue,
      ...DRIVER_COUNTS.map((count) => row.counts[count]),
    ]);
    await preparedQuery(manager, APPLY_DRIVER_DELTAS_SQL, [jsonRowsParameter(DRIVER_DELTA_COLUMNS, values)]);
  }
}
