import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Persona signals: each signal as the topic's consumers last heard of it (one row per key:
 * segment × dimension × item), and when each segment was last evaluated (in event time), which
 * throttles and orders its evaluations. `case_daily` gains an index by group and day: the detector
 * sums two windows of a few groups, which the primary key (group, issue, channel, day) cannot range
 * over by day.
 */
export class PersonaSignals1764500000000 implements MigrationInterface {
  name = 'PersonaSignals1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE insights.persona_signals (
        key               text PRIMARY KEY,
        attribute         text NOT NULL,
        segment_value     text NOT NULL,
        dimension         text NOT NULL CHECK (dimension IN ('issue', 'channel', 'satisfaction')),
        item              text NOT NULL,
        status            text NOT NULL CHECK (status IN ('open', 'cleared')),
        support           jsonb NOT NULL DEFAULT '{}'::jsonb,
        headline          text NOT NULL CHECK (headline IN ('base', 'past')),
        direction         text NOT NULL CHECK (direction IN ('higher', 'lower')),
        score             double precision NOT NULL,
        effect_size       double precision NOT NULL,
        ratio             double precision,
        difference_points double precision NOT NULL,
        sentence          text NOT NULL,
        comparisons       jsonb NOT NULL DEFAULT '[]'::jsonb,
        family_size       integer NOT NULL,
        window_start      date NOT NULL,
        window_end        date NOT NULL,
        raised_at         timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        cleared_at        timestamptz,
        last_event_id     text NOT NULL,
        version           integer NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX persona_signals_segment ON insights.persona_signals (attribute, segment_value)`,
    );
    await queryRunner.query(
      `CREATE INDEX persona_signals_open_by_score ON insights.persona_signals (score DESC, key) WHERE status = 'open'`,
    );
    await queryRunner.query(`
      CREATE TABLE insights.persona_segment_evaluations (
        attribute     text NOT NULL,
        segment_value text NOT NULL,
        evaluated_at  timestamptz NOT NULL,
        PRIMARY KEY (attribute, segment_value)
      )`);
    await queryRunner.query(
      `CREATE INDEX IF NOT EXISTS case_daily_group_day ON insights.case_daily (group_kind, group_value, day)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX IF EXISTS insights.case_daily_group_day`);
    await queryRunner.query(`DROP TABLE insights.persona_segment_evaluations`);
    await queryRunner.query(`DROP TABLE insights.persona_signals`);
  }
}
