import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure of a customer's personal data (`support.customers.erasures.v1`, see src/erasure/):
 *
 * - `customer_erasures`: the ledger, one row per erased customer with the latest erasure. Cases of
 *   the customer versioned up to `erased_at` are stored without text wherever they arrive from
 *   (a replay, a late re-send), so the ledger outlives the text it removed.
 * - `labelled_examples.customer_id` and `case_terms.customer_id`: whose case a row is, filled on write
 *   from now on, so an erasure finds the rows (the low-confidence sample of a case is found through
 *   its `case_terms` row, which holds the version time). Rows written before this migration keep
 *   NULL until their case is delivered again (a replay of `support.cases.v1` rewrites them).
 * - The text columns become nullable: an erased case keeps its label, counts and ids, not its text.
 */
export class CustomerErasures1765400000000 implements MigrationInterface {
  name = 'CustomerErasures1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE classifier.customer_erasures (
        customer_id  text PRIMARY KEY,
        erased_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      ALTER TABLE classifier.labelled_examples
        ADD COLUMN customer_id text,
        ALTER COLUMN text DROP NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX labelled_examples_customer ON classifier.labelled_examples (customer_id)`,
    );
    await queryRunner.query(`ALTER TABLE classifier.case_terms ADD COLUMN customer_id text`);
    await queryRunner.query(`CREATE INDEX case_terms_customer ON classifier.case_terms (customer_id)`);
    await queryRunner.query(
      `ALTER TABLE classifier.low_confidence_cases ALTER COLUMN text_masked DROP NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Erased texts stay erased: an empty text stands in where NOT NULL comes back.
    await queryRunner.query(
      `UPDATE classifier.low_confidence_cases SET text_masked = '' WHERE text_masked IS NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE classifier.low_confidence_cases ALTER COLUMN text_masked SET NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX classifier.case_terms_customer`);
    await queryRunner.query(`ALTER TABLE classifier.case_terms DROP COLUMN customer_id`);
    await queryRunner.query(`DROP INDEX classifier.labelled_examples_customer`);
    await queryRunner.query(`UPDATE classifier.labelled_examples SET text = '' WHERE text IS NULL`);
    await queryRunner.query(`
      ALTER TABLE classifier.labelled_examples
        DROP COLUMN customer_id,
        ALTER COLUMN text SET NOT NULL`);
    await queryRunner.query(`DROP TABLE classifier.customer_erasures`);
  }
}
