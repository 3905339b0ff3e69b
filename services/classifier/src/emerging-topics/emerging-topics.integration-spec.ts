import { INestApplication, Module } from '@nestjs/common';
import { PersistenceModule } from '@supportlens/persistence';
import { BaseServiceConfig, PlatformModule } from '@supportlens/platform';
import { startService, withApiKey } from '@supportlens/testing';
import { DataSource } from 'typeorm';
import { classifierMigrations } from '../migrations';
import { EmergingTopicsModule } from './emerging-topics.module';
import { ClassifiedCaseText, EmergingTopicsRecorder } from './emerging-topics.recorder';
import { EmergingTopicsRetention } from './emerging-topics.retention';

/** The classifier's persistence and the emerging-topics module alone, as the AppModule wires them. */
@Module({
  imports: [
    PlatformModule.forRoot({ serviceName: 'classifier', config: BaseServiceConfig }),
    PersistenceModule.forRoot({ schema: 'classifier', entities: [], migrations: classifierMigrations }),
    EmergingTopicsModule,
  ],
})
class EmergingTopicsApp {}

/**
 * Emerging topics on the real database: cases recorded through the recorder as the pipeline will
 * record them, topics read over HTTP. The cases live in 2032 so that no other suite's cases fall in
 * the windows read; the window is the week before 2032-03-15.
 */
