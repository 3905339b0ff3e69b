import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ServiceFilter } from './case-measures.sql';
import { BusinessCalendar } from './domain/business-calendar';
import { BusinessClock } from './domain/business-clock';
import { ServiceMetricsRepository } from './service-metrics.repository';
import { ServiceCaseView } from './service-metrics.view';

/**
 * Business hours are measured at query time with the calendar in force. This suite checks, on a
 * month of 7,500 cases (the top of the seeds' normal volume) in a zone with a change of offset and
 * holidays, that the database's clock (the intervals as arrays, `width_bucket`) gives exactly the
 * percentiles the TypeScript clock gives case by case, and reports what the queries cost.
 * `SERVICE_METRICS_BENCH_MONTHS=12` measures a year instead.
 */
describe('service metrics at a month of 7,500 cases', () => {
  const months = Number(process.env.SERVICE_METRICS_BENCH_MONTHS ?? 1);
  const perMonth = 7500;
  const issueCode = `svc-scale-${randomUUID().slice(0, 8)}`;
  // March 2042: Berlin moves to summer time on the 30th.
  const from = new Date('2042-03-01T00:00:00Z');
  const to = new Date(Date.UTC(2042, 2 + months, 1));
  const filter: ServiceFilter = { from, to, issueCode, segment: {} };
  const berlin: BusinessCalendar = {
    timeZone: 'Europe/Berlin',
    weeklyHours: {
      monday: [
        { from: '08:00', to: '12:30' },
        { from: '13:30', to: '18:00' },
      ],
      tuesday: [{ from: '08:00', to: '18:00' }],
      wednesday: [{ from: '08:00', to: '18:00' }],
      thursday: [{ from: '08:00', to: '18:00' }],
      friday: [{ from: '08:00', to: '16:00' }],
      saturday: [{ from: '10:00', to: '14:00' }],
      sunday: [],
    },
    holidays: ['2042-03-06', '2042-04-04', '2042-04-07', '2042-05-01'],
  };

  let dataSource: DataSource;
  let repository: ServiceMetricsRepository;

  beforeAll(async () => {
    // The repository on its own data source: this suite needs no broker and no consumers.
    dataSource = await new DataSource({ type: 'postgres', url: process.env.DATABASE_URL }).initialize();
    repository = new ServiceMetricsRepository(dataSource);
    await insertCases(dataSource, issueCode, from, to, perMonth * months);
  });

  afterAll(async () => {
    await dataSource?.query(`DELETE FROM insights.case_facts WHERE issue_code = $1`, [issueCode]);
    await dataSource?.destroy();
  });

  it(
    'measures business hours in SQL exactly as the TypeScript clock does, per week',
    async () => {
      const { rows, total } = await repository.table(
        filter,
        { dimensions: ['period'], period: 'week' },
        berlin,
      );
      const exported: ServiceCaseView[] = [];
      for await (const page of repository.allCases(filter, berlin)) exported.push(...page);
      expect(exported).toHaveLength(perMonth * months);
      expect(total.cases).toBe(perMonth * months);

      // The same figures from the exported cases, each measured by a TypeScript clock.
      const byWeek = new Map<string, ServiceCaseView[]>();
      for (const item of exported) {
        const key = weekOf(item.openedAt);
        byWeek.set(key, byWeek.get(key) ?? []);
        byWeek.get(key)!.push(item);
      }
      expect([...byWeek.keys()].sort()).toEqual(rows.map((row) => row.key));
      for (const row of rows) {
        const items = byWeek.get(row.key)!;
        const firstResponse = items.flatMap((i) => nonNull(i.metrics.firstResponseBusinessSeconds));
        const resolution = items.flatMap((i) => nonNull(i.metrics.resolutionBusinessSeconds));
        // Both sides round to 2 decimals; sums of floats may land either side of a half cent.
        expectClose(row.key, row.medianFirstResponseBusinessSeconds, percentile(firstResponse, 0.5));
        expectClose(row.key, row.p90FirstResponseBusinessSeconds, percentile(firstResponse, 0.9));
        expectClose(row.key, row.medianResolutionBusinessSeconds, percentile(resolution, 0.5));
        expectClose(row.key, row.p90ResolutionBusinessSeconds, percentile(resolution, 0.9));
        // Business time never exceeds calendar time.
        expect(row.medianFirstResponseBusinessSeconds!).toBeLessThanOrEqual(row.medianFirstResponseSeconds!);
      }
      // A spot check of one case against a clock built for it alone.
      const sample = exported.find((i) => i.resolvedAt && i.metrics.resolutionBusinessSeconds !== null)!;
      expect(sample.metrics.resolutionBusinessSeconds).toBeCloseTo(
        BusinessClock.over(berlin, new Date(sample.openedAt), new Date(sample.resolvedAt!)).elapsed(
          new Date(sample.openedAt),
          new Date(sample.resolvedAt!),
        ),
        3,
      );
    },
    120_000 * months,
  );

  it(
    'reports what the queries cost',
    async () => {
      const timed = async (work: () => Promise<unknown>) => {
        const runs: number[] = [];
        for (let i = 0; i < 3; i++) {
          const start = process.hrtime.bigint();
          await work();
          runs.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        return runs.sort((a, b) => a - b)[1];
      };
      const [a, b] = [from, to];
      const calendarOnly = await timed(() =>
        dataSource.query(
          `SELECT to_char(opened_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(*),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at)),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - opened_at)),
                percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at)),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - opened_at))
         FROM insights.case_facts WHERE opened_at >= $1 AND opened_at < $2 AND issue_code = $3 GROUP BY 1`,
          [a, b, issueCode],
        ),
      );
      const clockOnly = await timed(async () =>
        BusinessClock.over(berlin, from, new Date(to.getTime() + 40 * 86_400_000)),
      );
      const table = await timed(() =>
        repository.table(filter, { dimensions: ['period'], period: 'day' }, berlin),
      );
      const twoDimensions = await timed(() =>
        repository.table(filter, { dimensions: ['period', 'channel'], period: 'week' }, berlin),
      );
      const exportAll = await timed(async () => {
        let n = 0;
        for await (const page of repository.allCases(filter, berlin)) n += page.length;
        return n;
      });
      const figures = {
        cases: perMonth * months,
        calendarOnlyMs: calendarOnly,
        clockBuildMs: clockOnly,
        tableByDayMs: table,
        tableByWeekAndChannelMs: twoDimensions,
        rowExportAllMs: exportAll,
      };
      console.log(`service metrics cost (median of 3): ${JSON.stringify(figures)}`);
      // Generous bounds: a regression to a query per case or per interval would blow through them.
      expect(table).toBeLessThan(5000 * months);
      expect(exportAll).toBeLessThan(20_000 * months);
    },
    120_000 * months,
  );
});

function nonNull(value: number | null): number[] {
  return value === null ? [] : [value];
}

/** Postgres's percentile_cont: linear interpolation between the two nearest ranks. */
function percentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
}

