import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `case_facts (customer_id)` becomes `(customer_id, opened_at, source, case_id)`: the same lookups of a
 * customer's facts, and read backwards it gives a customer's cases newest first in the profile's
 * tie-break order, so the refresh takes their last few cases (recent tone) from the index instead of
 * sorting every case they ever opened. The added columns never change on a case's new version
 * (`opened_at` is already in other indexes), so no update that could stay HOT stops being so.
 */
export class CaseFactsCustomerOpened1765800000000 implements MigrationInterface {
  name = 'CaseFactsCustomerOpened1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX case_facts_customer_opened ON insights.case_facts (customer_id, opened_at, source, case_id)`,
    );
    await queryRunner.query(`DROP INDEX insights.case_facts_customer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX case_facts_customer ON insights.case_facts (customer_id)`);
    await queryRunner.query(`DROP INDEX insights.case_facts_customer_opened`);
  }
}
