import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The insight settings (thresholds, windows, weights of every detector) become versions people
 * create through the API (`POST /v1/settings/versions`): the whole document per version, who and why,
 * and a notification on every change so that every running instance picks it up without a restart
 * (channel `insights_settings`, payload the version; delivered when the transaction commits).
 *
 * No version is seeded: until one is created the code's defaults are in force as version 0. Numbers
 * come from an identity, so a number once given (and named in an insight's evidence) is never given
 * to another document, even after a version is deleted.
 */
export class InsightSettings1765000000000 implements MigrationInterface {
  name = 'InsightSettings1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.settings_versions (
        version     integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        document    jsonb NOT NULL,
        note        text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        created_by  text,
        CONSTRAINT settings_versions_document_object CHECK (jsonb_typeof(document) = 'object')
      )`);
    await queryRunner.query(`
      COMMENT ON COLUMN insights.settings_versions.document IS
        'the complete settings: {"churnRisk": {...}, "contentTopics": {...}, ...}; a setting it lacks takes the code default'`);
    // A delete notifies too: removing the newest version by hand is a rollback every instance should see.
    await queryRunner.query(`
      CREATE FUNCTION insights.notify_settings_changed() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' THEN
          PERFORM pg_notify('insights_settings', OLD.version::text);
        ELSE
          PERFORM pg_notify('insights_settings', NEW.version::text);
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER settings_versions_notify_changed
        AFTER INSERT OR DELETE ON insights.settings_versions
        FOR EACH ROW EXECUTE FUNCTION insights.notify_settings_changed()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER settings_versions_notify_changed ON insights.settings_versions`);
    await queryRunner.query(`DROP FUNCTION insights.notify_settings_changed()`);
    await queryRunner.query(`DROP TABLE insights.settings_versions`);
  }
}