function expectClose(key: string, actual: number | null, expected: number | null): void {
  expect([key, actual === null]).toEqual([key, expected === null]);
  if (actual !== null && expected !== null)
    expect([key, Math.abs(actual - expected) <= 0.006]).toEqual([key, true]);
}

/** ISO week label of a UTC instant, as Postgres's `IYYY-"W"IW`. */
function weekOf(iso: string): string {
  const day = Math.floor(Date.parse(iso) / 86_400_000);
  const thursday = day - ((day + 3) % 7) + 3;
  const year = new Date(thursday * 86_400_000).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / 86_400_000) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A small seeded generator, so every run measures the same cases. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cases straight into the facts table (this suite is about the queries, not the consumer). */
async function insertCases(dataSource: DataSource, issueCode: string, from: Date, to: Date, count: number) {
  const random = mulberry32(42);
  const channels = ['phone', 'chat', 'chat', 'email', 'web', 'self_service'];
  const rows = Array.from({ length: count }, (_, i) => {
    const opened = from.getTime() + Math.floor(random() * (to.getTime() - from.getTime()));
    const channel = channels[Math.floor(random() * channels.length)];
    const firstResponse = random() < 0.9 ? opened + Math.floor(random() * 72 * 3_600_000) : null;
    const resolved = random() < 0.8 ? opened + Math.floor(random() * 10 * 86_400_000) : null;
    return {
      caseId: `${issueCode}-${i}`,
      customerId: `${issueCode}-cust-${i % 2000}`,
      channel,
      status: resolved ? (random() < 0.9 ? 'solved' : 'open') : 'open',
      agentId: channel === 'self_service' ? null : `${issueCode}-agent-${i % 25}`,
      opened: new Date(opened).toISOString(),
      firstResponse: firstResponse === null ? null : new Date(firstResponse).toISOString(),
      resolved: resolved === null ? null : new Date(resolved).toISOString(),
    };
  });
  await dataSource.query(
    `INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
       status, issue_code, category, classification_method, confidence, agent_id, opened_at, first_response_at,
       resolved_at, hold_seconds, abandoned, escalated, reopen_count, cost)
     SELECT 'bench', r.case_id, r.case_id, r.opened, r.customer_id, '{"segment":{"industry":"bench"}}'::jsonb,
            r.channel, r.status, $1, 'bench', 'model', 0.9, r.agent_id, r.opened, r.first_response, r.resolved,
            30, false, false, 0, 5
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[],
                 $8::timestamptz[], $9::timestamptz[])
       AS r(case_id, customer_id, channel, status, agent_id, opened, first_response, resolved)`,
    [
      issueCode,
      rows.map((r) => r.caseId),
      rows.map((r) => r.customerId),
      rows.map((r) => r.channel),
      rows.map((r) => r.status),
      rows.map((r) => r.agentId),
      rows.map((r) => r.opened),
      rows.map((r) => r.firstResponse),
      rows.map((r) => r.resolved),
    ],
  );
  // What autovacuum does after a bulk load: without statistics the planner takes the cases for one row.
  await dataSource.query(`ANALYZE insights.case_facts`);
}
