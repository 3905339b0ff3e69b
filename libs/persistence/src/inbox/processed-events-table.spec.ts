import { processedEventsTableSql } from './processed-events-table';

describe('processedEventsTableSql', () => {
  it('creates the inbox table in the given schema', () => {
    const sql = processedEventsTableSql('insights');
    expect(sql).toContain('CREATE TABLE IF NOT EXISTS "insights"."processed_events"');
    expect(sql).toMatch(/consumer text NOT NULL/);
    expect(sql).toMatch(/event_id text NOT NULL/);
    expect(sql).toMatch(/processed_at timestamptz NOT NULL DEFAULT now\(\)/);
    expect(sql).toMatch(/PRIMARY KEY \(consumer, event_id\)/);
  });

  it('rejects schema names that are not plain identifiers', () => {
    expect(() => processedEventsTableSql('insights"; drop schema public; --')).toThrow(/schema name/);
  });
});
