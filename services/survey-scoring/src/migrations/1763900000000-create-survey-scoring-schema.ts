import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateSurveyScoringSchema1763900000000 implements MigrationInterface {
  name = 'CreateSurveyScoringSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS survey_scoring`);
    // Versioned scoring configuration: every scored event names the version that produced it.
    await queryRunner.query(`
      CREATE TABLE survey_scoring.scoring_configs (
        version     integer PRIMARY KEY,
        weights     jsonb NOT NULL,
        tolerance   numeric NOT NULL,
        benchmarks  jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // Berry & Parasuraman's importance points out of 100.
    await queryRunner.query(`
      INSERT INTO survey_scoring.scoring_configs (version, weights, tolerance)
      VALUES (1, '{"reliability":32,"responsiveness":22,"assurance":19,"empathy":16,"tangibles":11}', 0.25)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE survey_scoring.scoring_configs`);
  }
}
