import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Names and e-mails live here and nowhere else: ingest strips them from every record it publishes.
 * The erasures stay after the data is gone, so that a record dated up to `erased_at` (a replay, a late
 * re-send) never stores the data again; `published_at` is null until the erasure event is on Kafka
 * (an outbox: a timer publishes what is still pending).
 */
export class PersonalData1765200000000 implements MigrationInterface {
  name = 'PersonalData1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE ingest.personal_data (
        customer_id  text PRIMARY KEY,
        name         text,
        email        text,
        version_time timestamptz NOT NULL,
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (name IS NOT NULL OR email IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE TABLE ingest.personal_data_erasures (
        customer_id  text PRIMARY KEY,
        erased_at    timestamptz NOT NULL,
        published_at timestamptz
      )`);
    // The outbox timer looks only for what is still unpublished.
    await queryRunner.query(`
      CREATE INDEX personal_data_erasures_unpublished
        ON ingest.personal_data_erasures (erased_at) WHERE published_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE ingest.personal_data_erasures`);
    await queryRunner.query(`DROP TABLE ingest.personal_data`);
  }
}
