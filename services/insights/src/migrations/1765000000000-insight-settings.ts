import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of insight-settings.
export class InsightSettings1765000000000 implements MigrationInterface {
  name = 'InsightSettings1765000000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
