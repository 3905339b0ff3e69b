import { assertIdentifier, quoteIdentifier, quoteQualifiedName } from './identifiers';

describe('SQL identifiers', () => {
  it('accepts lower-case snake_case names', () => {
    expect(assertIdentifier('processed_events')).toBe('processed_events');
    expect(assertIdentifier('_x1')).toBe('_x1');
    expect(quoteIdentifier('order')).toBe('"order"');
  });

  it.each(['', 'Events', '1abc', 'a-b', 'a b', 'a"; drop table x; --', 'a.b', 'x'.repeat(64)])(
    'rejects %j',
    (name) => {
      expect(() => assertIdentifier(name)).toThrow(/Invalid SQL identifier/);
    },
  );

  it('quotes schema-qualified table names part by part', () => {
    expect(quoteQualifiedName('insights.case_facts')).toBe('"insights"."case_facts"');
    expect(quoteQualifiedName('case_facts')).toBe('"case_facts"');
  });

  it('rejects malformed qualified names', () => {
    expect(() => quoteQualifiedName('a.b.c')).toThrow(/expected schema.table/);
    expect(() => quoteQualifiedName('insights.')).toThrow(/Invalid SQL table name part/);
    expect(() => quoteQualifiedName('insights.Cases')).toThrow(/Invalid SQL table name part/);
  });
});
