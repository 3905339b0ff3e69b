import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aClassifiedCaseMessage,
  aSurveyResponse,
  cloudEventMessage,
  CloudEventMessage,
  RawProducer,
  startService,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { DEFAULT_CHURN_RISK_SETTINGS } from '../churn-risk/domain/churn-risk-settings';
import { DEFAULT_INSIGHT_SETTINGS } from './domain/insight-settings';

type Json = Record<string, any>;

/**
 * Versioned insight settings on the real database and broker, with two instances of the service
 * sharing one database as two replicas would. Instance A listens for Postgres notifications and
 * otherwise refreshes every 10 minutes; instance B does not listen and refreshes every 300 ms, so
 * each pickup path is seen on its own. Every version this suite stores is deleted at the end (itself
 * a rollback both instances must see), so the suites after it run with the defaults.
 */
describe('insight settings versions (two instances, real Postgres and Kafka)', () => {
  const FAST_REFRESH_MS = 300;
  /**
   * The target is a switch within a second; measured 10–250 ms on a quiet machine. Both instances and
   * their consumers share this test process, so on a loaded machine every request waits for the
   * event loop: the bound leaves room for that and still proves the path (A's timer is 10 minutes).
   */
  const SWITCH_BOUND_MS = 2_500;
  const apps: INestApplication[] = [];
  let a: string; // LISTEN on, refresh every 10 minutes
  let b: string; // LISTEN off, refresh every 300 ms
  let dataSource: DataSource;
  let producer: RawProducer;
  /** The newest stored version before this suite (0: none): what the suite restores. */
  let versionBefore: number;

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

  const newestStored = async (): Promise<number> =>
    (await dataSource.query(`SELECT coalesce(max(version), 0) AS version FROM insights.settings_versions`))[0]
      .version;

  /** Deletes what this suite stored; the trigger notifies the listening instances. */
  const deleteOurVersions = () =>
    dataSource.query(`DELETE FROM insights.settings_versions WHERE version > $1`, [versionBefore]);

  beforeAll(async () => {
    a = await startInstance({ INSIGHT_SETTINGS_LISTEN: 'true', INSIGHT_SETTINGS_REFRESH_MS: '600000' });
    b = await startInstance({
      INSIGHT_SETTINGS_LISTEN: 'false',
      INSIGHT_SETTINGS_REFRESH_MS: String(FAST_REFRESH_MS),
    });
    dataSource = apps[0].get(DataSource);
    versionBefore = await newestStored();
    producer = await RawProducer.connect(process.env.KAFKA_BROKERS!);
  });

  afterAll(async () => {
    // Also when a test failed half-way: later suites rely on the defaults.
    if (dataSource?.isInitialized && versionBefore !== undefined) await deleteOurVersions();
    await producer?.disconnect();
    for (const app of apps.reverse()) await app.close();
  });

  const getJson = async (base: string, path: string): Promise<Json> =>
    (await (await fetch(`${base}${path}`, withApiKey())).json()) as Json;
  const post = (base: string, body: unknown) =>
    fetch(
      `${base}/v1/settings/versions`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  async function create(base: string, body: Json): Promise<Json> {
    const response = await post(base, body);
    const created = (await response.json()) as Json;
    expect({ status: response.status, body: created }).toMatchObject({ status: 201 });
    expect(response.headers.get('location')).toBe(`/v1/settings/versions/${created.version}`);
    return created;
  }

  const versionIn = async (base: string): Promise<number> => (await getJson(base, '/v1/settings')).version;

  /** Waits for an instance to use a version and returns how long that took. */
  async function switchTime(base: string, version: number, timeoutMs: number): Promise<number> {
    const started = Date.now();
    await waitFor(
      `${base} to use settings version ${version}`,
      async () => ((await versionIn(base)) === version ? true : undefined),
      { timeoutMs, intervalMs: 25 },
    );
    return Date.now() - started;
  }

  let raised: Json; // the version with the churn raise threshold at 95

  it('a posted partial document is merged over the current settings, stored, and in force at once on that instance', async () => {
    const created = await create(a, {
      note: 'settings integration test: raise churn risk later',
      churnRisk: { raiseThreshold: 95, weights: { perReopen: 7 } },
    });
    expect(created).toEqual({
      version: expect.any(Number),
      settings: {
        ...DEFAULT_INSIGHT_SETTINGS,
        churnRisk: {
          ...DEFAULT_CHURN_RISK_SETTINGS,
          raiseThreshold: 95,
          weights: { ...DEFAULT_CHURN_RISK_SETTINGS.weights, perReopen: 7 },
        },
      },
      note: 'settings integration test: raise churn risk later',
      createdBy: null,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(created.version).toBeGreaterThan(versionBefore);
    expect(await getJson(a, '/v1/settings')).toEqual(created);
    raised = created;
  });

  it('the other instance (no LISTEN, 300 ms timer) switches to it without a restart (target: within a second)', async () => {
    expect(await switchTime(b, raised.version, 5_000)).toBeLessThan(SWITCH_BOUND_MS);
    expect((await getJson(b, '/v1/settings')).settings.churnRisk.raiseThreshold).toBe(95);
  });

  it('a version posted on B reaches A through NOTIFY (target: within a second; its timer would take 10 minutes)', async () => {
    const created = await create(b, { churnRisk: { clearThreshold: 30 } });
    // Merged over the newest version, not over the defaults: the raise threshold stays at 95.
    expect(created.settings.churnRisk).toMatchObject({ raiseThreshold: 95, clearThreshold: 30 });
    expect(created.settings.churnRisk.weights.perReopen).toBe(7);
    expect(created.note).toBeNull();
    expect(await switchTime(a, created.version, 5_000)).toBeLessThan(SWITCH_BOUND_MS);
    raised = created;
  });

  // The churn-risk integration test's customer: a promoter turned detractor after three reopened,
  // escalated, angry cases scores 93 (see there), raised at the default threshold of 60.
  function troubledCustomer(): {
    id: string;
    messages: { cases: CloudEventMessage[]; surveys: CloudEventMessage[] };
  } {
    const id = `cust-settings-${randomUUID().slice(0, 8)}`;
    const customer = { id, segment: { industry: `settings-${id}` } };
    const classifiedCase = (opened: string): CloudEventMessage =>
      aClassifiedCaseMessage(
        {
          customer,
          openedAt: opened,
          status: 'open',
          reopenCount: 1,
          escalated: true,
          firstResponseAt: undefined,
          resolvedAt: undefined,
        },
        { tone: 'negative' },
      );
    const scoredSurvey = (respondedAt: string, csat: number, nps: number): CloudEventMessage => {
      const response = aSurveyResponse({ customer, respondedAt, csat, nps, ces: undefined });
      const scores = {
        csat,
        csatSatisfied: csat >= 4,
        nps,
        npsCategory: nps >= 9 ? 'promoter' : 'detractor',
      };
      return cloudEventMessage(
        EventContracts.ScoredSurvey,
        { response, scores, scoringConfigVersion: 1 },
        { subject: id, time: respondedAt },
      );
    };
    return {
      id,
      messages: {
        cases: ['2032-04-10', '2032-04-15', '2032-04-20'].map((day) =>
          classifiedCase(`${day}T09:00:00.000Z`),
        ),
        surveys: [
          scoredSurvey('2032-04-01T10:00:00.000Z', 5, 9),
          scoredSurvey('2032-04-25T10:00:00.000Z', 2, 3),
        ],
      },
    };
  }

  const sendAll = async ({ messages }: ReturnType<typeof troubledCustomer>) => {
    const strip = (list: CloudEventMessage[]) =>
      list.map(({ key, value, headers }) => ({ key, value, headers }));
    await producer.send(Topics.SurveysScored, strip(messages.surveys));
    await producer.send(Topics.CasesClassified, strip(messages.cases));
  };

  /** Waits until every fact is applied; the churn step runs in the same transaction as the profile. */
  const factsApplied = (base: string, customerId: string) =>
    waitFor(`every fact of ${customerId} applied`, async () => {
      const response = await fetch(`${base}/v1/customers/${customerId}`, withApiKey());
      if (response.status !== 200) return undefined;
      const profile = (await response.json()) as Json;
      return profile.cases.total === 3 && profile.surveys.total === 2 ? true : undefined;
    });

  /** The open churn-risk insights of the customer's own (unique) industry. */
  const churnRiskOf = async (base: string, customerId: string): Promise<Json[]> =>
    (await getJson(base, `/v1/insights/churn-risk?segment.industry=settings-${customerId}`)).items;

  it('the running detectors decide with the new version: a score of 93 raises nothing at a threshold of 95', async () => {
    const customer = troubledCustomer();
    await sendAll(customer);
    await factsApplied(a, customer.id);
    expect(await churnRiskOf(a, customer.id)).toEqual([]);
  });

  it('refuses a bad document with 400 problem+json naming every bad field, storing nothing', async () => {
    const before = (await getJson(a, '/v1/settings/versions')).versions.length;
    const response = await post(a, {
      note: 42,
      churnRisk: {
        raiseThreshold: 'high',
        clearThreshold: 99,
        windows: { recentDays: 7.5 },
        weights: { perReopen: -1, perTypo: 3 },
      },
      contentTopic: {},
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as {
      status: number;
      errors: Array<{ field: string; message: string }>;
    };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field).sort()).toEqual(
      [
        'note',
        'churnRisk.raiseThreshold',
        'churnRisk.clearThreshold',
        'churnRisk.windows.recentDays',
        'churnRisk.weights.perReopen',
        'churnRisk.weights.perTypo',
        'contentTopic',
      ].sort(),
    );
    expect(problem.errors).toContainEqual({
      field: 'churnRisk.raiseThreshold',
      message: 'churnRisk.raiseThreshold must be a number',
    });
    expect(problem.errors).toContainEqual({
      field: 'contentTopic',
      message: expect.stringContaining('contentTopic is not a setting (expected churnRisk, contentTopics'),
    });

    // A rule across two fields, alone: the clear threshold must stay below the raise threshold (95).
    const crossing = await post(a, { churnRisk: { clearThreshold: 95 } });
    expect(crossing.status).toBe(400);
    expect(((await crossing.json()) as Json).errors).toEqual([
      {
        field: 'churnRisk.clearThreshold',
        message: 'churnRisk.clearThreshold must be ≥ 0 and below raiseThreshold',
      },
    ]);

    const notAnObject = await post(a, [{ churnRisk: {} }]);
    expect(notAnObject.status).toBe(400);
    expect(((await notAnObject.json()) as Json).errors).toEqual([
      { field: 'body', message: 'body must be an object' },
    ]);
    // A bare JSON string or null does not get past the (strict) body parser.
    for (const body of ['raise', null]) {
      const response = await post(a, body);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }

    expect((await getJson(a, '/v1/settings/versions')).versions).toHaveLength(before);
    expect(await versionIn(a)).toBe(raised.version);
  });

  it('lists the versions newest first with the code defaults last, fetches one, 404 for none, 400 for no number', async () => {
    const { versions } = (await getJson(b, '/v1/settings/versions')) as { versions: Json[] };
    const numbers = versions.map((v) => v.version);
    expect(numbers[0]).toBe(raised.version);
    expect(numbers).toEqual([...numbers].sort((x, y) => y - x));
    expect(versions.at(-1)).toEqual({
      version: 0,
      settings: DEFAULT_INSIGHT_SETTINGS,
      note: 'the code defaults',
      createdBy: null,
      createdAt: null,
    });
    const ours = versions.filter((v) => v.version > versionBefore);
    expect(ours.map((v) => v.settings.churnRisk.clearThreshold)).toEqual([30, 40]);

    expect(await getJson(b, `/v1/settings/versions/${raised.version}`)).toEqual(raised);
    expect((await getJson(b, '/v1/settings/versions/0')).settings).toEqual(DEFAULT_INSIGHT_SETTINGS);

    for (const missing of ['99999999', '99999999999']) {
      const response = await fetch(`${b}/v1/settings/versions/${missing}`, withApiKey());
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    const notANumber = await fetch(`${b}/v1/settings/versions/latest`, withApiKey());
    expect(notANumber.status).toBe(400);
    expect(((await notANumber.json()) as Json).errors[0].field).toBe('version');
  });

  it('the OpenAPI document describes every setting with its default, from the same defaults the validation uses', async () => {
    const openapi = await getJson(a, '/docs/openapi.json');
    const operation = openapi.paths['/v1/settings/versions'].post;
    expect(operation.tags).toEqual(['settings']);
    const body = operation.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(Object.keys(body.properties).sort()).toEqual(
      [...Object.keys(DEFAULT_INSIGHT_SETTINGS), 'note'].sort(),
    );
    expect(body.properties.churnRisk.properties.raiseThreshold).toEqual({ type: 'number', default: 60 });
    expect(body.properties.churnRisk.properties.weights.properties.perReopen).toEqual({
      type: 'number',
      default: 5,
    });
    expect(openapi.paths['/v1/settings'].get.responses['200']).toBeDefined();
  });

  it('patches posted at the same time on both instances all apply: each is merged over the one before', async () => {
    const patches = [
      { churnRisk: { minChange: 11 } },
      { churnRisk: { topReasons: 4 } },
      { churnRisk: { weights: { perEscalation: 8 } } },
      { churnRisk: { norms: { resolutionHours: 12 } } },
    ];
    const responses = await Promise.all(patches.map((patch, i) => post(i % 2 === 0 ? a : b, patch)));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    const numbers = (
      await Promise.all(responses.map(async (r) => ((await r.json()) as Json).version as number))
    ).sort((x, y) => x - y);
    const newest = (await getJson(a, `/v1/settings/versions/${numbers[3]}`)).settings.churnRisk;
    expect(newest).toMatchObject({
      raiseThreshold: 95,
      clearThreshold: 30,
      minChange: 11,
      topReasons: 4,
      weights: { perEscalation: 8, perReopen: 7 },
      norms: { resolutionHours: 12 },
    });
    await Promise.all([switchTime(a, numbers[3], 5_000), switchTime(b, numbers[3], 5_000)]);
  });

  it('a stored version the running code cannot use is refused: every instance keeps the settings it has', async () => {
    const inForce = await versionIn(a);
    // Stored by hand (the API would refuse it), e.g. by an older release with other rules.
    const [{ version: bad }] = (await dataSource.query(
      `INSERT INTO insights.settings_versions (document, note) VALUES ($1::jsonb, 'bad by hand') RETURNING version`,
      [JSON.stringify({ churnRisk: { raiseThreshold: 'high', retiredSetting: 1 } })],
    )) as Array<{ version: number }>;
    expect((await getJson(a, `/v1/settings/versions/${bad}`)).problems).toEqual([
      'churnRisk.raiseThreshold must be a number',
    ]);
    // A was notified and B has refreshed several times by now.
    await new Promise((resolve) => setTimeout(resolve, 4 * FAST_REFRESH_MS));
    expect([await versionIn(a), await versionIn(b)]).toEqual([inForce, inForce]);
  });

  it('deleting the versions by hand is a rollback both instances see; the defaults then raise the same history at 93', async () => {
    await deleteOurVersions();
    expect(await newestStored()).toBe(versionBefore);
    // A through the delete's notification, B through its timer.
    await Promise.all([switchTime(a, versionBefore, 5_000), switchTime(b, versionBefore, 5_000)]);
    if (versionBefore === 0)
      expect((await getJson(a, '/v1/settings')).settings).toEqual(DEFAULT_INSIGHT_SETTINGS);

    const customer = troubledCustomer();
    await sendAll(customer);
    await factsApplied(b, customer.id);
    expect(await churnRiskOf(b, customer.id)).toEqual([
      expect.objectContaining({ customerId: customer.id, score: 93 }),
    ]);
  });

  it('a new version after the rollback gets a number never given before', async () => {
    const created = await create(a, { churnRisk: { minChange: 12 } });
    expect(created.version).toBeGreaterThan(raised.version);
    await deleteOurVersions();
    await switchTime(a, versionBefore, 5_000);
  });
});
