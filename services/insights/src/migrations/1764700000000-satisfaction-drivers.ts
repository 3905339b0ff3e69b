import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of satisfaction-drivers.
export class SatisfactionDrivers1764700000000 implements MigrationInterface {
  name = 'SatisfactionDrivers1764700000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
