import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of case-study-candidates.
export class CaseStudyCandidates1764600000000 implements MigrationInterface {
  name = 'CaseStudyCandidates1764600000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