describe('emerging topics (real Postgres)', () => {
  let app: INestApplication;
  let url: string;
  let recorder: EmergingTopicsRecorder;
  let dataSource: DataSource;

  const TO = '2032-03-15T00:00:00.000Z';
  const DAY = 24 * 60 * 60 * 1000;
  /** `hour` o'clock on the day that ends `daysBeforeTo` days before TO (0: 2032-03-14). */
  const at = (daysBeforeTo: number, hour = 10) =>
    new Date(Date.parse(TO) - (daysBeforeTo + 1) * DAY + hour * 3_600_000).toISOString();

  const EVERYDAY = [
    'I forgot my password and the reset email never arrived',
    'Where is my order? The tracking page shows no update since Monday',
    'Please send me a copy of the invoice for last month',
    'I was charged twice for my subscription, I want a refund',
    'How do I change the delivery address for my order?',
    'The app logs me out every time I open it',
    'My package arrived damaged, the box was crushed',
    'The invoice shows the wrong company name and VAT number',
    'How can I add another user to my account?',
    'The discount code from the newsletter does not work at checkout',
    'The sales report in the dashboard shows last week twice',
    'I get an error message when I upload a photo',
  ];
  const NOISE = [
    'Hi, something is wrong with my account, can you check?',
    'Nothing happens after I press save',
    'I am confused by the new layout of the settings page',
    'Is the service down? I cannot reach the website',
    'Why did the price change this month?',
    'Following up on my last message about the delivery',
    'The search does not find my old orders',
    'Can I get a discount for a yearly plan?',
    'The notification emails stopped coming',
    'Your chat widget covers the save button on small screens',
  ];
  const PDF_EXPORT = [
    'Export to PDF fails since yesterday. Reach me at jane.doe@example.com',
    'When I export the report to PDF it fails with an error, call +44 20 7946 0958',
    'PDF export is not working anymore, order #88812 is blocked by it',
    'The export to PDF button fails on every report I try (max@firma-gmbh.de)',
    'Exporting invoices to PDF fails, CSV still works. Invoice INV-2032-0042',
    'Since the update the PDF export fails with "Something went wrong" - tom@example.org',
  ];

  let sequence = 0;
  function aCase(
    text: string,
    occurredAt: string,
    classification: Partial<ClassifiedCaseText['classification']> = {},
  ) {
    return {
      source: 'zendesk',
      caseId: `et-${++sequence}`,
      customerId: `et-customer-${sequence % 7}`,
      text,
      classification: {
        issueCode: 'product.how_to',
        confidence: 0.9,
        candidates: [],
        method: 'rules',
        ...classification,
      },
      occurredAt,
    } satisfies ClassifiedCaseText;
  }
  const unclassified = (text: string, occurredAt: string) =>
    aCase(text, occurredAt, {
      issueCode: 'unclassified',
      confidence: 0.34,
      method: 'unclassified',
      candidates: [
        { issueCode: 'product.how_to', confidence: 0.34 },
        { issueCode: 'product.defect', confidence: 0.33 },
      ],
    });

  async function topics(query: string): Promise<{ status: number; body: any; raw: string }> {
    const response = await fetch(`${url}/v1/emerging-topics?${query}`, withApiKey());
    const raw = await response.text();
    return { status: response.status, body: JSON.parse(raw), raw };
  }

  async function documentsWith(term: string): Promise<number> {
    const [row] = await dataSource.query(
      `SELECT coalesce(sum(documents), 0)::int AS n FROM classifier.term_document_frequency
       WHERE term = $1 AND day >= '2032-01-01' AND day < '2033-01-01'`,
      [term],
    );
    return row.n;
  }

  const baseline: ClassifiedCaseText[] = [];
  const window: ClassifiedCaseText[] = [];
  let planted: ClassifiedCaseText[];

  beforeAll(async () => {
    ({ app, url } = await startService(EmergingTopicsApp));
    recorder = app.get(EmergingTopicsRecorder);
    dataSource = app.get(DataSource);

    // Four weeks of everyday traffic before the window, all classified with confidence.
    for (let day = 8; day < 36; day++) {
      for (const text of EVERYDAY.slice(0, 8)) baseline.push(aCase(text, at(day)));
      baseline.push(aCase(EVERYDAY[(day % 4) + 8], at(day, 15)));
    }
    // The week: everyday traffic, low-confidence noise, and the new problem.
    for (let day = 0; day < 7; day++)
      for (const text of EVERYDAY.slice(0, 6)) window.push(aCase(text, at(day)));
    NOISE.forEach((text, i) => window.push(unclassified(text, at(i % 7, 11))));
    planted = PDF_EXPORT.map((text, i) =>
      i % 2 === 0
        ? unclassified(text, at(i, 16))
        : aCase(text, at(i, 16), {
            issueCode: 'product.how_to',
            confidence: 0.45,
            candidates: [
              { issueCode: 'product.how_to', confidence: 0.45 },
              { issueCode: 'billing.invoice', confidence: 0.3 },
            ],
          }),
    );
    window.push(...planted);
    // The week before: noise, and one early report of it.
    NOISE.forEach((text, i) => window.push(unclassified(text, at(7 + (i % 7), 11))));
    window.push(unclassified('PDF export fails for one report', at(9, 9)));

    for (let i = 0; i < baseline.length; i += 50) await recorder.record(baseline.slice(i, i + 50));
    await recorder.record(window);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports the planted problem as the top topic, with masked examples and the codes weighed', async () => {
    const { status, body, raw } = await topics(`window=7d&minCases=3&to=${TO}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      window: '7d',
      from: '2032-03-08T00:00:00.000Z',
      to: TO,
      minCases: 3,
      lowConfidenceCases: NOISE.length + PDF_EXPORT.length,
      previousWindow: { lowConfidenceCases: NOISE.length + 1 },
      baseline: { fromDay: '2032-02-09', toDay: '2032-03-08' },
    });
    expect(body.baseline.cases).toBeGreaterThan(200);

    const [top] = body.topics;
    expect(top.terms[0]).toBe('pdf');
    expect(top.label).toContain('export');
    expect(top.cases).toBe(6);
    expect(top.previousCases).toBe(1);
    expect(top.growth).toBe(5);
    expect(top.caseIds.map((c: { caseId: string }) => c.caseId).sort()).toEqual(
      planted.map((c) => c.caseId).sort(),
    );
    expect(top.examples).toHaveLength(3);
    for (const example of top.examples) expect(example.text).toMatch(/pdf/i);
    expect(top.hesitatedBetween[0]).toEqual({ issueCode: 'product.how_to', cases: 6 });
    expect(body.topics).toHaveLength(1);

    // Nothing personal left anywhere in the answer.
    expect(raw).not.toMatch(/@/);
    expect(raw).not.toContain('7946');
    expect(raw).not.toContain('88812');
    expect(raw).not.toContain('INV-2032-0042');
  });

  it('stores the texts masked', async () => {
    const rows: Array<{ text_masked: string }> = await dataSource.query(
      `SELECT text_masked FROM classifier.low_confidence_cases WHERE case_id = ANY($1::text[]) ORDER BY case_id`,
      [planted.map((c) => c.caseId)],
    );
    expect(rows).toHaveLength(6);
    const texts = rows.map((row) => row.text_masked).join('\n');
    expect(texts).not.toMatch(/@|7946|88812|INV-2032/);
    expect(texts).toContain('[email]');
    expect(texts).toContain('[phone]');
    expect(texts).toContain('#[number]');
  });

  it('is idempotent: a redelivered batch moves no count and adds no row', async () => {
    const before = { pdf: await documentsWith('pdf'), invoice: await documentsWith('invoice') };
    const [{ n: rowsBefore }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM classifier.low_confidence_cases`,
    );
    const result = await recorder.record(window);
    expect(result).toMatchObject({ recorded: window.length, stale: 0 });
    expect({ pdf: await documentsWith('pdf'), invoice: await documentsWith('invoice') }).toEqual(before);
    const [{ n: rowsAfter }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM classifier.low_confidence_cases`,
    );
    expect(rowsAfter).toBe(rowsBefore);
    // pdf: six planted cases and the previous week's one.
    expect(before.pdf).toBe(7);
  });

  it("applies a correction: the agent's code takes the case out of the pool, its terms move, an older version is ignored", async () => {
    const target = planted[0];
    const corrected = {
      ...target,
      text: 'Export to CSV is slow',
      classification: { issueCode: 'product.defect', confidence: 1, candidates: [], method: 'agent' },
      versionAt: '2032-03-14T20:00:00Z',
    };
    expect(await recorder.record([corrected])).toEqual({ recorded: 1, stale: 0, lowConfidence: 0 });
    expect(await documentsWith('pdf')).toBe(6);
    expect(await documentsWith('csv')).toBeGreaterThanOrEqual(1);
    const inPool = await dataSource.query(
      `SELECT 1 FROM classifier.low_confidence_cases WHERE source = $1 AND case_id = $2`,
      [target.source, target.caseId],
    );
    expect(inPool).toEqual([]);

    // The original version, replayed late, does not bring the case back.
    expect(await recorder.record([{ ...target, versionAt: target.occurredAt }])).toEqual({
      recorded: 0,
      stale: 1,
      lowConfidence: 0,
    });
    expect(await documentsWith('pdf')).toBe(6);

    const { body } = await topics(`window=7d&to=${TO}`);
    expect(body.topics[0].cases).toBe(5);

    // Back as it was, for the other tests.
    await recorder.record([{ ...target, versionAt: '2032-03-14T21:00:00Z' }]);
    expect(await documentsWith('pdf')).toBe(7);
  });

  it('finds nothing in a window with only everyday traffic and noise', async () => {
    // The week before the planted week: the same noise and a single report of the PDF problem.
    const { status, body } = await topics(`window=7d&to=2032-03-08T00:00:00Z`);
    expect(status).toBe(200);
    expect(body.topics).toEqual([]);
  });

  it('respects minCases', async () => {
    const { body } = await topics(`window=7d&minCases=7&to=${TO}`);
    expect(body.minCases).toBe(7);
    expect(body.topics).toEqual([]);
  });

  it.each([
    ['window=100d', 'window'],
    ['window=7w', 'window'],
    ['minCases=1', 'minCases'],
    ['minCases=abc', 'minCases'],
    ['to=2032-03-15', 'to'],
  ])('answers 400 problem+json for %s', async (query, field) => {
    const response = await fetch(`${url}/v1/emerging-topics?${query}`, withApiKey());
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field)).toContain(field);
  });

  it('prunes history older than the retention', async () => {
    const retention = app.get(EmergingTopicsRetention);
    // As if run 300 days after the window: retention 220 days keeps nothing of 2032-03.
    const keptFrom = await retention.prune(new Date(Date.parse(TO) + 300 * DAY));
    expect(keptFrom > '2032-03-15').toBe(true);
    expect(await documentsWith('pdf')).toBe(0);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM classifier.case_terms WHERE day < $1`,
      [keptFrom],
    );
    expect(n).toBe(0);
  });
});
