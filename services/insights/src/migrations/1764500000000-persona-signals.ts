import { MigrationInterface, QueryRunner } from 'typeorm';

// SKELETON: filled in by the owner of persona-signals.
export class PersonaSignals1764500000000 implements MigrationInterface {
  name = 'PersonaSignals1764500000000';

  async up(_queryRunner: QueryRunner): Promise<void> {}

  async down(_queryRunner: QueryRunner): Promise<void> {}
}
