import { createServiceDataSource, createServiceDataSourceOptions } from './create-data-source';

describe('createServiceDataSourceOptions', () => {
  const settings = {
    url: 'postgres://postgres@127.0.0.1:5432/supportlens',
    schema: 'insights',
    applicationName: 'insights',
  };

  it('never synchronises nor migrates on start, and keeps migrations per schema', () => {
    const options = createServiceDataSourceOptions(settings);
    expect(options).toMatchObject({
      type: 'postgres',
      url: settings.url,
      schema: 'insights',
      synchronize: false,
      migrationsRun: false,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      poolSize: 10,
      applicationName: 'insights',
      extra: { statement_timeout: 30_000, lock_timeout: 10_000 },
    });
  });

  it('lets the caller change the timeouts (migrations may run longer)', () => {
    expect(
      createServiceDataSourceOptions({ ...settings, statementTimeoutMs: 0, lockTimeoutMs: 0 }).extra,
    ).toMatchObject({
      statement_timeout: 0,
      lock_timeout: 0,
    });
  });

  it('rejects a schema name that is not a plain identifier', () => {
    expect(() => createServiceDataSourceOptions({ ...settings, schema: 'Insights; drop' })).toThrow(
      /schema name/,
    );
  });

  it('builds an uninitialised DataSource', () => {
    const dataSource = createServiceDataSource(settings);
    expect(dataSource.isInitialized).toBe(false);
    expect(dataSource.options).toMatchObject({ schema: 'insights', synchronize: false });
  });
});
