import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of customer-profile-windows.
export class CustomerProfileWindows1764900000000 implements MigrationInterface {
  name = 'CustomerProfileWindows1764900000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
