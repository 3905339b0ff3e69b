import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One outbox for every insight kind: `insights.insight_outbox` replaces `churn_risk_outbox`. Each row
 * names its topic; the publisher sends a key's events in sequence order.
 */
export class InsightOutbox1764200000000 implements MigrationInterface {
  name = 'InsightOutbox1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.insight_outbox (
        event_id    text PRIMARY KEY,
        topic       text NOT NULL,
        key         text NOT NULL,
        sequence    integer NOT NULL,
        event_time  timestamptz NOT NULL,
        data        jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        sent_at     timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX insight_outbox_pending ON insights.insight_outbox (created_at, topic, key, sequence)
       WHERE sent_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX insight_outbox_sent ON insights.insight_outbox (sent_at) WHERE sent_at IS NOT NULL`,
    );
    await queryRunner.query(`
      INSERT INTO insights.insight_outbox (event_id, topic, key, sequence, event_time, data, created_at, sent_at)
      SELECT event_id, 'marketing.insights.churn-risk.v1', customer_id, sequence, event_time, data, created_at, sent_at
      FROM insights.churn_risk_outbox`);
    await queryRunner.query(`DROP TABLE insights.churn_risk_outbox`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
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
    await queryRunner.query(`
      INSERT INTO insights.churn_risk_outbox (event_id, customer_id, sequence, event_time, data, created_at, sent_at)
      SELECT event_id, key, sequence, event_time, data, created_at, sent_at
      FROM insights.insight_outbox WHERE topic = 'marketing.insights.churn-risk.v1'`);
    await queryRunner.query(`DROP TABLE insights.insight_outbox`);
  }
}
