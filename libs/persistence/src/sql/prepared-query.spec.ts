import { preparedStatementName } from './prepared-query';

describe('preparedStatementName', () => {
  const sql = 'SELECT $1::int AS n';

  it('gives the same text the same name and different texts different names', () => {
    expect(preparedStatementName(sql)).toBe(preparedStatementName(['SELECT $1', '::int AS n'].join('')));
    expect(preparedStatementName(sql)).not.toBe(preparedStatementName(`${sql} `));
  });

  it('is a short identifier Postgres accepts unquoted', () => {
    expect(preparedStatementName(sql)).toMatch(/^sl_[0-9a-f]{24}$/);
  });
});
