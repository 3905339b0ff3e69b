import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
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
import { DEFAULT_BUSINESS_CALENDAR } from './domain/business-calendar';

/**
 * Service metrics through the real broker and database: classified cases and scored surveys go in on
 * the insights topics; the metrics, per group and per case, come out of the API. The issue code, the
 * agents and the customers are this suite's own, so every figure below is exact. Business hours are
 * the default calendar's (Monday–Friday 09:00–17:00 UTC). 2041-03-01 is a Friday, 03-04 a Monday.
 */
describe('service metrics through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;

  const run = randomUUID().slice(0, 8);
  const issueCode = `svc-${run}.refund`;
  const industry = `svc-${run}`;
  const [agentA, agentB] = [`agent-a-${run}`, `agent-b-${run}`];
  const customer = (n: number) => ({
    id: `cust-svc-${run}-${n}`,
    segment: { industry, plan: `plan-${n % 2}` },
  });
  const range = `from=2041-03-01T00:00:00Z&to=2041-03-08T00:00:00Z&issueCode=${issueCode}`;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  /** A case with exactly the fields given (the builder's defaults for times, hold, cost… are dropped). */
  function classifiedCase(n: number, fields: Record<string, unknown>): CloudEventMessage {
    const c = aCase({
      caseId: `case-svc-${run}-${n}`,
      firstResponseAt: undefined,
      resolvedAt: undefined,
      holdSeconds: undefined,
      handleSeconds: undefined,
      abandoned: undefined,
      escalated: undefined,
      reopenCount: undefined,
      cost: undefined,
      agentId: undefined,
      ...fields,
    });
    for (const key of Object.keys(c)) if (c[key] === undefined) delete c[key];
    const data = {
      case: c,
      classification: {
        issueCode,
        category: 'billing',
        confidence: 0.87,
        method: 'model',
        candidates: [],
        taxonomyVersion: 't1',
        tone: { score: -0.4, label: 'negative' },
        issueKind: 'billing',
      },
    };
    const subject = (c.customer as { id: string }).id;
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject, time: String(c.openedAt) });
  }

  function scoredSurvey(caseNumber: number, respondedAt: string, csat: number, nps: number, ces: number) {
    const response = aSurveyResponse({
      customer: customer(1),
      caseId: `case-svc-${run}-${caseNumber}`,
      respondedAt,
      csat,
      nps,
      ces,
    });
    const scores = {
      csat,
      csatSatisfied: csat >= 4,
      nps,
      npsCategory: nps >= 9 ? 'promoter' : 'detractor',
      ces,
    };
    return cloudEventMessage(
      EventContracts.ScoredSurvey,
      { response, scores, scoringConfigVersion: 1 },
      { subject: customer(1).id, time: respondedAt },
    );
  }

  const cases = [
    // 1. A chat opened Friday 16:00, answered Monday 10:00 (66 h, 2 business hours), solved Monday 12:00
    //    (68 h, 4 business hours); the customer had tried self-service and given up first.
    classifiedCase(1, {
      customer: customer(1),
      channel: 'chat',
      agentId: agentA,
      status: 'solved',
      openedAt: '2041-03-01T16:00:00Z',
      firstResponseAt: '2041-03-04T10:00:00Z',
      resolvedAt: '2041-03-04T12:00:00Z',
      holdSeconds: 30,
      handleSeconds: 600,
      abandoned: false,
      missed: false,
      escalated: true,
      reopenCount: 0,
      cost: 10,
      selfServiceAttempted: true,
      selfServiceAbandoned: true,
    }),
    // 2. A call inside business hours: 60 s to answer, an hour to close; tried self-service (outcome unknown).
    classifiedCase(2, {
      customer: customer(2),
      channel: 'phone',
      agentId: agentA,
      status: 'closed',
      openedAt: '2041-03-04T09:30:00Z',
      firstResponseAt: '2041-03-04T09:31:00Z',
      resolvedAt: '2041-03-04T10:30:00Z',
      holdSeconds: 90,
      abandoned: false,
      escalated: false,
      reopenCount: 2,
      cost: 20,
      selfServiceAttempted: true,
    }),
    // 3. A missed chat before opening time, never answered (its handle time is not a chat duration).
    classifiedCase(3, {
      customer: customer(1),
      channel: 'chat',
      agentId: agentB,
      status: 'open',
      openedAt: '2041-03-04T08:00:00Z',
      handleSeconds: 45,
      abandoned: true,
      missed: true,
      escalated: false,
      reopenCount: 0,
    }),
    // 4, 5. Self-service sessions: one on Saturday that went fine, one abandoned.
    classifiedCase(4, {
      customer: customer(3),
      channel: 'self_service',
      status: 'closed',
      openedAt: '2041-03-02T11:00:00Z',
      selfServiceAbandoned: false,
      cost: 0.5,
    }),
    classifiedCase(5, {
      customer: customer(2),
      channel: 'self_service',
      status: 'closed',
      openedAt: '2041-03-04T11:00:00Z',
      selfServiceAbandoned: true,
      cost: 0.5,
    }),
    // 6. A chat answered in 5 minutes, resolved, then reopened: open again, so not resolved.
    classifiedCase(6, {
      customer: customer(3),
      channel: 'chat',
      agentId: agentB,
      status: 'open',
      openedAt: '2041-03-05T10:00:00Z',
      firstResponseAt: '2041-03-05T10:05:00Z',
      resolvedAt: '2041-03-05T11:00:00Z',
      handleSeconds: 900,
      abandoned: false,
      missed: false,
      escalated: false,
      reopenCount: 1,
      cost: 5,
    }),
  ];
  const surveys = [
    scoredSurvey(1, '2041-03-04T13:00:00Z', 5, 9, 2),
    // The later answer about case 1 is the one the row export shows.
    scoredSurvey(1, '2041-03-05T09:00:00Z', 2, 3, 6),
    scoredSurvey(2, '2041-03-04T11:00:00Z', 4, 8, 3),
  ];

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );
  const getJson = async (path: string): Promise<any> => {
    const response = await fetch(`${url}${path}`, withApiKey());
    return { status: response.status, body: await response.json() };
  };

  async function metricsWhenAllArrived(query: string): Promise<any> {
    // The first batch waits for the consumers to join their groups: allow more than the default minute.
    return waitFor(
      'the six cases and their surveys in the read models',
      async () => {
        const { body } = await getJson(`/v1/metrics/service?${range}&groupBy=channel`);
        if (body.total?.cases !== 6) return undefined;
        const export_ = await getJson(`/v1/metrics/service/cases?${range}`);
        return export_.body.items.find((item: any) => item.caseId.endsWith('-1'))?.survey?.csat === 2
          ? (await getJson(`/v1/metrics/service?${query}`)).body
          : undefined;
      },
      { timeoutMs: 100_000 },
    );
  }

  it('computes every metric of the total exactly, business hours skipping the weekend', async () => {
    await send(Topics.CasesClassified, cases);
    await send(Topics.SurveysScored, surveys);
    const report = await metricsWhenAllArrived(`${range}&groupBy=channel`);

    expect(report).toMatchObject({
      from: '2041-03-01T00:00:00.000Z',
      to: '2041-03-08T00:00:00.000Z',
      groupBy: ['channel'],
      period: 'day',
      filters: { issueCode },
      businessCalendar: { timeZone: 'UTC' },
    });
    expect(report.total).toEqual({
      key: 'total',
      group: {},
      cases: 6,
      assistedCases: 4,
      casesByChannel: { chat: 3, phone: 1, self_service: 2 },
      casesByIssueCode: { [issueCode]: 6 },
      // 2 self-service cases + the attempts recorded on cases 1 and 2.
      selfServiceSessions: 4,
      selfServiceSessionsBeforeCase: 2,
      // Customers 1 (cases 1, 3), 2 (case 2) and 3 (case 6) opened assisted cases: 4 ÷ 3.
      customersWithAssistedCase: 3,
      selfServiceScore: 1.33,
      // Abandoned: case 1's attempt and session 5; session 4 was not; case 2's attempt does not say.
      selfServiceAbandoned: 2,
      selfServiceAbandonRate: 0.6667,
      // First responses: 60 (case 2), 300 (case 6), 237,600 (case 1; 7,200 in business hours).
      firstResponses: 3,
      medianFirstResponseSeconds: 300,
      p90FirstResponseSeconds: 190_140, // 300 + 0.8 × (237,600 − 300)
      medianFirstResponseBusinessSeconds: 300,
      p90FirstResponseBusinessSeconds: 5820, // 300 + 0.8 × (7,200 − 300)
      // Resolved: case 2 (3,600) and case 1 (244,800; 14,400 in business hours); case 6 is open again.
      resolvedCases: 2,
      medianResolutionSeconds: 124_200,
      p90ResolutionSeconds: 220_680,
      medianResolutionBusinessSeconds: 9000,
      p90ResolutionBusinessSeconds: 13_320,
      meanHoldSeconds: 60,
      medianHoldSeconds: 60,
      abandonedCases: 1,
      abandonRate: 0.25,
      chats: 3,
      missedChats: 1,
      missedChatRate: 0.3333,
      medianChatDurationSeconds: 750,
      meanChatDurationSeconds: 750,
      escalatedCases: 1,
      escalationRate: 0.25,
      reopenedCases: 2,
      reopenRate: 0.5,
      reopens: 3,
      totalCost: 36,
      costPerCase: 7.2,
    });
    expect(report.rows.map((row: any) => [row.key, row.cases])).toEqual([
      ['chat', 3],
      ['phone', 1],
      ['self_service', 2],
    ]);
    const chat = report.rows[0];
    expect(chat).toMatchObject({
      group: { channel: 'chat' },
      selfServiceSessions: 1,
      customersWithAssistedCase: 2,
      selfServiceScore: 0.5,
      medianFirstResponseSeconds: 118_950, // (300 + 237,600) / 2
      medianFirstResponseBusinessSeconds: 3750,
      resolvedCases: 1,
      medianResolutionBusinessSeconds: 14_400,
    });
    expect(report.rows[2]).toMatchObject({
      selfServiceSessions: 2,
      selfServiceScore: null,
      abandonRate: null,
    });
  });

  it('groups by two dimensions, any of period, agent and segment, and filters by them', async () => {
    const byWeekAndAgent = (await getJson(`/v1/metrics/service?${range}&groupBy=week,agent`)).body;
    expect(byWeekAndAgent.groupBy).toEqual(['period', 'agent']);
    expect(byWeekAndAgent.period).toBe('week');
    expect(
      byWeekAndAgent.rows.map((row: any) => [
        row.key,
        row.group,
        row.cases,
        row.medianFirstResponseBusinessSeconds,
      ]),
    ).toEqual([
      ['2041-W09|' + agentA, { period: '2041-W09', agent: agentA }, 1, 7200],
      ['2041-W09|none', { period: '2041-W09', agent: 'none' }, 1, null],
      ['2041-W10|' + agentA, { period: '2041-W10', agent: agentA }, 1, 60],
      ['2041-W10|' + agentB, { period: '2041-W10', agent: agentB }, 2, 300],
      ['2041-W10|none', { period: '2041-W10', agent: 'none' }, 1, null],
    ]);

    const byPlan = (
      await getJson(
        `/v1/metrics/service?${range}&groupBy=segment.plan&groupBy=channel&segment.industry=${industry}`,
      )
    ).body;
    expect(byPlan.rows.map((row: any) => [row.key, row.cases])).toEqual([
      ['plan-0|phone', 1],
      ['plan-0|self_service', 1],
      ['plan-1|chat', 3],
      ['plan-1|self_service', 1],
    ]);

    const agentB_ = (await getJson(`/v1/metrics/service?${range}&agent=${agentB}&groupBy=month`)).body;
    expect(agentB_.rows).toEqual([
      expect.objectContaining({ key: '2041-03', cases: 2, chats: 2, missedChats: 1, missedChatRate: 0.5 }),
    ]);
    const onlyChat = (await getJson(`/v1/metrics/service?${range}&channel=chat&groupBy=day`)).body;
    expect(onlyChat.rows.map((row: any) => [row.key, row.cases])).toEqual([
      ['2041-03-01', 1],
      ['2041-03-04', 1],
      ['2041-03-05', 1],
    ]);
  });

  it('exports the table as CSV', async () => {
    const response = await fetch(
      `${url}/v1/metrics/service?${range}&groupBy=channel`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^key,channel,cases,assistedCases,casesByChannel,/);
    expect(lines.map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
      'key,channel,cases',
      'chat,chat,3',
      'phone,phone,1',
      'self_service,self_service,2',
      'total,,6',
    ]);
  });

  it('exports one row per case with its metrics, classification and linked survey, by cursor', async () => {
    const first = (await getJson(`/v1/metrics/service/cases?${range}&limit=4`)).body;
    expect(first.items.map((item: any) => item.caseId.split('-').pop())).toEqual(['1', '4', '3', '2']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await getJson(`/v1/metrics/service/cases?${range}&limit=4&cursor=${first.nextCursor}`))
      .body;
    expect(second.items.map((item: any) => item.caseId.split('-').pop())).toEqual(['5', '6']);
    expect(second.nextCursor).toBeNull();

    expect(first.items[0]).toEqual({
      source: 'zendesk',
      caseId: `case-svc-${run}-1`,
      customerId: customer(1).id,
      channel: 'chat',
      status: 'solved',
      agentId: agentA,
      segment: { industry, plan: 'plan-1' },
      openedAt: '2041-03-01T16:00:00.000Z',
      firstResponseAt: '2041-03-04T10:00:00.000Z',
      resolvedAt: '2041-03-04T12:00:00.000Z',
      metrics: {
        firstResponseSeconds: 237_600,
        firstResponseBusinessSeconds: 7200,
        resolutionSeconds: 244_800,
        resolutionBusinessSeconds: 14_400,
        holdSeconds: 30,
        handleSeconds: 600,
        chatDurationSeconds: 600,
        abandoned: false,
        missedChat: false,
        escalated: true,
        reopenCount: 0,
        cost: 10,
        selfServiceSession: true,
        selfServiceAbandoned: true,
      },
      classification: {
        issueCode,
        category: 'billing',
        method: 'model',
        confidence: 0.87,
        tone: 'negative',
        issueKind: 'billing',
      },
      survey: {
        source: 'qualtrics',
        responseId: expect.any(String),
        respondedAt: '2041-03-05T09:00:00.000Z',
        csat: 2,
        nps: 3,
        ces: 6,
      },
    });
    expect(first.items[2]).toMatchObject({
      metrics: { firstResponseSeconds: null, chatDurationSeconds: null, missedChat: true },
      survey: null,
    });
    expect(second.items[1].metrics).toMatchObject({
      resolutionSeconds: null,
      resolutionBusinessSeconds: null,
    });
  });

  it('streams the row export as CSV, or one page of it with X-Next-Cursor', async () => {
    const streamed = await fetch(
      `${url}/v1/metrics/service/cases?${range}`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(streamed.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await streamed.text()).trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['source', 'case_id', 'customer_id']);
    expect(lines).toHaveLength(7);
    const header = lines[0].split(',');
    const case1 = lines.find((line) => line.includes(`case-svc-${run}-1,`))!.split(',');
    const cell = (name: string) => case1[header.indexOf(name)];
    expect([cell('first_response_business_seconds'), cell('resolution_business_seconds')]).toEqual([
      '7200',
      '14400',
    ]);
    expect([cell('issue_code'), cell('csat'), cell('nps'), cell('ces')]).toEqual([issueCode, '2', '3', '6']);

    const paged = await fetch(
      `${url}/v1/metrics/service/cases?${range}&limit=5`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(paged.headers.get('x-next-cursor')).toEqual(expect.any(String));
    expect((await paged.text()).trim().split('\r\n')).toHaveLength(6);
  });

  it('streams a range of several pages in order, each case once', async () => {
    // Written straight into the facts (the consumer is not what this is about): 2,345 cases, three pages.
    const streamCode = `svc-stream-${run}`;
    const dataSource = app.get(DataSource);
    await dataSource.query(
      `INSERT INTO insights.case_facts (source, case_id, event_id, event_time, customer_id, customer, channel,
         status, issue_code, category, classification_method, confidence, opened_at)
       SELECT 'bulk', $1 || '-' || lpad(i::text, 5, '0'), $1 || '-' || i, t, $1, '{}'::jsonb, 'web', 'open', $1,
              'bulk', 'model', 0.5, t
       FROM generate_series(1, 2345) AS i,
            LATERAL (SELECT timestamptz '2041-05-01T00:00:00Z' + (i / 3) * interval '1 minute' AS t) AS opened`,
      [streamCode],
    );
    try {
      const response = await fetch(
        `${url}/v1/metrics/service/cases?from=2041-05-01T00:00:00Z&to=2041-06-01T00:00:00Z&issueCode=${streamCode}`,
        withApiKey({ headers: { accept: 'text/csv' } }),
      );
      const lines = (await response.text()).trim().split('\r\n').slice(1);
      const ids = lines.map((line) => line.split(',')[1]);
      expect(ids).toHaveLength(2345);
      // Three cases share each minute: the keyset's source and case id keep them apart across pages.
      expect(ids).toEqual(
        Array.from({ length: 2345 }, (_, i) => `${streamCode}-${String(i + 1).padStart(5, '0')}`),
      );
    } finally {
      await dataSource.query(`DELETE FROM insights.case_facts WHERE issue_code = $1`, [streamCode]);
    }
  });

  it('changes nothing on redelivered inputs', async () => {
    const before = (await getJson(`/v1/metrics/service?${range}&groupBy=channel`)).body;
    await send(Topics.CasesClassified, cases);
    await send(Topics.SurveysScored, surveys);
    // Markers after the redelivered messages, one per customer (so on each partition they went to): once
    // the markers show, the redeliveries before them were consumed.
    const markers = [1, 2, 3].map((n) =>
      classifiedCase(6 + n, {
        customer: customer(n),
        channel: 'email',
        status: 'open',
        openedAt: '2041-03-06T10:00:00Z',
      }),
    );
    await send(Topics.CasesClassified, markers);
    await send(Topics.SurveysScored, [scoredSurvey(7, '2041-03-06T12:00:00Z', 4, 8, 2)]);
    const after = await waitFor('the marker cases and survey', async () => {
      const { body } = await getJson(`/v1/metrics/service?${range}&groupBy=channel`);
      const rows = (await getJson(`/v1/metrics/service/cases?${range}`)).body.items;
      const marked = rows.find((item: any) => item.caseId === `case-svc-${run}-7`)?.survey;
      return body.total.cases === 9 && marked ? { body, rows } : undefined;
    });
    expect(after.body.rows.filter((row: any) => row.key !== 'email')).toEqual(before.rows);
    expect(after.body.total).toEqual({
      ...before.total,
      cases: 9,
      assistedCases: 7,
      casesByChannel: { ...before.total.casesByChannel, email: 3 },
      casesByIssueCode: { [issueCode]: 9 },
    });
    expect(after.rows.find((item: any) => item.caseId === `case-svc-${run}-1`).survey.csat).toBe(2);
  });

  it('measures business hours with the calendar in force: a new calendar version applies at once, to every case', async () => {
    const postSettings = (body: unknown) =>
      fetch(
        `${url}/v1/settings/versions`,
        withApiKey({
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      );
    const created = await postSettings({
      businessCalendar: { timeZone: 'America/New_York' },
      note: `service-metrics test ${run}`,
    });
    expect(created.status).toBe(201);
    try {
      // 09:00–17:00 in New York (EST, UTC−5, in early March 2041) is 14:00–22:00 UTC. Case 1: Friday
      // 11:00 EST to Monday 05:00 EST is Friday's last six hours; cases 2 and 6 were answered before 09:00 EST.
      const report = (await getJson(`/v1/metrics/service?${range}&groupBy=channel`)).body;
      expect(report.businessCalendar).toEqual({ version: expect.any(Number), timeZone: 'America/New_York' });
      expect(report.total).toMatchObject({
        medianFirstResponseSeconds: 300,
        medianFirstResponseBusinessSeconds: 0,
        p90FirstResponseBusinessSeconds: 17_280, // 0.8 × 21,600
        medianResolutionBusinessSeconds: 10_800, // (0 + 21,600) / 2
      });
      const rows = (await getJson(`/v1/metrics/service/cases?${range}&limit=1`)).body;
      expect(rows.items[0].metrics).toMatchObject({
        firstResponseBusinessSeconds: 21_600,
        resolutionBusinessSeconds: 21_600,
      });
    } finally {
      // Settings are global: put the default calendar back for every suite after this one.
      const restored = await postSettings({
        businessCalendar: DEFAULT_BUSINESS_CALENDAR,
        note: `service-metrics test ${run}: default calendar back`,
      });
      expect(restored.status).toBe(201);
    }
    const back = (await getJson(`/v1/metrics/service?${range}`)).body;
    expect(back.businessCalendar.timeZone).toBe('UTC');
    expect(back.total.p90FirstResponseBusinessSeconds).toBe(5820);
  });

  it('describes both endpoints, their parameters and CSV in the OpenAPI document', async () => {
    const document = (await getJson('/docs/openapi.json')).body;
    const operation = (path: string) => document.paths[path].get;
    const names = (path: string) => operation(path).parameters.map((p: { name: string }) => p.name);
    const filters = ['from', 'to', 'channel', 'issueCode', 'agent', 'segment.industry', 'segment.role'];
    expect(names('/v1/metrics/service')).toEqual(expect.arrayContaining([...filters, 'period', 'groupBy']));
    expect(names('/v1/metrics/service/cases')).toEqual(
      expect.arrayContaining([...filters, 'limit', 'cursor']),
    );
    expect(operation('/v1/metrics/service').tags).toEqual(['metrics']);
    for (const path of ['/v1/metrics/service', '/v1/metrics/service/cases']) {
      expect(Object.keys(operation(path).responses['200'].content)).toEqual(['application/json', 'text/csv']);
    }
    const row =
      operation('/v1/metrics/service').responses['200'].content['application/json'].schema.properties.total;
    expect(Object.keys(row.properties)).toEqual(
      expect.arrayContaining(['p90ResolutionBusinessSeconds', 'selfServiceScore']),
    );
  });

  it('answers bad parameters with 400 problem+json naming the field', async () => {
    const cases_ = [
      ['groupBy=colour', 'groupBy'],
      ['groupBy=channel,agent,issueCode', 'groupBy'],
      ['groupBy=month&period=week', 'period'],
      ['channel=pigeon', 'channel'],
      ['from=2041-03-01', 'from'],
      ['from=2041-03-08T00:00:00Z&to=2041-03-01T00:00:00Z', 'from'],
    ];
    for (const [query, field] of cases_) {
      const response = await fetch(`${url}/v1/metrics/service?${query}`, withApiKey());
      expect([query, response.status]).toEqual([query, 400]);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
      const problem = (await response.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((error) => error.field)).toContain(field);
    }
    const badCursor = await fetch(
      `${url}/v1/metrics/service/cases?cursor=bm90LWEtY3Vyc29y`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(badCursor.status).toBe(400);
  });
});
