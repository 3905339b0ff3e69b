import { isStaleTestDatabase, newTestDatabaseName, testDatabaseCreatedAt } from './test-database-name';

describe('test database names', () => {
  const createdAt = new Date('2026-03-01T10:00:00.000Z');

  it('embeds the creation time and a random suffix, within Postgres identifier rules', () => {
    const name = newTestDatabaseName(createdAt);
    expect(name).toMatch(/^supportlens_test_\d+_[0-9a-f]{8}$/);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(testDatabaseCreatedAt(name)).toEqual(createdAt);
    expect(newTestDatabaseName(createdAt)).not.toBe(name);
  });

  it('is stale only once older than the threshold', () => {
    const name = newTestDatabaseName(createdAt);
    expect(isStaleTestDatabase(name, 6, new Date('2026-03-01T15:59:00.000Z'))).toBe(false);
    expect(isStaleTestDatabase(name, 6, new Date('2026-03-01T16:01:00.000Z'))).toBe(true);
  });

  it('never considers databases it did not name', () => {
    const longAgo = new Date('2100-01-01T00:00:00.000Z');
    expect(isStaleTestDatabase('supportlens', 0, longAgo)).toBe(false);
    expect(isStaleTestDatabase('supportlens_test_manual', 0, longAgo)).toBe(false);
    expect(isStaleTestDatabase('supportlens_test_1_ABC', 0, longAgo)).toBe(false);
    expect(testDatabaseCreatedAt('other_test_1_abc')).toBeUndefined();
  });
});
