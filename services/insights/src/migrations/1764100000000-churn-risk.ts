import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Churn risk: the tone of each case (from its classification), each customer's churn-risk insight as
 * consumers last heard of it, and the outbox of insight events written in the same transaction and
 * published after it commits.
 */
export class ChurnRisk1764100000000 implements MigrationInterface {
  name = 'ChurnRisk1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // negative | neutral | positive; null for cases classified before tone existed.
    await queryRunner.query(`ALTER TABLE insights.case_facts ADD COLUMN tone text`);

    await queryRunner.query(`
      CREATE TABLE insights.churn_risk (
        customer_id      text PRIMARY KEY,
        score            integer NOT NULL,
        level            text NOT NULL CHECK (level IN ('at_risk', 'cleared')),
        reasons          jsonb NOT NULL DEFAULT '[]'::jsonb,
        suggested_action text,
        lifetime_value   numeric,
        raised_at        timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        cleared_at       timestamptz,
        last_event_id    text NOT NULL,
        version          integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX churn_risk_open_by_score ON insights.churn_risk (score DESC, customer_id) WHERE level = 'at_risk'`,
    );

    await queryRunner.query(`
      CREATE TABLE insights.churn_risk_outbox (
        event_id    text PRIMARY KEY,
        customer_id text NOT NULL,
        sequence    integer NOT NULL,
        event_time  timestamptz NOT NULL,
        data        jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        sent_at     timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX churn_risk_outbox_pending ON insights.churn_risk_outbox (created_at, customer_id, sequence)
       WHERE sent_at IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE insights.churn_risk_outbox`);
    await queryRunner.query(`DROP TABLE insights.churn_risk`);
    await queryRunner.query(`ALTER TABLE insights.case_facts DROP COLUMN tone`);
  }
}
