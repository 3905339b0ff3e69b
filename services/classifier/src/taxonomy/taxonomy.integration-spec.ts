import { INestApplication } from '@nestjs/common';
import { startService, waitFor, withApiKey } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';
import { DEFAULT_TAXONOMY_DOCUMENT } from './domain/default-taxonomy';
import { TaxonomyDocument } from './domain/taxonomy';

/**
 * The taxonomy API and its pickup on the real database: two instances of the service sharing one
 * database, as two replicas would. Instance A listens for Postgres notifications and otherwise
 * refreshes rarely; instance B does not listen and refreshes often, so each pickup path is seen on
 * its own. The suite ends by storing the default taxonomy again, so that suites after it (the
 * pipeline end to end) classify with the codes they expect.
 */
describe('taxonomy versions (two instances, real Postgres)', () => {
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
    a = await startInstance({ TAXONOMY_LISTEN: 'true', TAXONOMY_REFRESH_MS: '600000' });
    b = await startInstance({ TAXONOMY_LISTEN: 'false', TAXONOMY_REFRESH_MS: String(FAST_REFRESH_MS) });
  });

  afterAll(async () => {
    if (a)
      await create(a, { ...DEFAULT_TAXONOMY_DOCUMENT, note: 'the default again, after the taxonomy tests' });
    for (const app of apps.reverse()) await app.close();
  });

  const get = (base: string, path: string) => fetch(`${base}${path}`, withApiKey());
  const postJson = (base: string, path: string, body: unknown) =>
    fetch(
      `${base}${path}`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  const postCsv = (base: string, path: string, body: string) =>
    fetch(`${base}${path}`, withApiKey({ method: 'POST', headers: { 'content-type': 'text/csv' }, body }));

  /** The default taxonomy plus a code of our own, with a pattern and keywords nobody else has. */
  function aTaxonomy(marker = randomUUID().slice(0, 8)): TaxonomyDocument & { note: string } {
    return {
      ...structuredClone(DEFAULT_TAXONOMY_DOCUMENT),
      codes: [
        ...structuredClone(DEFAULT_TAXONOMY_DOCUMENT.codes),
        {
          code: 'billing.dunning',
          parent: 'billing',
          name: 'Payment reminders',
          description: 'Dunning letters and overdue notices',
          kind: 'billing',
          productArea: 'billing',
          keywords: ['dunning', 'overdue notice'],
          patterns: ['\\bdunning letter\\b'],
        },
      ],
      note: `integration test ${marker}`,
    };
  }

  async function create(base: string, body: unknown): Promise<{ version: number } & Record<string, any>> {
    const response = await postJson(base, '/v1/taxonomy/versions', body);
    expect(response.status).toBe(201);
    const created = (await response.json()) as { version: number } & Record<string, any>;
    expect(response.headers.get('location')).toBe(`/v1/taxonomy/versions/${created.version}`);
    return created;
  }

  async function classify(base: string, subject: string, description: string): Promise<Record<string, any>> {
    const response = await postJson(base, '/v1/classify', { subject, description });
    expect(response.status).toBe(200);
    // The dry run answers { classification, explanation }.
    return ((await response.json()) as { classification: Record<string, any> }).classification;
  }

  const currentVersion = async (base: string): Promise<number> =>
    ((await (await get(base, '/v1/taxonomy')).json()) as { version: number }).version;

  const classifiesWith = (base: string, version: number, timeoutMs: number) =>
    waitFor(
      `${base} to classify with taxonomy version ${version}`,
      async () =>
        (await classify(base, 'hello', 'hello')).taxonomyVersion === String(version) ? version : undefined,
      { timeoutMs, intervalMs: 50 },
    );

  it('serves the seeded default as version 1, and the current version with its document', async () => {
    const first = (await (await get(a, '/v1/taxonomy/versions/1')).json()) as Record<string, any>;
    expect(first).toMatchObject({
      version: 1,
      note: 'The default taxonomy SupportLens ships with',
      createdBy: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect({ categories: first.categories, codes: first.codes }).toEqual(DEFAULT_TAXONOMY_DOCUMENT);

    const current = (await (await get(b, '/v1/taxonomy')).json()) as Record<string, any>;
    expect(current.version).toBeGreaterThanOrEqual(1);
    expect(current.codes.length).toBeGreaterThan(0);
  });

  it('a version created on one instance is used by the other, without a restart, within the refresh interval (timer)', async () => {
    const created = await create(a, aTaxonomy());
    expect(created.codes.map((c: { code: string }) => c.code)).toContain('billing.dunning');
    // The creating instance classifies with it at once: its pattern decides, its version is named.
    expect(await classify(a, 'Dunning letter received', 'Why did I get this?')).toMatchObject({
      issueCode: 'billing.dunning',
      category: 'billing',
      productArea: 'billing',
      method: 'rules',
      confidence: 1,
      taxonomyVersion: String(created.version),
    });
    expect(await currentVersion(a)).toBe(created.version);

    // B does not listen: its timer (300 ms) is what picks the version up.
    const startedWaiting = Date.now();
    await classifiesWith(b, created.version, 5_000);
    expect(Date.now() - startedWaiting).toBeLessThan(FAST_REFRESH_MS + 2_000);
    expect(await classify(b, 'Overdue notice', 'another overdue notice, dunning again')).toMatchObject({
      issueCode: 'billing.dunning',
      method: 'rules', // keywords: "dunning" and "overdue notice" only exist in this version
    });
  });

  it('a version created on one instance reaches an instance that listens long before its timer would (NOTIFY)', async () => {
    const created = await create(b, aTaxonomy());
    // A refreshes only every 10 minutes: seeing the version within seconds means the notification did it.
    await classifiesWith(a, created.version, 10_000);
    expect(await currentVersion(a)).toBe(created.version);
  });

  it('imports a CSV file as a new version, the note from the query', async () => {
    const csv = [
      'code,parent,name,description,kind,product_area,keywords,patterns',
      'billing,,Billing,Money matters,,billing,,',
      'billing.invoice,billing,Invoices,"Missing, wrong invoices",billing,,invoice|receipt,',
      'billing.refund,billing,Refunds,,billing,payments,refund|money back,\\bcharge ?back\\b|(refund|reimburse)ment',
      'order,,Orders,,,fulfilment,,',
      'order.status,order,Order status,,order_delivery,,order|tracking,',
    ].join('\r\n');
    const response = await postCsv(a, '/v1/taxonomy/versions?note=spring%20import', csv);
    expect(response.status).toBe(201);
    const created = (await response.json()) as Record<string, any>;
    expect(response.headers.get('location')).toBe(`/v1/taxonomy/versions/${created.version}`);

    const fetched = (await (await get(b, `/v1/taxonomy/versions/${created.version}`)).json()) as Record<
      string,
      any
    >;
    expect(fetched).toEqual({
      version: created.version,
      note: 'spring import',
      createdBy: null,
      createdAt: expect.any(String),
      categories: [
        { code: 'billing', name: 'Billing', description: 'Money matters', productArea: 'billing' },
        { code: 'order', name: 'Orders', description: '', productArea: 'fulfilment' },
      ],
      codes: [
        {
          code: 'billing.invoice',
          parent: 'billing',
          name: 'Invoices',
          description: 'Missing, wrong invoices',
          kind: 'billing',
          productArea: 'billing',
          keywords: ['invoice', 'receipt'],
        },
        {
          code: 'billing.refund',
          parent: 'billing',
          name: 'Refunds',
          description: '',
          kind: 'billing',
          productArea: 'payments',
          keywords: ['refund', 'money back'],
          patterns: ['\\bcharge ?back\\b', '(refund|reimburse)ment'],
        },
        {
          code: 'order.status',
          parent: 'order',
          name: 'Order status',
          description: '',
          kind: 'order_delivery',
          productArea: 'fulfilment',
          keywords: ['order', 'tracking'],
        },
      ],
    });
    expect(await classify(a, 'Chargeback', 'I filed a chargeback with my bank')).toMatchObject({
      issueCode: 'billing.refund',
      method: 'rules',
      taxonomyVersion: String(created.version),
    });
  });

  it('refuses duplicate codes and a missing parent with 400 problem+json naming each path, creating nothing', async () => {
    const before = (await (await get(a, '/v1/taxonomy/versions')).json()) as { versions: unknown[] };
    const document = aTaxonomy();
    document.codes.push({ ...document.codes[0], code: 'Billing.Invoice' });
    document.codes[1] = { ...document.codes[1], parent: 'acount' };
    const response = await postJson(a, '/v1/taxonomy/versions', { ...document, note: 42 });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      status: number;
      errors: Array<{ field: string; message: string }>;
    };
    expect(problem.status).toBe(400);
    const duplicate = document.codes.length - 1;
    expect(problem.errors).toEqual([
      {
        field: `codes[${duplicate}].code`,
        message: expect.stringContaining('"Billing.Invoice" is already the code of codes['),
      },
      {
        field: 'codes[1].parent',
        message:
          'codes[1].parent must be the code of a category in this taxonomy: there is no category "acount"',
      },
      { field: 'note', message: 'note must be a string' },
    ]);
    const after = (await (await get(a, '/v1/taxonomy/versions')).json()) as { versions: unknown[] };
    expect(after.versions).toHaveLength(before.versions.length);
  });

  it('refuses a bad CSV with 400 naming lines and columns', async () => {
    const csv = [
      'code,parent,name,kind,product_area,keywords',
      'billing,,Billing,,billing,',
      'billing.invoice,billing,Invoices,billing,,Invoice',
      'billing.invoice,billing,Again,billing,,',
      'order.status,order,Status,order_delivery,fulfilment,',
    ].join('\n');
    const response = await postCsv(a, '/v1/taxonomy/versions', csv);
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toEqual([
      'line 3.keywords[0]',
      'line 4.code',
      'line 5.parent',
    ]);
  });

  it('lists versions newest first; 404 problem+json for one that does not exist, 400 for one that is not a number', async () => {
    const created = await create(a, aTaxonomy());
    const list = (await (await get(b, '/v1/taxonomy/versions')).json()) as {
      versions: Array<Record<string, any>>;
    };
    const numbers = list.versions.map((v) => v.version);
    expect(numbers[0]).toBe(created.version);
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    expect(list.versions.at(-1)).toEqual({
      version: 1,
      note: 'The default taxonomy SupportLens ships with',
      createdBy: null,
      createdAt: expect.any(String),
      categories: 8,
      codes: 31,
    });

    for (const unknown of ['999999', '0', '99999999999']) {
      const missing = await get(a, `/v1/taxonomy/versions/${unknown}`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      expect(((await missing.json()) as { detail: string }).detail).toContain(unknown);
    }
    const notANumber = await get(a, '/v1/taxonomy/versions/latest');
    expect(notANumber.status).toBe(400);
  });

  it('answers 415 for another media type and 413 for a CSV over the body limit', async () => {
    const plain = await fetch(
      `${a}/v1/taxonomy/versions`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'code,parent',
      }),
    );
    expect(plain.status).toBe(415);
    expect(plain.headers.get('content-type')).toContain('application/problem+json');

    const huge = await postCsv(a, '/v1/taxonomy/versions', 'x'.repeat(1_100_000));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { detail: string }).detail).toContain('1mb');
  });

  it('gives versions created at the same time, on both instances, numbers of their own with none skipped', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        postJson(i % 2 === 0 ? a : b, '/v1/taxonomy/versions', aTaxonomy()),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(6).fill(201));
    const versions = (await Promise.all(responses.map((r) => r.json() as Promise<{ version: number }>)))
      .map((v) => v.version)
      .sort((x, y) => x - y);
    expect(versions).toEqual(Array.from({ length: 6 }, (_, i) => versions[0] + i));
    await classifiesWith(a, versions[5], 10_000);
    await classifiesWith(b, versions[5], 5_000);
  });
});
