import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two indexes of `case_facts` are prefixes of later, wider ones and serve no query the wider ones do
 * not: `case_facts_opened (opened_at)` of `case_facts_opened_key (opened_at, source, case_id)`, and
 * `case_facts_issue_opened (issue_code, opened_at)` of `case_facts_issue_code_opened (issue_code,
 * opened_at) INCLUDE (resolved_at)`. Every case version written paid for them.
 */
export class DropRedundantCaseFactIndexes1765500000000 implements MigrationInterface {
  name = 'DropRedundantCaseFactIndexes1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX insights.case_facts_opened`);
    await queryRunner.query(`DROP INDEX insights.case_facts_issue_opened`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_facts_issue_opened ON insights.case_facts (issue_code, opened_at)`,
    );
    await queryRunner.query(`CREATE INDEX case_facts_opened ON insights.case_facts (opened_at)`);
  }
}
