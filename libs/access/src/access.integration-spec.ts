import { Controller, Get, INestApplication, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { PersistenceModule } from '@supportlens/persistence';
import { BaseServiceConfig, configureHttpApp, PlatformModule, RequiresScope } from '@supportlens/platform';
import { createApiKey, waitFor } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessModule } from './access.module';
import { ApiKeysRepository } from './api-keys/api-keys.repository';
import { accessMigrations } from './migrations';

@RequiresScope('insights:read')
@Controller('v1/things')
class ThingsController {
  @Get()
  list(): { things: string[] } {
    return { things: ['a'] };
  }

  @RequiresScope('config:admin')
  @Post()
  change(): { changed: boolean } {
    return { changed: true };
  }
}

/** A route whose author forgot the scope. */
@Controller('v1/forgotten')
class ForgottenController {
  @Get()
  open(): { open: boolean } {
    return { open: true };
  }
}

const RATE_LIMIT = 6;

/** Two instances of one app on the real database: what they share is what a deployment shares. */
async function startInstance(): Promise<{ app: INestApplication; url: string }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      PlatformModule.forRoot({
        serviceName: 'access-test',
        config: BaseServiceConfig,
        configValues: {
          DATABASE_URL: process.env.DATABASE_URL!,
          LOG_LEVEL: 'error',
          API_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
          API_KEY_CACHE_TTL_MS: '60000',
        },
      }),
      PersistenceModule.forRoot({ schema: 'access', entities: [], migrations: accessMigrations }),
      AccessModule.forRoot(),
    ],
    controllers: [ThingsController, ForgottenController],
  }).compile();
  const app = moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true });
  configureHttpApp(app, { shutdownHooks: false });
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}

describe('API-key access (real Postgres, two instances)', () => {
  let a: { app: INestApplication; url: string };
  let b: { app: INestApplication; url: string };
  let dataSource: DataSource;
  const databaseUrl = process.env.DATABASE_URL!;

  beforeAll(async () => {
    a = await startInstance();
    b = await startInstance();
    dataSource = await new DataSource({ type: 'postgres', url: databaseUrl }).initialize();
  });

  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
    await dataSource?.destroy();
  });

  const get = (url: string, headers: Record<string, string> = {}) => fetch(`${url}/v1/things`, { headers });
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

  it('answers 401 problem+json without a key, with a malformed header and with an unknown key', async () => {
    for (const headers of [
      {},
      { authorization: 'Basic dXNlcjpwYXNz' },
      bearer(`slk_${'x'.repeat(43)}`),
      bearer('short'),
    ]) {
      const response = await get(a.url, headers);
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="supportlens"');
      const problem = await response.json();
      expect(problem).toMatchObject({ status: 401, title: 'Unauthorized', instance: '/v1/things' });
    }
    const missing = (await (await get(a.url)).json()) as { detail: string };
    expect(missing.detail).toMatch(/needs an API key/);
  });

  it('lets a key with the scope in (Bearer or X-API-Key) and answers 403 naming the missing scope', async () => {
    const { key } = await createApiKey(databaseUrl, `reader ${randomUUID()}`, ['insights:read']);
    expect((await get(a.url, bearer(key))).status).toBe(200);
    expect((await get(b.url, { 'x-api-key': key })).status).toBe(200);

    const change = await fetch(`${a.url}/v1/things`, { method: 'POST', headers: bearer(key) });
    expect(change.status).toBe(403);
    expect(await change.json()).toMatchObject({ status: 403, requiredScope: 'config:admin' });
  });

  it('refuses a route that names no scope to every key (fail closed)', async () => {
    const { key } = await createApiKey(databaseUrl, `all ${randomUUID()}`);
    const response = await fetch(`${a.url}/v1/forgotten`, { headers: bearer(key) });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/declares no scope/);
  });

  it('stores only the hash of a key and shows it in listings by its prefix', async () => {
    const { id, key } = await createApiKey(databaseUrl, `stored ${randomUUID()}`, ['metrics:read']);
    const rows: Array<Record<string, unknown>> = await dataSource.query(
      `SELECT * FROM access.api_keys WHERE id = $1`,
      [id],
    );
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    const listed = (await new ApiKeysRepository(dataSource).list()).find((apiKey) => apiKey.id === id);
    expect(key.startsWith(listed!.displayPrefix)).toBe(true);
  });

  it('refuses a revoked key on every instance at once, although they had it cached', async () => {
    const { id, key } = await createApiKey(databaseUrl, `revoked ${randomUUID()}`, ['insights:read']);
    // Both instances verify and cache the key (the cache TTL is a minute here).
    expect((await get(a.url, bearer(key))).status).toBe(200);
    expect((await get(b.url, bearer(key))).status).toBe(200);

    expect(await new ApiKeysRepository(dataSource).revoke(id)).toBe(true);
    for (const instance of [a, b]) {
      await waitFor(
        'the revocation to reach the instance',
        async () => ((await get(instance.url, bearer(key))).status === 401 ? true : undefined),
        { timeoutMs: 5_000, intervalMs: 50 },
      );
    }
  });

  it("counts a key's requests across instances and answers 429 with Retry-After past the limit", async () => {
    const { key } = await createApiKey(databaseUrl, `busy ${randomUUID()}`, ['insights:read']);
    const other = await createApiKey(databaseUrl, `quiet ${randomUUID()}`, ['insights:read']);
    const statuses: number[] = [];
    for (let i = 0; i < RATE_LIMIT; i++)
      statuses.push((await get(i % 2 === 0 ? a.url : b.url, bearer(key))).status);
    expect(statuses).toEqual(Array(RATE_LIMIT).fill(200));

    for (const instance of [a, b]) {
      const over = await get(instance.url, bearer(key));
      expect(over.status).toBe(429);
      expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const retryAfter = Number(over.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await over.json()).toMatchObject({ status: 429, limitPerMinute: RATE_LIMIT });
    }
    // Another key has its own budget.
    expect((await get(a.url, bearer(other.key))).status).toBe(200);
  });

  it('gates the API description, which Express serves itself, behind a live key', async () => {
    const { key } = await createApiKey(databaseUrl, `docs ${randomUUID()}`, ['metrics:read']);
    const anonymous = await fetch(`${a.url}/docs/openapi.json`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const withKey = await fetch(`${a.url}/docs/openapi.json`, { headers: bearer(key) });
    expect(withKey.status).toBe(200);
    const document = (await withKey.json()) as { components?: { securitySchemes?: Record<string, unknown> } };
    expect(document.components?.securitySchemes?.bearer).toBeDefined();
  });
});
