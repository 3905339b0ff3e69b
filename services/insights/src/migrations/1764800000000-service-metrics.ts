import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of service-metrics.
export class ServiceMetrics1764800000000 implements MigrationInterface {
  name = 'ServiceMetrics1764800000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
