import { EntityManager } from 'typeorm';
import { Erasure } from '@supportlens/contracts';
import { CASE_FACT_COLUMNS } from '../cases/case-fact';
import { StoredCaseRow } from '../read-models/applied-batch';
import { ErasedCaseFact } from './erased-case-text';

const COLUMNS = CASE_FACT_COLUMNS.map((column) => `t.${column.name}`).join(', ');

/** The customers' case facts versioned up to their erasure that still hold text. */
const ERASED_WITH_TEXT = `
  FROM insights.case_facts t
  JOIN unnest($1::text[], $2::timestamptz[]) AS e(customer_id, erased_at)
    ON t.customer_id = e.customer_id AND t.event_time <= e.erased_at
  WHERE t.phrasing IS NOT NULL OR t.terms IS NOT NULL`;

/** The statements an erasure runs on `insights.case_facts`: find the erased customers' text, drop it. */
export class ErasedCaseFactsRepository {
  /** Their case ids, read without locks: to take the case locks before reading the facts again. */
  async caseIds(manager: EntityManager, erasures: readonly Erasure[]): Promise<string[]> {
    const rows: Array<{ case_id: string }> = await manager.query(
      `SELECT DISTINCT t.case_id ${ERASED_WITH_TEXT}`,
      parameters(erasures),
    );
    return rows.map((row) => row.case_id);
  }

  /** The facts themselves, every column (as the windows count them); read under the case locks. */
  async facts(manager: EntityManager, erasures: readonly Erasure[]): Promise<ErasedCaseFact[]> {
    return manager.query(
      `SELECT ${COLUMNS} ${ERASED_WITH_TEXT} ORDER BY t.source, t.case_id`,
      parameters(erasures),
    );
  }

  /** Drops the phrasing and key terms of these facts, in one statement; every other column stays. */
  async scrub(
    manager: EntityManager,
    facts: ReadonlyArray<Pick<StoredCaseRow, 'source' | 'case_id'>>,
  ): Promise<void> {
    if (facts.length === 0) return;
    await manager.query(
      `UPDATE insights.case_facts t SET phrasing = NULL, terms = NULL
       FROM unnest($1::text[], $2::text[]) AS k(source, case_id)
       WHERE t.source = k.source AND t.case_id = k.case_id`,
      [facts.map((fact) => fact.source), facts.map((fact) => fact.case_id)],
    );
  }
}

function parameters(erasures: readonly Erasure[]): [string[], string[]] {
  return [erasures.map((erasure) => erasure.customerId), erasures.map((erasure) => erasure.erasedAt)];
}
