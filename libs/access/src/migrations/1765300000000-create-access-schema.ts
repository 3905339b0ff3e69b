import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAccessSchema1765300000000 implements MigrationInterface {
  name = 'CreateAccessSchema1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS access`);
    // Keys are stored as their SHA-256 only; the key itself is shown once, when it is created.
    await queryRunner.query(`
      CREATE TABLE access.api_keys (
        id             uuid PRIMARY KEY,
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        display_prefix text NOT NULL,
        key_hash       text NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        scopes         text[] NOT NULL CHECK (cardinality(scopes) > 0),
        created_at     timestamptz NOT NULL DEFAULT now(),
        revoked_at     timestamptz,
        last_used_at   timestamptz
      )`);
    // Every instance caches verified keys; a change tells them to forget, so a revocation is immediate.
    await queryRunner.query(`
      CREATE FUNCTION access.notify_api_keys_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('access_api_keys', '');
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER api_keys_changed AFTER INSERT OR DELETE OR UPDATE OF scopes, revoked_at
      ON access.api_keys FOR EACH STATEMENT EXECUTE FUNCTION access.notify_api_keys_changed()`);
    // Request counts per key and window, shared by every instance (rate-limiter-flexible's layout).
    await queryRunner.query(`
      CREATE TABLE access.request_rates (
        key    varchar(255) PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP SCHEMA access CASCADE`);
  }
}
