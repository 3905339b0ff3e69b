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
import { Admin, Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { LOCK_CUSTOMERS_SQL, REFRESH_PROFILES_SQL } from './refresh-profiles.sql';

/**
 * The complete customer profile through the real broker and database: classified cases spread over
 * 110 days and three scored surveys go in on the insights topics, `GET /v1/customers/:id` serves the
 * windows, reopens and escalations, resolution against the norm, the CSAT / NPS / SERVQUAL trends and
 * the tone of recent cases. Every expected figure is worked out by hand in the comments.
 */
describe('customer profile through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;
  let admin: Admin;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
    admin = new Kafka({ clientId: 'profile-test-admin', brokers: brokers.split(','), logLevel: 1 }).admin();
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.disconnect();
    await producer?.disconnect();
    await app?.close();
  });

  const run = randomUUID().slice(0, 8);
  const customerId = `cust-profile-${run}`;
  // Issue codes of this test alone, so the norms are made of this test's cases only.
  const A = `profile-${run}.slow`;
  const B = `profile-${run}.rare`;
  const industry = `profile-${run}`;

  const T = Date.parse('2033-04-11T12:00:00.000Z'); // the customer's latest fact: where the windows end
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const iso = (ms: number) => new Date(ms).toISOString();

  interface CaseSpec {
    customer?: Record<string, unknown>;
    daysAgo: number;
    code: string;
    channel: string;
    status: 'open' | 'pending' | 'solved' | 'closed';
    /** Resolution time; none for an unresolved case. */
    hours?: number;
    tone: 'negative' | 'neutral' | 'positive';
    escalated?: boolean;
    reopenCount?: number;
  }

  const helpDeskCustomer = {
    id: customerId,
    name: 'Ana Lima',
    email: 'ana.lima@example.com',
    segment: { industry, plan: 'pro' },
    lifetimeValue: 5000,
    consent: { caseStudy: true },
  };

  function classifiedCase(spec: CaseSpec): CloudEventMessage {
    const customer = spec.customer ?? helpDeskCustomer;
    const openedAt = T - spec.daysAgo * DAY;
    const resolvedAt = spec.hours === undefined ? undefined : openedAt + spec.hours * HOUR;
    const c = aCase({
      customer,
      channel: spec.channel,
      status: spec.status,
      openedAt: iso(openedAt),
      resolvedAt: resolvedAt === undefined ? undefined : iso(resolvedAt),
      escalated: spec.escalated ?? false,
      reopenCount: spec.reopenCount ?? 0,
    });
    delete c.firstResponseAt;
    const data = {
      case: c,
      classification: {
        issueCode: spec.code,
        category: 'profile',
        confidence: 0.9,
        method: 'rules',
        candidates: [],
        taxonomyVersion: 't1',
        tone: { score: { negative: -0.5, neutral: 0, positive: 0.5 }[spec.tone], label: spec.tone },
      },
    };
    // The version time: when the case was resolved, or an hour after it was opened.
    const time = iso(resolvedAt ?? openedAt + HOUR);
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: String(customer.id), time });
  }

  function servqual(level: 'dissatisfied' | 'satisfied', gap: number) {
    return {
      dimensions: [
        { dimension: 'reliability', expectation: 6, perception: 6 + gap, gap, items: 1, weight: 100 },
      ],
      missingDimensions: ['responsiveness', 'assurance', 'empathy', 'tangibles'],
      weightSource: 'config',
      weightedGap: gap,
      qualityIndex: ((gap + 6) / 12) * 100,
      level,
    };
  }

  function scoredSurvey(
    daysAgo: number,
    csat: number,
    nps: number,
    extra: { servqual?: ReturnType<typeof servqual>; customer?: Record<string, unknown> } = {},
  ): CloudEventMessage {
    const respondedAt = iso(T - daysAgo * DAY);
    const response = aSurveyResponse({
      customer: extra.customer ?? { id: customerId },
      respondedAt,
      csat,
      nps,
      ces: undefined,
    });
    const scores = {
      csat,
      csatSatisfied: csat >= 4,
      nps,
      npsCategory: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor',
      ...(extra.servqual ? { servqual: extra.servqual } : {}),
    };
    return cloudEventMessage(
      EventContracts.ScoredSurvey,
      { response, scores, scoringConfigVersion: 1 },
      { subject: customerId, time: respondedAt },
    );
  }

  // The customer's cases, days before T (opened at T − d). Opened exactly 7 or 30 days before T is
  // outside that window: a window holds the cases opened after its start.
  const cases = [
    classifiedCase({
      daysAgo: 1,
      code: A,
      channel: 'chat',
      status: 'open',
      tone: 'negative',
      escalated: true,
    }),
    classifiedCase({
      daysAgo: 3,
      code: A,
      channel: 'email',
      status: 'solved',
      hours: 10,
      tone: 'negative',
      reopenCount: 2,
    }),
    classifiedCase({ daysAgo: 7, code: B, channel: 'phone', status: 'solved', hours: 4, tone: 'neutral' }),
    classifiedCase({
      daysAgo: 10,
      code: A,
      channel: 'chat',
      status: 'closed',
      hours: 30,
      tone: 'positive',
      escalated: true,
    }),
    classifiedCase({
      daysAgo: 20,
      code: B,
      channel: 'chat',
      status: 'solved',
      hours: 2,
      tone: 'neutral',
      reopenCount: 1,
    }),
    classifiedCase({ daysAgo: 30, code: A, channel: 'email', status: 'solved', hours: 50, tone: 'negative' }),
    classifiedCase({ daysAgo: 45, code: B, channel: 'phone', status: 'pending', tone: 'positive' }),
    classifiedCase({
      daysAgo: 89,
      code: A,
      channel: 'chat',
      status: 'solved',
      hours: 20,
      tone: 'neutral',
      escalated: true,
    }),
    classifiedCase({
      daysAgo: 95,
      code: A,
      channel: 'chat',
      status: 'solved',
      hours: 100,
      tone: 'negative',
      reopenCount: 3,
    }),
    classifiedCase({ daysAgo: 100, code: B, channel: 'email', status: 'solved', hours: 1, tone: 'positive' }),
    classifiedCase({ daysAgo: 110, code: A, channel: 'web', status: 'solved', hours: 5, tone: 'negative' }),
  ];

  // Other customers' cases of the same codes: they make the norms.
  const others = [1, 2, 3].map((n) => ({ id: `cust-profile-${run}-peer${n}`, segment: { industry } }));
  const peerCases = [
    ...others.map((customer) =>
      classifiedCase({
        customer,
        daysAgo: 40,
        code: A,
        channel: 'chat',
        status: 'solved',
        hours: 16,
        tone: 'neutral',
      }),
    ),
    // Outside the customer's 90-day window, and not resolved: neither counts in the norm.
    classifiedCase({
      customer: others[0],
      daysAgo: 120,
      code: A,
      channel: 'chat',
      status: 'solved',
      hours: 1,
      tone: 'neutral',
    }),
    classifiedCase({
      customer: others[1],
      daysAgo: 5,
      code: A,
      channel: 'chat',
      status: 'open',
      tone: 'neutral',
    }),
    classifiedCase({
      customer: others[0],
      daysAgo: 40,
      code: B,
      channel: 'chat',
      status: 'solved',
      hours: 5,
      tone: 'neutral',
    }),
  ];

  // CSAT 2 then 2 (flat); NPS 10 then 3 (down); SERVQUAL dissatisfied then satisfied (up). The last
  // survey knows only the plan: the industry, value and consent the help desk sent stay.
  const surveys = [
    scoredSurvey(50, 4, 9, { servqual: servqual('dissatisfied', -1.2) }),
    scoredSurvey(20, 2, 10),
    scoredSurvey(0, 2, 3, {
      servqual: servqual('satisfied', 0.1),
      customer: { id: customerId, segment: { plan: 'enterprise' } },
    }),
  ];

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  const getJson = async (path: string): Promise<any> => (await fetch(`${url}${path}`, withApiKey())).json();

  /** Waits until the insights consumers have committed everything now on the input topics. */
  async function waitForInsightsToCatchUp(): Promise<void> {
    const prefix = process.env.KAFKA_GROUP_ID_PREFIX ?? 'supportlens';
    const inputs = [
      { topic: Topics.CasesClassified, groupId: `${prefix}.insights.classified-cases` },
      { topic: Topics.SurveysScored, groupId: `${prefix}.insights.scored-surveys` },
    ];
    const ends = await Promise.all(inputs.map(({ topic }) => admin.fetchTopicOffsets(topic)));
    await waitFor('the insights consumers to catch up', async () => {
      for (const [i, { topic, groupId }] of inputs.entries()) {
        const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
        const done = ends[i].every((end) => {
          // A partition holding nothing has nothing to commit (its group offset stays -1).
          if (end.offset === end.low) return true;
          const at = committed.partitions.find((p) => p.partition === end.partition);
          return at !== undefined && BigInt(at.offset) >= BigInt(end.offset);
        });
        if (!done) return undefined;
      }
      return true;
    });
  }

  let first: any;

  it('serves the windows, counts, resolution against the norm, trends and tone of one customer', async () => {
    await send(Topics.CasesClassified, [...cases].reverse());
    await send(Topics.CasesClassified, peerCases);
    await send(Topics.SurveysScored, surveys);

    await waitFor('every case of the peers', async () => {
      const peers = await Promise.all(others.map((o) => getJson(`/v1/customers/${o.id}`)));
      return peers.map((peer) => peer.cases?.total).join() === '3,2,1' ? true : undefined;
    });
    first = await waitFor('the complete profile', async () => {
      const profile = await getJson(`/v1/customers/${customerId}`);
      return profile.cases?.total === 11 && profile.surveys?.total === 3 ? profile : undefined;
    });

    expect(first).toMatchObject({
      customerId,
      segment: { industry, plan: 'enterprise' },
      lifetimeValue: 5000,
      consent: { caseStudy: true },
      cases: { total: 11, open: 2 },
      surveys: { total: 3 },
      lastCsat: { score: 2, at: iso(T) },
      lastNps: { score: 3, category: 'detractor', at: iso(T) },
      lastContactAt: iso(T),
      asOf: iso(T),
    });

    expect(first.windows['7d']).toEqual({
      days: 7,
      from: iso(T - 7 * DAY),
      to: iso(T),
      cases: 2, // 1 and 3 days ago
      byStatus: { open: 1, solved: 1 },
      byIssueCode: { [A]: 2 },
      byChannel: { chat: 1, email: 1 },
      reopenedCases: 1,
      reopens: 2,
      escalated: 1,
      resolution: { resolved: 1, medianHours: 10, byIssueCode: { [A]: { resolved: 1, medianHours: 10 } } },
      tone: { negative: 2, neutral: 0, positive: 0 },
    });
    expect(first.windows['30d']).toEqual({
      days: 30,
      from: iso(T - 30 * DAY),
      to: iso(T),
      cases: 5, // 1, 3, 7, 10, 20 days ago
      byStatus: { open: 1, solved: 3, closed: 1 },
      byIssueCode: { [A]: 3, [B]: 2 },
      byChannel: { chat: 3, email: 1, phone: 1 },
      reopenedCases: 2,
      reopens: 3,
      escalated: 2,
      // 2, 4, 10, 30 h → median 7; A: 10, 30 → 20; B: 2, 4 → 3.
      resolution: {
        resolved: 4,
        medianHours: 7,
        byIssueCode: { [A]: { resolved: 2, medianHours: 20 }, [B]: { resolved: 2, medianHours: 3 } },
      },
      tone: { negative: 2, neutral: 2, positive: 1 },
    });
    expect(first.windows['90d']).toEqual({
      days: 90,
      from: iso(T - 90 * DAY),
      to: iso(T),
      cases: 8, // up to 89 days ago
      byStatus: { open: 1, pending: 1, solved: 5, closed: 1 },
      byIssueCode: { [A]: 5, [B]: 3 },
      byChannel: { chat: 4, email: 2, phone: 2 },
      reopenedCases: 2,
      reopens: 3,
      escalated: 3,
      // 2, 4, 10, 20, 30, 50 h → median 15; A: 10, 20, 30, 50 → 25; B: 2, 4 → 3.
      resolution: {
        resolved: 6,
        medianHours: 15,
        byIssueCode: { [A]: { resolved: 4, medianHours: 25 }, [B]: { resolved: 2, medianHours: 3 } },
      },
      tone: { negative: 3, neutral: 3, positive: 2 },
    });

    // Norm of A in the customer's 90 days: 10, 16, 16, 16, 20, 30, 50 h → 16 h over 7 cases (the peer
    // case of 120 days ago and the unresolved one are out). The customer's 25 h is 1.5625× the norm:
    // slower than the band (≤ 1.25×). B has 3 cases (< 5): no norm, left out of the comparison.
    expect(first.resolution).toEqual({
      windowDays: 90,
      resolved: 6,
      medianHours: 15,
      normHours: 16,
      ratio: 1.563,
      verdict: 'slower',
      byIssueCode: [
        { issueCode: A, resolved: 4, medianHours: 25, norm: { cases: 7, medianHours: 16 }, ratio: 1.563 },
        { issueCode: B, resolved: 2, medianHours: 3, norm: null, ratio: null },
      ],
    });

    expect(first.satisfaction).toEqual({
      csat: { last: 2, lastAt: iso(T), previous: 2, previousAt: iso(T - 20 * DAY), direction: 'flat' },
      nps: {
        last: 3,
        lastAt: iso(T),
        previous: 10,
        previousAt: iso(T - 20 * DAY),
        direction: 'down',
        category: 'detractor',
        previousCategory: 'promoter',
      },
      servqualLevel: {
        last: 'satisfied',
        lastAt: iso(T),
        previous: 'dissatisfied',
        previousAt: iso(T - 50 * DAY),
        direction: 'up',
        gap: 0.1,
        previousGap: -1.2,
      },
    });

    // The last 10 cases (the one of 110 days ago is the 11th): negative 1, 3, 30, 95 days ago.
    expect(first.recentTone).toEqual({ cases: 10, of: 10, negative: 4, neutral: 3, positive: 3 });
  });

  it('gives the same profile for the same events: redelivered, or derived again later', async () => {
    expect(first).toBeDefined();

    // Every event again, in another order: the inbox drops them and the profile is untouched.
    await send(Topics.SurveysScored, [...surveys].reverse());
    await send(Topics.CasesClassified, [...peerCases, ...cases]);
    await waitForInsightsToCatchUp();
    expect(await getJson(`/v1/customers/${customerId}`)).toEqual(first);

    // Derived again from the stored facts, at another wall-clock time: only updatedAt moves.
    const dataSource = app.get(DataSource);
    await dataSource.transaction(async (manager) => {
      await manager.query(LOCK_CUSTOMERS_SQL, [[customerId]]);
      await manager.query(REFRESH_PROFILES_SQL, [[customerId]]);
    });
    const again = await getJson(`/v1/customers/${customerId}`);
    expect(Date.parse(again.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect({ ...again, updatedAt: undefined }).toEqual({ ...first, updatedAt: undefined });
  });
});
