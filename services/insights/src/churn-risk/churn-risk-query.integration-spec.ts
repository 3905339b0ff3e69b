import { INestApplication } from '@nestjs/common';
import { startService, withApiKey } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { DEFAULT_CHURN_RISK_SETTINGS } from './domain/churn-risk-settings';
import { noChurnSignals } from './domain/churn-signals';
import { ChurnReason, scoreChurnRisk } from './domain/score-churn-risk';

/**
 * The list's filters, sorts, cursors and CSV on stored insights (written straight into
 * `insights.churn_risk` and `customer_profiles`; the detector itself is tested through Kafka in
 * churn-risk.integration-spec.ts). Every request filters on this run's industry, so other suites'
 * insights in the shared database do not show.
 */
describe('GET /v1/insights/churn-risk filters, sorts and pages', () => {
  let app: INestApplication;
  let url: string;
  let database: DataSource;

  const run = randomUUID().slice(0, 8);
  const industry = `churnq-${run}`;
  const id = (name: string) => `cust-churnq-${run}-${name}`;

  // The reasons as the scorer words them, so the issue-code filter is tested on the real wording.
  const reasonsAbout = (topIssueCode: string, reopens: number, escalations: number): ChurnReason[] =>
    scoreChurnRisk({ ...noChurnSignals(), topIssueCode, reopens, escalations }, DEFAULT_CHURN_RISK_SETTINGS)
      .reasons;
  const detractor = scoreChurnRisk(
    { ...noChurnSignals(), lastNps: 2, lastNpsCategory: 'detractor' },
    DEFAULT_CHURN_RISK_SETTINGS,
  ).reasons;

  interface Insight {
    name: string;
    score: number;
    level?: 'at_risk' | 'cleared';
    reasons: ChurnReason[];
    raisedAt: string;
    updatedAt: string;
    clearedAt?: string;
    segment: Record<string, string>;
  }
  const insights: Insight[] = [
    {
      name: 'a',
      score: 90,
      reasons: reasonsAbout('billing.refund', 3, 0),
      raisedAt: '2032-05-01T00:00:00Z',
      updatedAt: '2032-05-20T00:00:00Z',
      segment: { industry, plan: 'pro', region: 'emea', companySize: '51-200', role: 'admin' },
    },
    {
      name: 'b',
      score: 75,
      reasons: reasonsAbout('login.sso', 0, 2),
      raisedAt: '2032-05-10T00:00:00Z',
      updatedAt: '2032-05-10T00:00:00Z',
      segment: { industry, plan: 'basic', region: 'apac' },
    },
    {
      // Microseconds in the change time: the `recent` cursor must not skip or repeat across them.
      name: 'c',
      score: 75,
      reasons: [...detractor, ...reasonsAbout('billingXrefund', 1, 0)],
      raisedAt: '2032-05-25T00:00:00.123456Z',
      updatedAt: '2032-05-25T00:00:00.123456Z',
      segment: { industry, plan: 'pro', region: 'amer' },
    },
    {
      name: 'd',
      score: 75,
      reasons: detractor,
      raisedAt: '2032-05-20T00:00:00Z',
      updatedAt: '2032-05-25T00:00:00.123457Z',
      segment: { industry, plan: 'pro' },
    },
    {
      name: 'cleared',
      score: 10,
      level: 'cleared',
      reasons: [],
      raisedAt: '2032-04-01T00:00:00Z',
      updatedAt: '2032-06-01T00:00:00Z',
      clearedAt: '2032-06-01T00:00:00Z',
      segment: { industry, plan: 'pro' },
    },
    {
      name: 'elsewhere',
      score: 99,
      reasons: reasonsAbout('billing.refund', 3, 0),
      raisedAt: '2032-05-20T00:00:00Z',
      updatedAt: '2032-05-20T00:00:00Z',
      segment: { industry: `${industry}-other`, plan: 'pro' },
    },
  ];

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    database = app.get(DataSource);
    for (const insight of insights) {
      await database.query(
        `INSERT INTO insights.customer_profiles (customer_id, segment, cases_total, open_cases, surveys_total)
         VALUES ($1, $2::jsonb, 0, 0, 0)`,
        [id(insight.name), JSON.stringify(insight.segment)],
      );
      await database.query(
        `INSERT INTO insights.churn_risk
           (customer_id, score, level, reasons, suggested_action, lifetime_value, raised_at, updated_at,
            cleared_at, last_event_id, version, top_issue_code)
         VALUES ($1, $2, $3, $4::jsonb, $5, 1200, $6, $7, $8, $9, 1, $10)`,
        [
          id(insight.name),
          insight.score,
          insight.level ?? 'at_risk',
          JSON.stringify(insight.reasons),
          insight.level === 'cleared' ? null : 'Call them',
          insight.raisedAt,
          insight.updatedAt,
          insight.clearedAt ?? null,
          randomUUID(),
          // What the detector stores beside the reasons: the code their evidence names.
          insight.reasons
            .map((reason) => /, mostly (.+)$/.exec(reason.detail)?.[1])
            .find((code) => code !== undefined) ?? null,
        ],
      );
    }
  });

  afterAll(async () => {
    const ids = insights.map((insight) => id(insight.name));
    await database?.query(`DELETE FROM insights.churn_risk WHERE customer_id = ANY($1::text[])`, [ids]);
    await database?.query(`DELETE FROM insights.customer_profiles WHERE customer_id = ANY($1::text[])`, [
      ids,
    ]);
    await app?.close();
  });

  const get = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/v1/insights/churn-risk?segment.industry=${industry}&${query}`, withApiKey({ headers }));
  const getJson = async (query: string): Promise<any> => {
    const response = await get(query);
    expect(response.status).toBe(200);
    return response.json();
  };
  const namesOf = (page: { items: Array<{ customerId: string }> }) =>
    page.items.map((item) => item.customerId.slice(id('').length));

  /** Every page of a query, following the cursors. */
  async function walk(query: string): Promise<string[]> {
    const names: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: any = await getJson(`${query}${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...namesOf(page));
      cursor = page.nextCursor;
      if (cursor === null) return names;
    }
    throw new Error('the cursor never ran out');
  }

  it('lists open insights highest score first (ties by customer id, descending) with the fields it always had', async () => {
    const page = await getJson('');
    expect(namesOf(page)).toEqual(['a', 'd', 'c', 'b']);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toEqual({
      customerId: id('a'),
      score: 90,
      reasons: insights[0].reasons,
      suggestedAction: 'Call them',
      lifetimeValue: 1200,
      segment: insights[0].segment,
      raisedAt: '2032-05-01T00:00:00.000Z',
      updatedAt: '2032-05-20T00:00:00.000Z',
      version: 1,
      status: 'open',
      clearedAt: null,
    });
  });

  it('pages by cursor in either sort, without skipping or repeating', async () => {
    expect(await walk('limit=1')).toEqual(['a', 'd', 'c', 'b']);
    expect(await walk('limit=1&sort=recent')).toEqual(['d', 'c', 'a', 'b']);
    expect(await walk('limit=3&sort=recent&status=all')).toEqual(['cleared', 'd', 'c', 'a', 'b']);
  });

  it('refuses a cursor of the other sort, a made-up one and contradictory parameters', async () => {
    const scoreCursor = (await getJson('limit=1')).nextCursor as string;
    const recentCursor = (await getJson('limit=1&sort=recent')).nextCursor as string;
    const status = async (query: string) => (await get(query)).status;
    expect(await status(`sort=recent&cursor=${scoreCursor}`)).toBe(400);
    expect(await status(`sort=score&cursor=${recentCursor}`)).toBe(400);
    const madeUp = Buffer.from(JSON.stringify(['yesterday', 'x'])).toString('base64url');
    expect(await status(`sort=recent&cursor=${madeUp}`)).toBe(400);
    expect(await status('period=week&from=2032-05-01T00:00:00Z')).toBe(400);
    expect(await status('from=2032-05-02T00:00:00Z&to=2032-05-01T00:00:00Z')).toBe(400);
    expect(await status('status=cleared')).toBe(400);
    expect(await status('sort=lifetimeValue')).toBe(400);
    expect(await status('minScore=101')).toBe(400);
    expect(await status('from=2032-05-01')).toBe(400);
  });

  it('filters by every segment attribute, all of them having to match', async () => {
    expect(namesOf(await getJson('segment.plan=pro'))).toEqual(['a', 'd', 'c']);
    expect(namesOf(await getJson('segment.plan=pro&segment.region=emea'))).toEqual(['a']);
    expect(namesOf(await getJson('segment.companySize=51-200&segment.role=admin'))).toEqual(['a']);
    expect(namesOf(await getJson('segment.role=viewer'))).toEqual([]);
    // An empty value is no filter, as it always was.
    expect(namesOf(await getJson('segment.region='))).toEqual(['a', 'd', 'c', 'b']);
  });

  it('filters by the top issue code, exactly', async () => {
    expect(insights[0].reasons.map((reason) => reason.detail)).toContain(
      '3 reopens in 90 days, mostly billing.refund',
    );
    expect(namesOf(await getJson('issueCode=billing.refund'))).toEqual(['a']);
    expect(namesOf(await getJson('issueCode=login.sso'))).toEqual(['b']);
    expect(namesOf(await getJson('issueCode=billingXrefund'))).toEqual(['c']);
    expect(namesOf(await getJson('issueCode=billing_refund'))).toEqual([]);
    expect(namesOf(await getJson('issueCode=refund'))).toEqual([]);
  });

  it('filters by minimum score, status and when the insight was raised or last changed', async () => {
    expect(namesOf(await getJson('minScore=80'))).toEqual(['a']);
    expect(namesOf(await getJson('status=all'))).toEqual(['a', 'd', 'c', 'b', 'cleared']);
    const all = await getJson('status=all&minScore=0&sort=recent&limit=1');
    expect(all.items[0]).toMatchObject({
      customerId: id('cleared'),
      status: 'cleared',
      clearedAt: '2032-06-01T00:00:00.000Z',
      suggestedAction: null,
    });
    expect(namesOf(await getJson('from=2032-05-15T00:00:00Z&to=2032-05-22T00:00:00Z'))).toEqual(['a']);
    expect(namesOf(await getJson('period=week&to=2032-05-26T00:00:00Z&sort=recent'))).toEqual([
      'd',
      'c',
      'a',
    ]);
    expect(namesOf(await getJson('period=day&to=2032-06-02T00:00:00Z&status=all'))).toEqual(['cleared']);
  });

  it('exports CSV with the next cursor in a header, the status columns with status=all', async () => {
    const open = await get('limit=2', { accept: 'text/csv' });
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(open.headers.get('x-next-cursor')).toBe((await getJson('limit=2')).nextCursor);
    const openLines = (await open.text()).trim().split('\r\n');
    expect(openLines[0]).toBe(
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at',
    );
    expect(openLines.slice(1).map((line) => line.split(',')[0])).toEqual([id('a'), id('d')]);

    const all = await get('status=all&sort=recent&limit=1', { accept: 'text/csv' });
    const allLines = (await all.text()).trim().split('\r\n');
    expect(allLines).toEqual([
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at,status,cleared_at',
      `${id('cleared')},10,,,1200,${industry},2032-04-01T00:00:00.000Z,2032-06-01T00:00:00.000Z,cleared,2032-06-01T00:00:00.000Z`,
    ]);
  });
});
