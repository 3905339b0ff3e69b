import { INestApplication } from '@nestjs/common';
import { deadLetterTopic, EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  aSurveyResponse,
  cloudEventMessage,
  RawProducer,
  startService,
  TopicReader,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { AppModule as ClassifierApp } from '../../services/classifier/src/app.module';
import { AppModule as IngestApp } from '../../services/ingest/src/app.module';
import { AppModule as InsightsApp } from '../../services/insights/src/app.module';
import { AppModule as SurveyScoringApp } from '../../services/survey-scoring/src/app.module';

/**
 * The walking skeleton, end to end on the real broker and database: cases and survey responses go
 * in over HTTP and over raw Kafka topics, pass through ingest → classifier / survey-scoring →
 * insights, and come out in the read models the insights API serves.
 */
describe('pipeline end to end', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const apps: INestApplication[] = [];
  const urls: Record<string, string> = {};
  let ingestUrl: string;
  let insightsUrl: string;
  let producer: RawProducer;

  beforeAll(async () => {
    for (const [name, module] of [
      ['insights', InsightsApp],
      ['classifier', ClassifierApp],
      ['survey-scoring', SurveyScoringApp],
      ['ingest', IngestApp],
    ] as const) {
      const service = await startService(module);
      apps.push(service.app);
      urls[name] = service.url;
    }
    ingestUrl = urls.ingest;
    insightsUrl = urls.insights;
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    // Ingest first: it produces what the others consume.
    for (const app of apps.reverse()) await app.close();
  });

  const post = (path: string, body: unknown) =>
    fetch(
      `${ingestUrl}${path}`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  async function profileOf(customerId: string): Promise<Record<string, any> | undefined> {
    const response = await fetch(
      `${insightsUrl}/v1/customers/${encodeURIComponent(customerId)}`,
      withApiKey(),
    );
    return response.status === 200 ? ((await response.json()) as Record<string, any>) : undefined;
  }

  const profileWith = (customerId: string, ready: (profile: Record<string, any>) => boolean) =>
    waitFor(`profile of ${customerId}`, async () => {
      const profile = await profileOf(customerId);
      return profile && ready(profile) ? profile : undefined;
    });

  it('carries a case and a survey posted over HTTP into the customer profile and the service metrics', async () => {
    const customerId = `cust-${randomUUID()}`;
    const supportCase = aCase({ customerId, channel: 'Self-Service', subject: 'Invoice missing' });
    const survey = aSurveyResponse({
      customer: { id: customerId },
      caseId: supportCase.caseId,
      csat: 4,
      nps: 10,
    });

    const caseResponse = await post('/v1/cases', supportCase);
    expect(caseResponse.status).toBe(202);
    const receipt = (await caseResponse.json()) as {
      accepted: Array<{ id: string; eventId: string; duplicate: boolean }>;
    };
    expect(receipt.accepted).toEqual([
      { id: supportCase.caseId, eventId: expect.any(String), duplicate: false },
    ]);
    expect((await post('/v1/surveys', [survey])).status).toBe(202);

    const profile = await profileWith(customerId, (p) => p.cases.total === 1 && p.surveys.total === 1);
    expect(profile).toMatchObject({
      customerId,
      segment: { industry: 'retail', plan: 'pro' },
      lifetimeValue: 12000,
      consent: { caseStudy: true, focusGroup: true },
      cases: { total: 1, open: 0 },
      lastCsat: { score: 4 },
      lastNps: { score: 10, category: 'promoter' },
    });
    expect(profile).not.toHaveProperty('email'); // personal data stays out of read models

    const metrics = await fetch(
      `${insightsUrl}/v1/metrics/service?from=2026-11-02T00:00:00Z&to=2026-11-03T00:00:00Z&groupBy=channel`,
      withApiKey(),
    ).then((r) => r.json() as Promise<{ rows: Array<Record<string, any>> }>);
    const selfService = metrics.rows.find((row) => row.key === 'self_service');
    expect(selfService).toBeDefined();
    expect(selfService!.cases).toBeGreaterThanOrEqual(1);
    expect(selfService!.casesByIssueCode['billing.invoice']).toBeGreaterThanOrEqual(1);
    expect(selfService!.medianFirstResponseSeconds).toBe(120);
  });

  it('accepts concurrent single-record requests together, each answered with its own record, all carried through', async () => {
    const customerId = `cust-${randomUUID()}`;
    const cases = Array.from({ length: 40 }, (_, i) =>
      aCase({ customerId, caseId: `coalesced-${randomUUID()}`, subject: `Invoice ${i} missing` }),
    );
    // A poison request among them gets its own 400; the others are not held back by it.
    const responses = await Promise.all([
      ...cases.map((supportCase) => post('/v1/cases', supportCase)),
      post('/v1/cases', { ...cases[0], caseId: '' }),
    ]);
    const bodies = (await Promise.all(responses.map((response) => response.json()))) as Array<{
      accepted: Array<{ id: string; duplicate: boolean }>;
    }>;
    expect(responses.map((response) => response.status)).toEqual([...cases.map(() => 202), 400]);
    cases.forEach((supportCase, i) =>
      expect(bodies[i].accepted).toEqual([
        { id: supportCase.caseId, eventId: expect.any(String), duplicate: false },
      ]),
    );

    const profile = await profileWith(customerId, (p) => p.cases.total === cases.length);
    expect(profile.cases.total).toBe(40);
  });

  it('answers a bad body with 400 problem+json naming the field, and still accepts the valid records beside it', async () => {
    const single = await post('/v1/cases', aCase({ channel: 'pigeon', customer: { name: 'no id' } }));
    expect(single.status).toBe(400);
    expect(single.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await single.json()) as {
      errors: Array<{ field: string }>;
      status: number;
      type: string;
    };
    expect(problem.status).toBe(400);
    expect(problem.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['channel', 'customer.id']));

    const customerId = `cust-${randomUUID()}`;
    const good = aCase({ customerId });
    const mixed = await post('/v1/cases', [good, aCase({ openedAt: 'last tuesday' })]);
    expect(mixed.status).toBe(400);
    const mixedProblem = (await mixed.json()) as {
      errors: Array<{ field: string }>;
      accepted: Array<{ id: string }>;
    };
    expect(mixedProblem.errors.map((e) => e.field)).toEqual(['[1].openedAt']);
    expect(mixedProblem.accepted.map((a) => a.id)).toEqual([good.caseId]);
    await profileWith(customerId, (p) => p.cases.total === 1);

    const malformed = await fetch(
      `${ingestUrl}/v1/cases`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"caseId": ',
      }),
    );
    expect(malformed.status).toBe(400);
    expect(malformed.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a body over the size limit with 413 and a batch over the length limit with 400', async () => {
    const huge = await post('/v1/cases', aCase({ description: 'x'.repeat(1_100_000) }));
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toContain('application/problem+json');
    expect(((await huge.json()) as { detail: string }).detail).toContain('1mb');

    const tooMany = await post(
      '/v1/cases',
      Array.from({ length: 501 }, () => aCase({ description: 'short' })),
    );
    expect(tooMany.status).toBe(400);
    const problem = (await tooMany.json()) as {
      errors: Array<{ field: string; message: string }>;
      accepted: unknown[];
    };
    expect(problem.errors).toEqual([{ field: '(body)', message: 'batch has 501 records, the limit is 500' }]);
    expect(problem.accepted).toEqual([]);
  });

  it('dead-letters a bad Kafka message with its reason while its valid neighbours go through', async () => {
    const dlq = await TopicReader.start(brokers, deadLetterTopic(Topics.TicketsRaw));
    try {
      const customerId = `cust-${randomUUID()}`;
      const before = aCase({ customerId, caseId: `case-${randomUUID()}` });
      const after = aCase({
        customerId,
        caseId: `case-${randomUUID()}`,
        status: 'open',
        resolvedAt: undefined,
      });
      const invalid = aCase({ customerId, status: 'exploded' });
      await producer.send(Topics.TicketsRaw, [
        { key: customerId, value: JSON.stringify(before) },
        { key: customerId, value: '{"caseId": "broken' },
        { key: customerId, value: JSON.stringify(invalid) },
        { key: customerId, value: JSON.stringify(after) },
      ]);

      await profileWith(customerId, (p) => p.cases.total === 2 && p.cases.open === 1);
      const letters = await waitFor('two dead letters', async () => {
        const found = dlq.find((m) => m.key === customerId);
        return found.length === 2 ? found : undefined;
      });
      const byClass = Object.fromEntries(letters.map((l) => [l.headers.dlq_error_class, l]));
      expect(byClass.MalformedJson.value).toBe('{"caseId": "broken');
      expect(byClass.ContractViolation.headers.dlq_error_message).toContain('status');
      for (const letter of letters) {
        expect(letter.headers).toMatchObject({
          dlq_original_topic: Topics.TicketsRaw,
          dlq_original_partition: expect.any(String),
          dlq_original_offset: expect.any(String),
          dlq_consumer_group: expect.stringContaining('ingest.raw-tickets'),
        });
      }
    } finally {
      await dlq.stop();
    }
  });

  it('changes no count when the same events are delivered twice', async () => {
    const customerId = `cust-${randomUUID()}`;
    const supportCase = aCase({ customerId });
    const survey = aSurveyResponse({ customer: { id: customerId }, csat: 2, nps: 3 });

    expect((await post('/v1/cases', supportCase)).status).toBe(202);
    expect((await post('/v1/surveys', survey)).status).toBe(202);
    await profileWith(customerId, (p) => p.cases.total === 1 && p.surveys.total === 1);

    // Again over HTTP: ingest recognises the same record version.
    const again = (await (await post('/v1/cases', supportCase)).json()) as {
      accepted: Array<{ duplicate: boolean }>;
    };
    expect(again.accepted[0].duplicate).toBe(true);
    // Again over the raw topic, twice.
    await producer.send(Topics.TicketsRaw, [
      { key: customerId, value: JSON.stringify(supportCase) },
      { key: customerId, value: JSON.stringify(supportCase) },
    ]);
    // And the same CloudEvent straight onto the internal topic twice, past ingest's idempotency
    // table: the downstream inbox must drop it.
    const duplicate = cloudEventMessage(
      EventContracts.Case,
      { ...supportCase, openedAt: '2026-11-02T09:00:00.000Z' },
      { subject: customerId, id: `dup-${randomUUID()}`, time: '2026-11-02T09:30:00.000Z' },
    );
    await producer.send(Topics.Cases, [duplicate, duplicate]);

    // A new case for the same customer travels the same partitions behind the duplicates: once it
    // shows, every duplicate before it has been handled.
    const sentinel = aCase({
      customerId,
      caseId: `case-${randomUUID()}`,
      status: 'pending',
      resolvedAt: undefined,
    });
    await producer.send(Topics.TicketsRaw, [{ key: customerId, value: JSON.stringify(sentinel) }]);
    const profile = await profileWith(customerId, (p) => p.cases.open === 1);

    expect(profile.cases).toEqual({ total: 2, open: 1 });
    expect(profile.surveys).toEqual({ total: 1 });
    expect(profile.lastNps).toMatchObject({ score: 3, category: 'detractor' });
  });

  it('applies the versions of a case in order: a reopened case is open again, a stale version never wins', async () => {
    const customerId = `cust-${randomUUID()}`;
    const opened = aCase({
      customerId,
      status: 'open',
      resolvedAt: undefined,
      updatedAt: '2026-11-02T09:00:00Z',
    });
    const solved = {
      ...opened,
      status: 'solved',
      resolvedAt: '2026-11-02T09:30:00Z',
      updatedAt: '2026-11-02T09:30:00Z',
    };
    const reopened = { ...opened, status: 'open', reopenCount: 1, updatedAt: '2026-11-02T11:00:00Z' };
    for (const version of [opened, solved, reopened])
      expect((await post('/v1/cases', version)).status).toBe(202);
    await profileWith(customerId, (p) => p.cases.total === 1 && p.cases.open === 1);

    // A late copy of the solved version (re-sent by a flaky integration) must not close it again;
    // a sentinel case behind it on the same partitions shows when it has been handled.
    const late = { ...solved, description: `${String(opened.description)} (resent)` };
    expect((await post('/v1/cases', late)).status).toBe(202);
    const sentinel = aCase({ customerId, caseId: `case-${randomUUID()}`, status: 'solved' });
    expect((await post('/v1/cases', sentinel)).status).toBe(202);
    const profile = await profileWith(customerId, (p) => p.cases.total === 2);
    expect(profile.cases).toEqual({ total: 2, open: 1 });

    // Without updatedAt the arrival order decides, which Kafka keeps per customer.
    const other = `cust-${randomUUID()}`;
    const first = aCase({ customerId: other, status: 'open', resolvedAt: undefined });
    expect((await post('/v1/cases', first)).status).toBe(202);
    expect(
      (await post('/v1/cases', { ...first, status: 'solved', resolvedAt: '2026-11-02T09:30:00Z' })).status,
    ).toBe(202);
    await profileWith(other, (p) => p.cases.total === 1 && p.cases.open === 0);
    expect((await post('/v1/cases', { ...first, reopenCount: 1 })).status).toBe(202);
    await profileWith(other, (p) => p.cases.total === 1 && p.cases.open === 1);
  });

  it('moves a case to its new customer and updates both profiles', async () => {
    const [from, to] = [`cust-${randomUUID()}`, `cust-${randomUUID()}`];
    const supportCase = aCase({ customerId: from, updatedAt: '2026-11-02T09:00:00Z' });
    expect((await post('/v1/cases', supportCase)).status).toBe(202);
    await profileWith(from, (p) => p.cases.total === 1);

    // The help desk merges the requester into another account: same case, new customer.
    const moved = { ...supportCase, customer: { id: to }, updatedAt: '2026-11-02T10:00:00Z' };
    expect((await post('/v1/cases', moved)).status).toBe(202);
    await profileWith(to, (p) => p.cases.total === 1);
    await profileWith(from, (p) => p.cases.total === 0);
  });

  it('scores a SERVQUAL survey end to end and shows it in the satisfaction metrics of its segment', async () => {
    // The weights the arithmetic below assumes (Berry & Parasuraman's), as the configuration in force:
    // other suites of the run may have created other versions in the same database.
    const created = await fetch(
      `${urls['survey-scoring']}/v1/config/versions`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          weights: { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 },
          tolerance: 0.25,
          benchmarks: {},
          note: 'e2e: the seed weights',
        }),
      }),
    );
    expect(created.status).toBe(201);
    // A segment value of this test's own, so the aggregate holds exactly this response.
    const industry = `industry-${randomUUID().slice(0, 8)}`;
    const survey = aSurveyResponse({
      customer: { id: `cust-${randomUUID()}`, segment: { industry } },
      respondedAt: '2026-11-05T10:00:00Z',
      csat: 4,
      nps: 6,
      ces: 6,
      servqual: {
        reliability: { expectation: 7, perception: 5 },
        responsiveness: { expectation: 6, perception: 6 },
      },
    });
    expect((await post('/v1/surveys', survey)).status).toBe(202);

    const url = `${insightsUrl}/v1/metrics/satisfaction?from=2026-11-05T00:00:00Z&to=2026-11-06T00:00:00Z&groupBy=segment.industry`;
    const row = await waitFor('the satisfaction row of the segment', async () => {
      const body = (await fetch(url, withApiKey()).then((r) => r.json())) as {
        rows: Array<Record<string, any>>;
      };
      return body.rows.find((r) => r.group === industry);
    });
    // Gaps: reliability 5 − 7 = −2, responsiveness 6 − 6 = 0; tangibles, assurance, empathy missing.
    // Weights 32 and 22 renormalised over the two answered: 59.26 and 40.74 → weighted gap −1.1852,
    // below −0.25 → dissatisfied; quality index (−1.1852 + 6) / 12 × 100 = 40.12.
    expect(row).toMatchObject({
      responses: 1,
      csat: { responses: 1, satisfied: 1, percent: 100 },
      nps: { responses: 1, detractors: 1, score: -100 },
      ces: { responses: 1, lowEffortPercent: 100 },
      servqual: { responses: 1, levels: { dissatisfied: 1, satisfied: 0, delighted: 0 } },
    });
    expect(row.servqual.meanWeightedGap).toBeCloseTo(-1.19, 2); // the API rounds to 2 decimals
    expect(row.servqual.meanQualityIndex).toBeCloseTo(40.12, 1);
    expect(row.servqual.dimensions.reliability).toEqual({ responses: 1, meanGap: -2 });
  });

  // Runs last on purpose: the counters it reads were moved by the traffic of the tests above.
  it('reports every service ready (Kafka and Postgres checked) and counts events and dead letters in /metrics', async () => {
    for (const [name, url] of Object.entries(urls)) {
      const live = await fetch(`${url}/health/live`);
      expect(live.status).toBe(200);
      const ready = await fetch(`${url}/health/ready`);
      const report = (await ready.json()) as { status: string; checks: Record<string, { status: string }> };
      expect({ name, status: ready.status, report: report.status }).toEqual({
        name,
        status: 200,
        report: 'ok',
      });
      expect(report.checks).toMatchObject({ kafka: { status: 'up' }, postgres: { status: 'up' } });
    }

    const ingestMetrics = await fetch(`${ingestUrl}/metrics`, withApiKey()).then((r) => r.text());
    expect(ingestMetrics).toMatch(
      /supportlens_events_out_total\{[^}]*topic="support\.cases\.v1"[^}]*\} [1-9]/,
    );
    expect(ingestMetrics).toMatch(/supportlens_dlq_total\{[^}]*reason="MalformedJson"[^}]*\} [1-9]/);
    expect(ingestMetrics).toMatch(
      /supportlens_http_requests_total\{[^}]*route="\/v1\/cases"[^}]*status="202"[^}]*\} [1-9]/,
    );
    const insightsMetrics = await fetch(`${insightsUrl}/metrics`, withApiKey()).then((r) => r.text());
    expect(insightsMetrics).toMatch(
      /supportlens_events_in_total\{[^}]*topic="support\.cases\.classified\.v1"[^}]*\} [1-9]/,
    );
    expect(insightsMetrics).toMatch(/supportlens_duplicates_skipped_total\{[^}]*\} [1-9]/);
  });
});
