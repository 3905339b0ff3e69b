import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { emptyCaseWindows } from './domain/profile-windows';
import { LOCK_CUSTOMERS_SQL, REFRESH_PROFILES_SQL } from './refresh-profiles.sql';

/**
 * The profile refresh on the real database, facts written directly: a profile depends on the facts
 * alone, never on the order or batching they arrived in, and each attribute comes from the latest
 * event that carries it.
 */
describe('REFRESH_PROFILES_SQL (real Postgres)', () => {
  let db: Client;

  beforeAll(async () => {
    db = new Client({ connectionString: process.env.DATABASE_URL });
    await db.connect();
  });

  const run = randomUUID().slice(0, 8);

  afterAll(async () => {
    // These facts bypassed the writer (no inbox, no rollups): leave nothing for other suites to trip on.
    const mine = `cust-refresh-${run}-%`;
    for (const table of ['case_facts', 'survey_facts', 'customer_profiles']) {
      await db?.query(`DELETE FROM insights.${table} WHERE customer_id LIKE $1`, [mine]);
    }
    await db?.end();
  });
  const T = Date.parse('2034-06-01T12:00:00.000Z');
  const DAY = 86_400_000;
  const at = (daysAgo: number, hours = 0) => new Date(T - daysAgo * DAY + hours * 3_600_000).toISOString();

  type Fact =
    | {
        kind: 'case';
        id: string;
        time: string;
        customer: object;
        opened: string;
        resolved?: string;
        tone: string;
      }
    | { kind: 'survey'; id: string; time: string; customer: object; csat: number; nps: number };

  /** A history with partial snapshots and two snapshots at the same event time. */
  function history(customerId: string): Fact[] {
    const snapshot = (extra: object) => ({ id: customerId, ...extra });
    return [
      {
        kind: 'case',
        id: 'c1',
        time: at(40),
        customer: snapshot({
          segment: { industry: 'retail', plan: 'pro', region: 'emea' },
          lifetimeValue: 900,
          consent: { caseStudy: true, reference: false },
        }),
        opened: at(40),
        resolved: at(40, 6),
        tone: 'negative',
      },
      // Same event time as c3 with another plan: the tie goes to the larger snapshot text, whatever
      // arrives first ({"plan": "team"} > {"plan": "basic"}).
      {
        kind: 'case',
        id: 'c2',
        time: at(10),
        customer: snapshot({ segment: { plan: 'team' } }),
        opened: at(12),
        tone: 'neutral',
      },
      {
        kind: 'case',
        id: 'c3',
        time: at(10),
        customer: snapshot({ segment: { plan: 'basic' }, lifetimeValue: 1200 }),
        opened: at(11),
        resolved: at(10),
        tone: 'positive',
      },
      // A survey tool that knows the id and the consent to case studies only.
      {
        kind: 'survey',
        id: 's1',
        time: at(5),
        customer: snapshot({ consent: { caseStudy: false } }),
        csat: 5,
        nps: 9,
      },
      { kind: 'survey', id: 's2', time: at(1), customer: snapshot({}), csat: 3, nps: 6 },
    ];
  }

  async function write(customerId: string, fact: Fact): Promise<void> {
    if (fact.kind === 'case') {
      await db.query(
        `INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
           status, issue_code, category, classification_method, confidence, opened_at, resolved_at, tone)
         VALUES ('test', $1, $1, $2, $3, $4, 'chat', $5, 'profile-refresh', 'test', 'rules', 1, $6, $7, $8)`,
        [
          `${customerId}-${fact.id}`,
          fact.time,
          customerId,
          fact.customer,
          fact.resolved ? 'solved' : 'open',
          fact.opened,
          fact.resolved ?? null,
          fact.tone,
        ],
      );
    } else {
      await db.query(
        `INSERT INTO insights.survey_facts (source, response_id, event_id, event_time, customer_id, customer, kind,
           responded_at, csat, nps, nps_category, scoring_config_version)
         VALUES ('test', $1, $1, $2, $3, $4, 'transactional', $2, $5, $6, $7, 1)`,
        [
          `${customerId}-${fact.id}`,
          fact.time,
          customerId,
          fact.customer,
          fact.csat,
          fact.nps,
          fact.nps >= 9 ? 'promoter' : fact.nps >= 7 ? 'passive' : 'detractor',
        ],
      );
    }
  }

  async function refresh(customerIds: string[]): Promise<void> {
    await db.query('BEGIN');
    await db.query(LOCK_CUSTOMERS_SQL, [customerIds]);
    await db.query(REFRESH_PROFILES_SQL, [customerIds]);
    await db.query('COMMIT');
  }

  async function profile(customerId: string): Promise<Record<string, unknown>> {
    const { rows } = await db.query('SELECT * FROM insights.customer_profiles WHERE customer_id = $1', [
      customerId,
    ]);
    const { customer_id: _id, updated_at: _updatedAt, ...rest } = rows[0];
    return rest;
  }

  it('gives the same profile whatever the order and batching the facts arrived in', async () => {
    const oneByOne = `cust-refresh-${run}-a`;
    const allAtOnce = `cust-refresh-${run}-b`;
    for (const fact of history(oneByOne)) {
      await write(oneByOne, fact);
      await refresh([oneByOne]);
    }
    for (const fact of history(allAtOnce).reverse()) await write(allAtOnce, fact);
    await refresh([allAtOnce]);

    const expected = await profile(oneByOne);
    expect(await profile(allAtOnce)).toEqual(expected);
    expect(expected).toMatchObject({
      segment: { industry: 'retail', plan: 'team', region: 'emea' },
      lifetime_value: '1200',
      consent: { caseStudy: false, reference: false },
      as_of: new Date(at(1)),
      cases_total: 3,
      open_cases: 1,
      last_csat: 3,
      previous_csat: 5,
      last_nps: 6,
      previous_nps: 9,
      previous_nps_category: 'promoter',
      recent_tone: { cases: 3, negative: 1, neutral: 1, positive: 1 },
    });
    // Windows end at the latest fact (1 day ago): c2 and c3 are in the 30 days, c1 only in the 90.
    expect(expected.case_windows).toMatchObject({
      '7d': { cases: 0, byStatus: {}, resolution: { resolved: 0, medianHours: null } },
      '30d': { cases: 2, byStatus: { open: 1, solved: 1 }, resolution: { resolved: 1, medianHours: 24 } },
      '90d': { cases: 3, byStatus: { open: 1, solved: 2 }, resolution: { resolved: 2, medianHours: 15 } },
    });
  });

  it('takes the recent tone from the last ten cases, ties on opening time broken by case id', async () => {
    const customerId = `cust-refresh-${run}-tone`;
    const opened = (id: string, daysAgo: number, tone: string): Fact => ({
      kind: 'case',
      id,
      time: at(1),
      customer: { id: customerId },
      opened: at(daysAgo),
      tone,
    });
    // c01 is the newest; c02–c12 opened together, so the last ten take c12 down to c04 of them.
    const facts = [
      opened('c01', 2, 'negative'),
      opened('c02', 3, 'neutral'),
      opened('c03', 3, 'neutral'),
      ...Array.from({ length: 9 }, (_, i) => opened(`c${String(i + 4).padStart(2, '0')}`, 3, 'positive')),
    ];
    for (const fact of facts) await write(customerId, fact);
    await refresh([customerId]);

    expect(await profile(customerId)).toMatchObject({
      cases_total: 12,
      recent_tone: { cases: 10, negative: 1, neutral: 0, positive: 9 },
    });
  });

  it('keeps an empty profile, every window present, for a customer whose facts all moved away', async () => {
    const gone = `cust-refresh-${run}-gone`;
    await refresh([gone]);
    expect(await profile(gone)).toMatchObject({
      segment: {},
      lifetime_value: null,
      consent: {},
      cases_total: 0,
      surveys_total: 0,
      as_of: null,
      last_csat: null,
      servqual_level: null,
      case_windows: emptyCaseWindows(),
      recent_tone: { cases: 0, negative: 0, neutral: 0, positive: 0 },
    });
  });
});
