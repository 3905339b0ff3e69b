import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  aScoredSurveyMessage,
  cloudEventMessage,
  CloudEventMessage,
  RawProducer,
  startService,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomInt, randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';
import { MarketingDigest } from './digest.view';

/**
 * The weekly digest through the real broker and database. Every suite of a run shares one database,
 * and the digest reads everything of its week, so the scenario lives in a week of its own (a random
 * far-future week) and the assertions are exact:
 *
 * - week W−1: 4 how-to cases of one code; customer A (a promoter) answers NPS 9, CSAT 5.
 * - week W: 12 how-to cases of that code (the content topic triples); A has three reopened,
 *   escalated, angry cases and answers NPS 3, CSAT 2 (churn risk 93, see churn-risk's test); B, who
 *   consents to a case study, has a chat solved in 30 minutes and answers NPS 10, CSAT 5.
 */
describe('GET /v1/digest (real broker and database)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const DAY = 86_400_000;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;

  const run = randomUUID().slice(0, 8);
  const industry = `digest-${run}`;
  const code = `dg-${run}.bulk-import`;
  // A Monday in a random year after every other test's (content topics use 2300–9000): an open topic
  // is moved on, and cleared, by any later event time, so nothing may come after this week.
  // Day 0 (1970-01-01) was a Thursday.
  const yearStart = Math.floor(Date.UTC(9001 + randomInt(0, 990), 0, 1) / DAY);
  const monday = yearStart + 14 - ((yearStart + 3) % 7);
  const at = (day: number, hour: number) => new Date((monday + day) * DAY + hour * 3_600_000).toISOString();

  const customerA = { id: `dg-a-${run}`, segment: { industry } };
  const customerB = { id: `dg-b-${run}`, segment: { industry }, consent: { caseStudy: true } };

  function classified(
    customer: { id: string; segment?: Record<string, string>; consent?: Record<string, boolean> },
    opened: string,
    issueCode: string,
    overrides: Record<string, unknown> = {},
    tone: 'negative' | 'neutral' = 'neutral',
  ): CloudEventMessage {
    const openedAt = Date.parse(opened);
    const supportCase = aCase({
      customer,
      openedAt: opened,
      firstResponseAt: new Date(openedAt + 120_000).toISOString(),
      resolvedAt: new Date(openedAt + 1_800_000).toISOString(),
      status: 'solved',
      channel: 'chat',
      subject: 'How do I import customers in bulk?',
      description: 'How do I import customers in bulk?',
      ...overrides,
    });
    if (overrides.resolvedAt === undefined && 'resolvedAt' in overrides) delete supportCase.resolvedAt;
    const data = {
      case: supportCase,
      classification: {
        issueCode,
        category: issueCode.split('.')[0],
        confidence: 0.95,
        method: 'model',
        candidates: [],
        taxonomyVersion: 't-digest',
        tone: tone === 'negative' ? { score: -0.6, label: 'negative' } : { score: 0, label: 'neutral' },
        issueKind: issueCode === code ? 'how_to' : 'billing',
        phrasing: supportCase.subject,
      },
    };
    const time = (supportCase.resolvedAt as string | undefined) ?? opened;
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: customer.id, time });
  }

  const scored = (customer: { id: string }, respondedAt: string, csat: number, nps: number) =>
    aScoredSurveyMessage({ customer, respondedAt, csat, nps });

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  it('summarises the week: the rising topic, the new candidate, the customer newly at risk, and the trends', async () => {
    const askers = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ id: `dg-asker-${run}-${i}`, segment: { industry } }));
    const previousWeekTopic = askers(4).map((customer, i) => classified(customer, at(-6, 9 + i), code));
    const thisWeekTopic = askers(12).map((customer, i) => classified(customer, at(1, 8 + i), code));
    const troubled = [1, 2, 3].map((day) =>
      classified(
        customerA,
        at(day, 9),
        `dg-${run}.refund`,
        {
          status: 'open',
          reopenCount: 1,
          escalated: true,
          resolvedAt: undefined,
          firstResponseAt: undefined,
        },
        'negative',
      ),
    );
    const quickCase = classified(customerB, at(0, 9), `dg-${run}.refund`);

    await send(Topics.CasesClassified, [...previousWeekTopic, ...thisWeekTopic, ...troubled, quickCase]);
    await send(Topics.SurveysScored, [
      scored(customerA, at(-5, 10), 5, 9),
      scored(customerA, at(4, 10), 2, 3),
      scored(customerB, at(1, 10), 5, 10),
    ]);

    const digest = await waitFor(
      'the week to be applied',
      async () => {
        const response = await fetch(
          `${url}/v1/digest?period=week&at=${at(2, 0).slice(0, 10)}`,
          withApiKey(),
        );
        const body = (await response.json()) as MarketingDigest;
        return body.service?.figures.cases === 16 &&
          body.satisfaction.figures?.responses === 2 &&
          body.newlyAtRisk.length === 1 &&
          body.newCandidates.length === 1
          ? body
          : undefined;
      },
      { timeoutMs: 110_000 },
    );

    expect(digest.period).toMatchObject({
      kind: 'week',
      from: new Date(monday * DAY).toISOString(),
      to: new Date((monday + 7) * DAY).toISOString(),
      previousFrom: new Date((monday - 7) * DAY).toISOString(),
    });
    expect(digest.period.label).toMatch(/^\d{4}-W\d{2}$/);

    const [topTopic] = digest.contentTopics;
    expect(topTopic).toMatchObject({
      key: `issue:${code}`,
      issueCode: code,
      status: 'open',
      volume: 12,
      previousVolume: 4,
      growth: 2,
      howToShare: 1,
    });

    expect(digest.newlyAtRisk).toEqual([
      expect.objectContaining({ customerId: customerA.id, score: 93, raisedAt: at(4, 10) }),
    ]);
    expect(digest.newlyAtRisk[0].reasons[0]).toMatchObject({ signal: 'detractor', points: 18 });

    expect(digest.newCandidates).toEqual([expect.objectContaining({ customerId: customerB.id })]);

    // This week: A's CSAT 2 / NPS 3 and B's CSAT 5 / NPS 10; last week: A's CSAT 5 / NPS 9.
    expect(digest.satisfaction.figures).toMatchObject({
      responses: 2,
      csat: { responses: 2, satisfied: 1, percent: 50 },
      nps: { promoters: 1, detractors: 1, score: 0 },
    });
    expect(digest.satisfaction.trend).toEqual({
      previousResponses: 1,
      csatPercent: -50,
      npsScore: -100,
      satisfactionIndex: null,
    });

    const trend = Object.fromEntries(digest.service.trends.map((t) => [t.metric, t]));
    expect(trend.cases).toEqual({ metric: 'cases', current: 16, previous: 4, change: 12 });
    // A's three cases are escalated; none last week.
    expect(trend.escalationRate).toMatchObject({ current: 3 / 16, previous: 0 });
  });

  it('answers 400 naming a bad parameter', async () => {
    const response = await fetch(`${url}/v1/digest?period=year&at=yesterday`, withApiKey());
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((error) => error.field).sort()).toEqual(['at', 'period']);
  });
});
