import { ApiKeysRepository } from '@supportlens/access';
import { ALL_API_KEY_SCOPES, ApiKeyScope } from '@supportlens/platform';
import { DataSource } from 'typeorm';

/** Where the global test setup leaves the key it created: every scope, for suites that test features. */
const TEST_API_KEY_VARIABLE = 'SUPPORTLENS_TEST_API_KEY';

/** Creates a key in the given database (scopes default to all) and returns the key itself. */
export async function createApiKey(
  databaseUrl: string,
  name: string,
  scopes: readonly ApiKeyScope[] = ALL_API_KEY_SCOPES,
): Promise<{ id: string; key: string }> {
  const dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  try {
    const { apiKey, key } = await new ApiKeysRepository(dataSource).create(name, scopes);
    return { id: apiKey.id, key };
  } finally {
    await dataSource.destroy();
  }
}

/** Called once by the global test setup. */
export async function provisionTestApiKey(databaseUrl: string): Promise<void> {
  process.env[TEST_API_KEY_VARIABLE] = (await createApiKey(databaseUrl, 'test suites')).key;
}

/** The all-scopes key of this test run. */
export function testApiKey(): string {
  const key = process.env[TEST_API_KEY_VARIABLE];
  if (!key) throw new Error(`${TEST_API_KEY_VARIABLE} is not set: the global test setup creates it`);
  return key;
}

/** Request options with this run's key added: `fetch(url, withApiKey({ method: 'POST', ... }))`. */
export function withApiKey(init: RequestInit = {}, key: string = testApiKey()): RequestInit {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return { ...init, headers };
}
