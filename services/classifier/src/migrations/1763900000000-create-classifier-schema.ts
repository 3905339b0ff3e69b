import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClassifierSchema1763900000000 implements MigrationInterface {
  name = 'CreateClassifierSchema1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS classifier`);
    // Cases that arrived with an agent's issue code: the training set, one row per case (latest label wins).
    await queryRunner.query(`
      CREATE TABLE classifier.labelled_examples (
        source          text NOT NULL,
        case_id         text NOT NULL,
        issue_code      text NOT NULL,
        text            text NOT NULL,
        predicted_code  text NOT NULL,
        agrees          boolean NOT NULL,
        labelled_at     timestamptz NOT NULL,
        PRIMARY KEY (source, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX labelled_examples_code ON classifier.labelled_examples (issue_code)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE classifier.labelled_examples`);
  }
}
