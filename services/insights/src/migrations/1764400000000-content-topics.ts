import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of content-topics.
export class ContentTopics1764400000000 implements MigrationInterface {
  name = 'ContentTopics1764400000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
