import { INestApplication } from '@nestjs/common';
import { aSurveyResponse, startService, waitFor, withApiKey } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';

/**
 * The configuration API and its pickup on the real database: two instances of the service, as two
 * replicas behind a load balancer would run, sharing one database. Instance A listens for Postgres
 * notifications and otherwise refreshes rarely; instance B does not listen and refreshes often, so
 * each pickup path is seen on its own.
 */
describe('scoring configuration versions (two instances, real Postgres)', () => {
  const FAST_REFRESH_MS = 300;
  const apps: INestApplication[] = [];
  let a: string; // LISTEN on, refresh every 10 minutes
  let b: string; // LISTEN off, refresh every 300 ms

  async function startInstance(env: Record<string, string>): Promise<string> {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      const { app, url } = await startService(AppModule);
      apps.push(app);
      return url;
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  beforeAll(async () => {
    a = await startInstance({ SCORING_CONFIG_LISTEN: 'true', SCORING_CONFIG_REFRESH_MS: '600000' });
    b = await startInstance({
      SCORING_CONFIG_LISTEN: 'false',
      SCORING_CONFIG_REFRESH_MS: String(FAST_REFRESH_MS),
    });
  });

  afterAll(async () => {
    for (const app of apps.reverse()) await app.close();
  });

  const get = (base: string, path: string) => fetch(`${base}${path}`, withApiKey());
  const post = (base: string, path: string, body: unknown) =>
    fetch(
      `${base}${path}`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  function aConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      weights: { reliability: 30, responsiveness: 25, assurance: 20, empathy: 15, tangibles: 10 },
      tolerance: 0.5,
      benchmarks: { Retail: { source: 'acsi', score: 76 }, telecom: { source: 'jd_power', score: 620 } },
      note: `integration test ${randomUUID()}`,
      ...overrides,
    };
  }

  /** A response answering every SERVQUAL dimension, so the configured weights show in its scores. */
  function aServqualResponse(industry = 'retail'): Record<string, unknown> {
    const rating = { expectation: 6, perception: 5 };
    return aSurveyResponse({
      customer: { id: `cust-${randomUUID()}`, segment: { industry } },
      csat: 4,
      servqual: {
        reliability: rating,
        responsiveness: rating,
        assurance: rating,
        empathy: rating,
        tangibles: rating,
      },
    });
  }

  async function create(
    base: string,
    body: Record<string, unknown>,
  ): Promise<{ version: number } & Record<string, any>> {
    const response = await post(base, '/v1/config/versions', body);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { version: number } & Record<string, any>;
    expect(response.headers.get('location')).toBe(`/v1/config/versions/${created.version}`);
    return created;
  }

  async function versionScoredBy(base: string): Promise<number> {
    const response = await post(base, '/v1/score', aServqualResponse());
    expect(response.status).toBe(200);
    return ((await response.json()) as { scoringConfigVersion: number }).scoringConfigVersion;
  }

  const scoredWith = (base: string, version: number, timeoutMs: number) =>
    waitFor(
      `${base} to score with version ${version}`,
      async () => ((await versionScoredBy(base)) === version ? version : undefined),
      { timeoutMs, intervalMs: 50 },
    );

  it('a version created on one instance is used by the other, without a restart, within the refresh interval (timer)', async () => {
    const before = await versionScoredBy(b);
    const created = await create(a, aConfig());
    expect(created.version).toBeGreaterThan(before);
    // The creating instance scores with it at once.
    expect(await versionScoredBy(a)).toBe(created.version);
    expect(((await (await get(a, '/v1/config')).json()) as { version: number }).version).toBe(
      created.version,
    );

    // B does not listen: its timer (300 ms) is what picks the version up.
    const startedWaiting = Date.now();
    await scoredWith(b, created.version, 5_000);
    expect(Date.now() - startedWaiting).toBeLessThan(FAST_REFRESH_MS + 2_000);
  });

  it('a version created on one instance reaches an instance that listens long before its timer would (NOTIFY)', async () => {
    const created = await create(b, aConfig());
    // A refreshes only every 10 minutes: seeing the version within seconds means the notification did it.
    await scoredWith(a, created.version, 10_000);
  });

  it('scores with the configuration itself, not only its number: weights and the lower-cased industry benchmark', async () => {
    const created = await create(a, aConfig());
    const response = await post(a, '/v1/score', aServqualResponse('RETAIL'));
    expect(response.status).toBe(200);
    const scored = (await response.json()) as Record<string, any>;
    expect(scored.scoringConfigVersion).toBe(created.version);
    expect(scored.scores.servqual.weightSource).toBe('config');
    expect(
      Object.fromEntries(
        (scored.scores.servqual.dimensions as Array<{ dimension: string; weight: number }>).map((d) => [
          d.dimension,
          d.weight,
        ]),
      ),
    ).toEqual(created.weights);
    expect(created.benchmarks).toEqual({
      retail: { source: 'acsi', score: 76 },
      telecom: { source: 'jd_power', score: 620 },
    });
    expect(scored.scores.benchmark).toMatchObject({ source: 'acsi', published: 76 });
  });

  it('lists the versions newest first, fetches one, and answers 404 problem+json for one that does not exist', async () => {
    const created = await create(a, aConfig({ note: 'the one to fetch' }));

    const list = (await (await get(b, '/v1/config/versions')).json()) as {
      versions: Array<{ version: number }>;
    };
    const numbers = list.versions.map((v) => v.version);
    expect(numbers[0]).toBe(created.version);
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    expect(numbers.at(-1)).toBe(1); // the seeded default is still there

    const fetched = await get(b, `/v1/config/versions/${created.version}`);
    expect(fetched.status).toBe(200);
    expect(await fetched.json()).toEqual({
      version: created.version,
      weights: { reliability: 30, responsiveness: 25, assurance: 20, empathy: 15, tangibles: 10 },
      tolerance: 0.5,
      benchmarks: { retail: { source: 'acsi', score: 76 }, telecom: { source: 'jd_power', score: 620 } },
      note: 'the one to fetch',
      createdBy: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });

    const first = (await (await get(a, '/v1/config/versions/1')).json()) as Record<string, unknown>;
    expect(first).toMatchObject({
      version: 1,
      weights: { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 },
      tolerance: 0.25,
    });

    for (const unknown of ['999999', '0', '99999999999']) {
      const missing = await get(a, `/v1/config/versions/${unknown}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(((await missing.json()) as { detail: string }).detail).toContain(unknown);
    }
    const notANumber = await get(a, '/v1/config/versions/latest');
    expect(notANumber.status).toBe(400);
    expect(((await notANumber.json()) as { errors: Array<{ field: string }> }).errors[0].field).toBe(
      'version',
    );
  });

  it('refuses weights adding up to 99 with 400 problem+json naming `weights`, and every other bad field, creating nothing', async () => {
    const before = (await (await get(a, '/v1/config/versions')).json()) as { versions: unknown[] };
    const response = await post(
      a,
      '/v1/config/versions',
      aConfig({
        weights: { reliability: 30, responsiveness: 25, assurance: 20, empathy: 15, tangibles: 9 },
        tolerance: 3.5,
        benchmarks: { retail: { source: 'acsi', score: 760 }, '': { source: 'jd_power', score: 600 } },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      status: number;
      errors: Array<{ field: string; message: string }>;
    };
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { field: 'weights', message: expect.stringContaining('(they add up to 99)') },
        { field: 'tolerance', message: expect.any(String) },
        { field: 'benchmarks', message: expect.stringContaining('must not be empty') },
        {
          field: 'benchmarks.retail.score',
          message: expect.stringContaining('at most 100 on the ACSI scale'),
        },
      ]),
    );
    const after = (await (await get(a, '/v1/config/versions')).json()) as { versions: unknown[] };
    expect(after.versions).toHaveLength(before.versions.length);
  });

  it('gives versions created at the same time, on both instances, numbers of their own with none skipped', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) => post(i % 2 === 0 ? a : b, '/v1/config/versions', aConfig())),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const versions = (await Promise.all(responses.map((r) => r.json() as Promise<{ version: number }>)))
      .map((v) => v.version)
      .sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 6 }, (_, i) => versions[0] + i));
    // and both instances settle on the newest
    await scoredWith(a, versions[5], 10_000);
    await scoredWith(b, versions[5], 5_000);
  });

  it('dry run: 400 problem+json naming nested fields of an invalid response, same as the pipeline contract', async () => {
    const response = await post(
      a,
      '/v1/score',
      aSurveyResponse({
        csat: 9,
        servqual: { reliability: { expectation: 6 }, empathy: { expectation: 5, perception: 8 } },
      }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining(['csat', 'servqual.reliability.perception', 'servqual.empathy.perception']),
    );
  });
});
