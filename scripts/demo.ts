import { ApiKeysRepository } from '@supportlens/access';
import { DataSource } from 'typeorm';
import { DEMO_CASES, DEMO_SURVEYS } from './demo-data';

/**
 * `npm run demo`: sends a realistic sample through ingest (and one bad record, to show the error),
 * waits until insights has applied all of it, and prints what the insights API then shows.
 */
const INGEST_URL = process.env.INGEST_URL ?? 'http://127.0.0.1:3001';
const INSIGHTS_URL = process.env.INSIGHTS_URL ?? 'http://127.0.0.1:3004';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/supportlens';
/** The demo's credential: SUPPORTLENS_API_KEY when given, else a key of its own made (and revoked) here. */
let apiKey = process.env.SUPPORTLENS_API_KEY ?? '';

// The demo prints whatever the APIs answer; their shapes are checked by the e2e tests, not here.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${INGEST_URL}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

async function get(path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${INSIGHTS_URL}${path}`, { headers: { authorization: `Bearer ${apiKey}` } });
  return { status: response.status, body: await response.json() };
}

async function main(): Promise<void> {
  const cases = await post('/v1/cases', DEMO_CASES);
  console.log(`POST /v1/cases (${DEMO_CASES.length} cases) → ${cases.status}`);
  for (const accepted of cases.body.accepted ?? []) {
    console.log(
      `  ${accepted.id.padEnd(8)} event ${accepted.eventId}${accepted.duplicate ? ' (duplicate: already sent)' : ''}`,
    );
  }
  const surveys = await post('/v1/surveys', DEMO_SURVEYS);
  console.log(`POST /v1/surveys (${DEMO_SURVEYS.length} responses) → ${surveys.status}`);

  const bad = await post('/v1/cases', {
    ...DEMO_CASES[0],
    caseId: 'ZD-BAD',
    channel: 'carrier pigeon',
    customer: {},
  });
  console.log(`POST /v1/cases (a bad case) → ${bad.status} ${bad.body.title}`);
  for (const error of bad.body.errors ?? []) console.log(`  ${error.field}: ${error.message}`);

  const customerIds = [...new Set(DEMO_CASES.map((c) => c.customer.id))];
  const expectedCases = (id: string) => DEMO_CASES.filter((c) => c.customer.id === id).length;
  const expectedSurveys = (id: string) => DEMO_SURVEYS.filter((s) => s.customer.id === id).length;
  const deadline = Date.now() + 60_000;
  const profiles = new Map<string, Json>();
  while (profiles.size < customerIds.length) {
    for (const id of customerIds) {
      const { status, body } = await get(`/v1/customers/${id}`);
      if (
        status === 200 &&
        body.cases.total === expectedCases(id) &&
        body.surveys.total === expectedSurveys(id)
      ) {
        profiles.set(id, body);
      }
    }
    if (profiles.size < customerIds.length) {
      if (Date.now() > deadline)
        throw new Error('insights did not show every case within 60 s: are all four services up?');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  console.log('\nGET /v1/customers/:id');
  for (const id of customerIds) {
    const p = profiles.get(id);
    console.log(
      `  ${id.padEnd(15)} ${String(p.segment.industry ?? '').padEnd(13)} cases ${p.cases.total} (open ${p.cases.open})` +
        `  last CSAT ${p.lastCsat?.score ?? '-'}  NPS ${p.lastNps ? `${p.lastNps.score} ${p.lastNps.category}` : '-'}` +
        `  last contact ${p.lastContactAt}`,
    );
  }

  for (const groupBy of ['channel', 'issueCode']) {
    const { body } = await get(`/v1/metrics/service?groupBy=${groupBy}`);
    console.log(`\nGET /v1/metrics/service?groupBy=${groupBy}`);
    console.log(
      `  ${'key'.padEnd(24)} cases  median 1st resp  median resolution  abandon  mean hold  cost/case`,
    );
    for (const row of body.rows) {
      console.log(
        `  ${row.key.padEnd(24)} ${String(row.cases).padStart(5)}  ${fmt(row.medianFirstResponseSeconds, 's').padStart(15)}` +
          `  ${fmt(row.medianResolutionSeconds, 's').padStart(17)}  ${fmt(row.abandonRate, '').padStart(7)}` +
          `  ${fmt(row.meanHoldSeconds, 's').padStart(9)}  ${fmt(row.costPerCase, '').padStart(9)}`,
      );
    }
  }
}

function fmt(value: number | null, unit: string): string {
  return value === null ? '-' : `${Math.round(value * 100) / 100}${unit}`;
}

/** Runs the demo with a key of its own unless one was given; the key is revoked afterwards. */
async function withDemoKey(run: () => Promise<void>): Promise<void> {
  if (apiKey !== '') return run();
  const dataSource = await new DataSource({ type: 'postgres', url: DATABASE_URL }).initialize();
  const keys = new ApiKeysRepository(dataSource);
  const { apiKey: created, key } = await keys.create('npm run demo', ['ingest:write', 'insights:read']);
  apiKey = key;
  try {
    await run();
  } finally {
    await keys.revoke(created.id);
    await dataSource.destroy();
  }
}

withDemoKey(main).catch((error: Error) => {
  console.error(`demo failed: ${error.message}`);
  process.exit(1);
});
