import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure of a customer's personal data (`support.customers.erasures.v1`, see src/erasure/): the
 * ledger, one row per erased customer with the latest erasure. Case facts of the customer versioned
 * up to `erased_at` are stored without their free text (phrasing, key terms) whenever they arrive,
 * so a replay or a late re-send brings none of it back; the ledger outlives the text it removed.
 */
export class CustomerErasures1765400000000 implements MigrationInterface {
  name = 'CustomerErasures1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.customer_erasures (
        customer_id  text PRIMARY KEY,
        erased_at    timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.customer_erasures`);
  }
}
