import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Scoring configurations become versions people create through the API: who and why (`note`,
 * `created_by`), rules the database keeps itself, and a notification on every new version so that
 * every running instance picks it up without a restart (channel `survey_scoring_config`, payload the
 * version; delivered when the inserting transaction commits).
 */
export class VersionedScoringConfigs1763990000000 implements MigrationInterface {
  name = 'VersionedScoringConfigs1763990000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE survey_scoring.scoring_configs
        ADD COLUMN note       text,
        ADD COLUMN created_by text,
        ADD CONSTRAINT scoring_configs_version_positive CHECK (version >= 1),
        ADD CONSTRAINT scoring_configs_weights_object CHECK (jsonb_typeof(weights) = 'object'),
        ADD CONSTRAINT scoring_configs_benchmarks_object CHECK (jsonb_typeof(benchmarks) = 'object'),
        ADD CONSTRAINT scoring_configs_tolerance_range CHECK (tolerance >= 0 AND tolerance <= 3)`);
    await queryRunner.query(`
      COMMENT ON COLUMN survey_scoring.scoring_configs.benchmarks IS
        'per industry (lower case): {"source": "acsi" | "jd_power", "score": 0-100 | 0-1000}'`);
    await queryRunner.query(`
      UPDATE survey_scoring.scoring_configs
         SET note = 'Berry & Parasuraman''s importance points (the default)'
       WHERE version = 1 AND note IS NULL`);
    await queryRunner.query(`
      CREATE FUNCTION survey_scoring.notify_scoring_config_created() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('survey_scoring_config', NEW.version::text);
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER scoring_configs_notify_created
        AFTER INSERT ON survey_scoring.scoring_configs
        FOR EACH ROW EXECUTE FUNCTION survey_scoring.notify_scoring_config_created()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER scoring_configs_notify_created ON survey_scoring.scoring_configs`);
    await queryRunner.query(`DROP FUNCTION survey_scoring.notify_scoring_config_created()`);
    await queryRunner.query(`
      ALTER TABLE survey_scoring.scoring_configs
        DROP CONSTRAINT scoring_configs_tolerance_range,
        DROP CONSTRAINT scoring_configs_benchmarks_object,
        DROP CONSTRAINT scoring_configs_weights_object,
        DROP CONSTRAINT scoring_configs_version_positive,
        DROP COLUMN created_by,
        DROP COLUMN note`);
  }
}
