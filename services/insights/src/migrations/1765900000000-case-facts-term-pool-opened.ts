import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The term pool's cases by opening time. A content topic's evidence for emerging terms reads the
 * window's term-pool cases (`termCases`); through `case_facts_opened_key` that read visited every case
 * of the window (a bench window of 21,000 cases for 2,800 in the pool), so its cost grew with the whole
 * help desk's volume. The partial index holds the pool only (about one case in seven in the bench), and
 * only pool cases pay for its upkeep. Its predicate must stay the one `termPoolSql` writes, or the
 * planner cannot use it (pinned by term-pool-index.spec.ts).
 */
export const TERM_POOL_INDEX_PREDICATE = `(classification_method <> 'agent' AND (issue_code = 'unclassified' OR confidence < 0.6))`;

export class CaseFactsTermPoolOpened1765900000000 implements MigrationInterface {
  name = 'CaseFactsTermPoolOpened1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_facts_term_pool_opened ON insights.case_facts (opened_at) WHERE ${TERM_POOL_INDEX_PREDICATE}`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights.case_facts_term_pool_opened`);
  }
}
