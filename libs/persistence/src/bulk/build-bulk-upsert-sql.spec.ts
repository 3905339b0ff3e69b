import { buildBulkUpsertSql } from './build-bulk-upsert-sql';
import { BulkUpsertStatement } from './bulk-upsert.types';

const statement: BulkUpsertStatement = {
  table: 'insights.case_facts',
  columns: [
    { name: 'case_id', type: 'text' },
    { name: 'version', type: 'int' },
    { name: 'payload', type: 'jsonb' },
    { name: 'updated_at', type: 'timestamptz' },
  ],
  conflictColumns: ['case_id'],
};

describe('buildBulkUpsertSql', () => {
  it('binds the rows as one jsonb parameter and updates every non-key column by default', () => {
    expect(buildBulkUpsertSql(statement)).toBe(
      [
        'INSERT INTO "insights"."case_facts" AS t ("case_id", "version", "payload", "updated_at")',
        'SELECT u."case_id", u."version", u."payload", u."updated_at"',
        `FROM (SELECT (r ->> 0) AS "case_id", (r ->> 1)::int AS "version", nullif(r -> 2, 'null'::jsonb) AS "payload", (r ->> 3)::timestamptz AS "updated_at" FROM jsonb_array_elements($1::jsonb) AS r) AS u`,
        'ON CONFLICT ("case_id")',
        'DO UPDATE SET "version" = EXCLUDED."version", "payload" = EXCLUDED."payload", "updated_at" = EXCLUDED."updated_at"',
      ].join('\n'),
    );
  });

  it('guards the update and returns the requested columns', () => {
    const sql = buildBulkUpsertSql({
      ...statement,
      updateColumns: ['version', 'payload'],
      onlyWhen: 'EXCLUDED.version > t.version',
      returning: ['case_id', 'version'],
    });
    expect(sql).toContain('DO UPDATE SET "version" = EXCLUDED."version", "payload" = EXCLUDED."payload"\n');
    expect(sql).toContain('\nWHERE EXCLUDED.version > t.version\n');
    expect(sql.endsWith('RETURNING "case_id", "version"')).toBe(true);
  });

  it('does nothing on conflict when there is nothing to update', () => {
    const sql = buildBulkUpsertSql({ ...statement, updateColumns: [] });
    expect(sql).toContain('ON CONFLICT ("case_id")\nDO NOTHING');
    expect(() => buildBulkUpsertSql({ ...statement, updateColumns: [], onlyWhen: 'true' })).toThrow(
      /onlyWhen/,
    );
  });

  it('supports composite keys and every column type', () => {
    const sql = buildBulkUpsertSql({
      table: 's.t',
      columns: [
        { name: 'a', type: 'bigint' },
        { name: 'b', type: 'date' },
        { name: 'c', type: 'numeric' },
        { name: 'd', type: 'boolean' },
        { name: 'e', type: 'double precision' },
      ],
      conflictColumns: ['a', 'b'],
    });
    expect(sql).toContain(
      '(r ->> 0)::bigint AS "a", (r ->> 1)::date AS "b", (r ->> 2)::numeric AS "c", (r ->> 3)::boolean AS "d", (r ->> 4)::double precision AS "e"',
    );
    expect(sql).toContain('ON CONFLICT ("a", "b")');
  });

  it.each([
    ['a table name with injection', { table: 'insights.x; drop table y' }],
    [
      'an upper-case column',
      { columns: [{ name: 'CaseId', type: 'text' as const }], conflictColumns: ['CaseId'] },
    ],
    ['an injected returning column', { returning: ['case_id; --'] }],
  ])('rejects %s', (_, override) => {
    expect(() => buildBulkUpsertSql({ ...statement, ...override })).toThrow(/Invalid SQL/);
  });

  it('rejects a jsonb conflict column, whose rows it could not collapse by key', () => {
    expect(() => buildBulkUpsertSql({ ...statement, conflictColumns: ['payload'] })).toThrow(
      /conflict column payload is jsonb/,
    );
  });

  it('rejects inconsistent column lists', () => {
    expect(() => buildBulkUpsertSql({ ...statement, conflictColumns: ['nope'] })).toThrow(
      /conflict column "nope"/,
    );
    expect(() => buildBulkUpsertSql({ ...statement, updateColumns: ['nope'] })).toThrow(
      /update column "nope"/,
    );
    expect(() => buildBulkUpsertSql({ ...statement, conflictColumns: [] })).toThrow(/no conflict columns/);
    expect(() => buildBulkUpsertSql({ ...statement, columns: [], conflictColumns: [] })).toThrow(
      /no columns/,
    );
    expect(() =>
      buildBulkUpsertSql({ ...statement, columns: [...statement.columns, { name: 'version', type: 'int' }] }),
    ).toThrow(/listed twice/);
    expect(() =>
      buildBulkUpsertSql({ ...statement, columns: [{ name: 'case_id', type: 'uuid' as never }] }),
    ).toThrow(/unsupported type "uuid"/);
  });
});
