import { databaseNameOf, redactPassword, withDatabaseName } from './database-url';

describe('database URLs', () => {
  it('reads the database name', () => {
    expect(databaseNameOf('postgres://postgres@127.0.0.1:5432/supportlens')).toBe('supportlens');
    expect(databaseNameOf('postgresql://u:p@db/support%20lens?sslmode=require')).toBe('support lens');
  });

  it('rejects URLs without a database or with another protocol', () => {
    expect(() => databaseNameOf('postgres://postgres@127.0.0.1:5432')).toThrow(/no database name/);
    expect(() => databaseNameOf('mysql://root@localhost/db')).toThrow(/protocol/);
    expect(() => databaseNameOf('not a url')).toThrow(/Invalid database URL/);
  });

  it('swaps the database and keeps everything else', () => {
    expect(withDatabaseName('postgres://u:secret@db:6543/supportlens?sslmode=require', 'postgres')).toBe(
      'postgres://u:secret@db:6543/postgres?sslmode=require',
    );
  });

  it('redacts passwords', () => {
    expect(redactPassword('postgres://u:secret@db/x')).toBe('postgres://u:***@db/x');
    expect(redactPassword('postgres://u@db/x')).toBe('postgres://u@db/x');
  });
});
