import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emerging topics (services/classifier/docs/text-signals.md):
 *
 * - `low_confidence_cases`: the unclassified and low-confidence cases, masked, one row per case
 *   (its latest version); the window's cases are read from here.
 * - `case_terms`: every case's key terms and day, as last counted. It is what a redelivered or
 *   corrected case's previous contribution is subtracted from, so the counts below stay exact.
 * - `term_document_frequency` and `term_document_totals`: per UTC day, how many cases contain each
 *   term and how many cases there were. Kept incrementally (−old +new per case, in the batch's
 *   transaction), so a report reads a few rows per term and day instead of rescanning cases.
 *   Keyed (term, day): a report asks for a list of terms over a range of days.
 */
export class EmergingTopics1764100000000 implements MigrationInterface {
  name = 'EmergingTopics1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE classifier.low_confidence_cases (
        source         text NOT NULL,
        case_id        text NOT NULL,
        text_masked    text NOT NULL,
        classified_as  text NOT NULL,
        confidence     double precision NOT NULL,
        candidates     jsonb NOT NULL DEFAULT '[]'::jsonb,
        occurred_at    timestamptz NOT NULL,
        PRIMARY KEY (source, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX low_confidence_cases_occurred_at ON classifier.low_confidence_cases (occurred_at)`,
    );

    await queryRunner.query(`
      CREATE TABLE classifier.case_terms (
        source      text NOT NULL,
        case_id     text NOT NULL,
        day         date NOT NULL,
        terms       text[] NOT NULL,
        version_at  timestamptz NOT NULL,
        PRIMARY KEY (source, case_id)
      )`);
    await queryRunner.query(`CREATE INDEX case_terms_day ON classifier.case_terms (day)`);

    await queryRunner.query(`
      CREATE TABLE classifier.term_document_frequency (
        term       text NOT NULL,
        day        date NOT NULL,
        documents  integer NOT NULL,
        PRIMARY KEY (term, day)
      )`);
    await queryRunner.query(
      `CREATE INDEX term_document_frequency_day ON classifier.term_document_frequency (day)`,
    );

    await queryRunner.query(`
      CREATE TABLE classifier.term_document_totals (
        day        date PRIMARY KEY,
        documents  integer NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE classifier.term_document_totals`);
    await queryRunner.query(`DROP TABLE classifier.term_document_frequency`);
    await queryRunner.query(`DROP TABLE classifier.case_terms`);
    await queryRunner.query(`DROP TABLE classifier.low_confidence_cases`);
  }
}
