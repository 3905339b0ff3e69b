import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catch-up (catch-up/domain/catch-up-decision.ts): one row saying whether per-customer judging is
 * deferred, and the customers whose judging waits for the end of the catch-up.
 */
export class CatchUp1765700000000 implements MigrationInterface {
  name = 'CatchUp1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.catch_up (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        catching_up boolean NOT NULL DEFAULT false,
        -- The input lag that started the current (or last) catch-up, and when it started and ended.
        entered_lag bigint,
        entered_at timestamptz,
        finished_at timestamptz
      )`);
    await queryRunner.query(`INSERT INTO insights.catch_up (id) VALUES (true)`);
    await queryRunner.query(`
      CREATE TABLE insights.deferred_customers (
        customer_id text PRIMARY KEY,
        -- The latest batch event time that deferred them: the time a customer with no facts left is
        -- judged at (their records all moved to another customer).
        event_time timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.deferred_customers`);
    await queryRunner.query(`DROP TABLE insights.catch_up`);
  }
}
