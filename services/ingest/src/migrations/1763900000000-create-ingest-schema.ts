import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIngestSchema1763900000000 implements MigrationInterface {
  name = 'CreateIngestSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS ingest`);
    // Idempotency keys: one row per record version handed to Kafka (event id = source + record + content).
    await queryRunner.query(`
      CREATE TABLE ingest.published_events (
        event_id     text PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('case', 'survey')),
        source       text NOT NULL,
        record_id    text NOT NULL,
        customer_id  text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX published_events_record ON ingest.published_events (kind, source, record_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingest.published_events`);
  }
}
