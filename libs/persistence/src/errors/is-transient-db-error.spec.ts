import { QueryFailedError } from 'typeorm';
import { isLockTableFull, isTransientDatabaseError } from './is-transient-db-error';

function withCode(code: string, message = 'boom'): Error {
  return Object.assign(new Error(message), { code });
}

describe('isTransientDatabaseError', () => {
  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE'])(
    'treats socket error %s as transient',
    (code) => {
      expect(isTransientDatabaseError(withCode(code))).toBe(true);
    },
  );

  it.each([
    ['08006', 'connection_failure'],
    ['08001', 'sqlclient_unable_to_establish_sqlconnection'],
    ['53300', 'too_many_connections'],
    ['53100', 'disk_full'],
    ['57P01', 'admin_shutdown'],
    ['57P02', 'crash_shutdown'],
    ['57P03', 'cannot_connect_now'],
    ['40001', 'serialization_failure'],
    ['40P01', 'deadlock_detected'],
    ['55P03', 'lock_not_available'],
    ['57014', 'query_canceled (statement timeout)'],
  ])('treats SQLSTATE %s (%s) as transient', (code) => {
    expect(isTransientDatabaseError(withCode(code))).toBe(true);
  });

  it.each([
    ['23505', 'unique_violation'],
    ['23502', 'not_null_violation'],
    ['42P01', 'undefined_table'],
    ['42601', 'syntax_error'],
    ['22P02', 'invalid_text_representation'],
  ])('treats SQLSTATE %s (%s) as permanent', (code) => {
    expect(isTransientDatabaseError(withCode(code))).toBe(false);
  });

  it('recognises node-postgres connection loss messages without a code', () => {
    expect(isTransientDatabaseError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isTransientDatabaseError(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isTransientDatabaseError(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it("looks inside TypeORM's QueryFailedError", () => {
    expect(isTransientDatabaseError(new QueryFailedError('select 1', [], withCode('40P01')))).toBe(true);
    expect(isTransientDatabaseError(new QueryFailedError('select 1', [], withCode('23505')))).toBe(false);
  });

  it('looks through causes and aggregate errors', () => {
    expect(isTransientDatabaseError(new Error('wrapped', { cause: withCode('ECONNRESET') }))).toBe(true);
    expect(isTransientDatabaseError(new AggregateError([withCode('ECONNREFUSED')], 'connect failed'))).toBe(
      true,
    );
  });

  it("treats TypeORM's released query runner (its connection was lost) as transient", () => {
    const error = new Error(
      'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
    );
    error.name = 'QueryRunnerAlreadyReleasedError';
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it('is false for non-errors, plain errors and cycles', () => {
    expect(isTransientDatabaseError(undefined)).toBe(false);
    expect(isTransientDatabaseError('ECONNREFUSED')).toBe(false);
    expect(isTransientDatabaseError(new Error('nope'))).toBe(false);
    const cyclic: { cause?: unknown } = {};
    cyclic.cause = cyclic;
    expect(isTransientDatabaseError(cyclic)).toBe(false);
  });
});

describe('isLockTableFull', () => {
  it('recognises out of shared memory (53200), also inside TypeORM and cause chains', () => {
    const pgError = Object.assign(new Error('out of shared memory'), { code: '53200' });
    expect(isLockTableFull(pgError)).toBe(true);
    expect(isLockTableFull({ driverError: pgError })).toBe(true);
    expect(isLockTableFull(new Error('wrapped', { cause: pgError }))).toBe(true);
    expect(isTransientDatabaseError(pgError)).toBe(true);
  });

  it('is false for other errors, transient or not', () => {
    expect(isLockTableFull(Object.assign(new Error('too many connections'), { code: '53300' }))).toBe(false);
    expect(isLockTableFull(Object.assign(new Error('deadlock'), { code: '40P01' }))).toBe(false);
    expect(isLockTableFull(new Error('no code'))).toBe(false);
    expect(isLockTableFull(null)).toBe(false);
  });
});
