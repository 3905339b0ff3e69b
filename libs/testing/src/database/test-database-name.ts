import { randomBytes } from 'node:crypto';

export const TEST_DATABASE_PREFIX = 'supportlens_test_';

const TEST_DATABASE_NAME = /^supportlens_test_(\d+)_[a-z0-9]+$/;

/** `supportlens_test_<epoch ms>_<random>`: the timestamp lets a later run spot leftovers of a killed one. */
export function newTestDatabaseName(now: Date = new Date()): string {
  return `${TEST_DATABASE_PREFIX}${now.getTime()}_${randomBytes(4).toString('hex')}`;
}

/** When a test database was created, or undefined for any name this helper did not generate. */
export function testDatabaseCreatedAt(name: string): Date | undefined {
  const match = TEST_DATABASE_NAME.exec(name);
  return match ? new Date(Number(match[1])) : undefined;
}

export function isStaleTestDatabase(name: string, olderThanHours: number, now: Date = new Date()): boolean {
  const createdAt = testDatabaseCreatedAt(name);
  return createdAt !== undefined && now.getTime() - createdAt.getTime() > olderThanHours * 3_600_000;
}
