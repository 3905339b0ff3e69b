import { MigrationInterface, QueryRunner } from 'typeorm';

export class ModelVersions1764200000000 implements MigrationInterface {
  name = 'ModelVersions1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Every trained model, promoted or not, with the evaluation that decided it; the running
    // instances load the newest promoted one.
    await queryRunner.query(`
      CREATE TABLE classifier.model_versions (
        version           integer PRIMARY KEY,
        created_at        timestamptz NOT NULL DEFAULT now(),
        training_examples integer NOT NULL,
        holdout_examples  integer NOT NULL,
        codes             integer NOT NULL,
        training_seconds  double precision NOT NULL,
        evaluation        jsonb NOT NULL,
        baseline          jsonb,
        promoted          boolean NOT NULL,
        forced            boolean NOT NULL DEFAULT false,
        note              text,
        model             bytea NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX model_versions_promoted ON classifier.model_versions (version DESC) WHERE promoted`,
    );
    // Instances listening pick a newly promoted model up at once; a timer covers missed notifications.
    await queryRunner.query(`
      CREATE FUNCTION classifier.notify_model_promoted() RETURNS trigger AS $$
      BEGIN
        IF NEW.promoted THEN PERFORM pg_notify('classifier_model', NEW.version::text); END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await queryRunner.query(`
      CREATE TRIGGER model_versions_notify AFTER INSERT OR UPDATE OF promoted ON classifier.model_versions
      FOR EACH ROW EXECUTE FUNCTION classifier.notify_model_promoted()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER model_versions_notify ON classifier.model_versions`);
    await queryRunner.query(`DROP FUNCTION classifier.notify_model_promoted()`);
    await queryRunner.query(`DROP TABLE classifier.model_versions`);
  }
}
