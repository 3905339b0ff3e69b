import { INestApplication } from '@nestjs/common';
import { CaseStudyCandidateInsight, EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  aScoredSurveyMessage,
  cloudEventMessage,
  CloudEventMessage,
  RawProducer,
  ReadMessage,
  startService,
  TopicReader,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';

type Customer = { id: string; segment?: Record<string, string>; lifetimeValue?: number; consent?: object };

/**
 * Case-study and focus-group candidates through the real broker and database: classified cases and
 * scored surveys go in on the insights topics, candidacies come out on
 * `marketing.insights.case-study-candidates.v1` and behind the API. Scores are worked out in the
 * comments with the default settings. Every customer, segment value and issue code is this run's own.
 *
 * The input topics are shared: other runs' insights apps (each with its own database) may consume this
 * run's inputs too and publish the same events (same ids: derived from customer and sequence). So
 * what this app decided is read from its own outbox, and each of those events is looked up on the
 * topic by its id; progress is awaited on this app's read models, never on the topic.
 */
describe('case-study and focus-group candidates through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;
  let insights: TopicReader;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
    insights = await TopicReader.start(brokers, Topics.CaseStudyCandidateInsights);
  });

  afterAll(async () => {
    await insights?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  const run = randomUUID().slice(0, 8);
  const issueCode = `cs-${run}.invoice`;

  /**
   * A case solved `hours` after it opened, by default never reopened or escalated and in a good mood;
   * its version time is the resolution.
   */
  function solvedCase(
    customer: Customer,
    opened: string,
    hours: number,
    { reopenCount = 0, escalated = false, tone = 'positive' } = {},
  ): CloudEventMessage {
    const openedAt = new Date(opened);
    const resolvedAt = new Date(openedAt.getTime() + hours * 3_600_000).toISOString();
    const c = aCase({
      customer,
      openedAt: openedAt.toISOString(),
      firstResponseAt: new Date(openedAt.getTime() + 120_000).toISOString(),
      resolvedAt,
      status: 'solved',
      escalated,
      reopenCount,
    });
    const data = {
      case: c,
      classification: {
        issueCode,
        category: 'billing',
        confidence: 0.9,
        method: 'rules',
        candidates: [],
        taxonomyVersion: 't1',
        tone: { score: tone === 'negative' ? -0.6 : 0.5, label: tone },
      },
    };
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: customer.id, time: resolvedAt });
  }

  const scoredSurvey = (customerId: string, respondedAt: string, nps: number, csat: number) =>
    aScoredSurveyMessage({ customer: { id: customerId }, respondedAt, csat, nps });

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  const get = (path: string, accept = 'application/json') =>
    fetch(`${url}${path}`, withApiKey({ headers: { accept } }));
  const getJson = async (path: string): Promise<any> => (await get(path)).json();

  type Published = { message: ReadMessage; data: CaseStudyCandidateInsight };

  /** What this app's outbox holds for the customer, in sequence order: every event it decided. */
  const outboxOf = (customerId: string): Promise<Array<{ event_id: string; data: object; sent: boolean }>> =>
    app.get(DataSource).query(
      `SELECT event_id, data, sent_at IS NOT NULL AS sent FROM insights.insight_outbox
         WHERE topic = $1 AND key = $2 ORDER BY sequence`,
      [Topics.CaseStudyCandidateInsights, customerId],
    );

  /** This app's events for the customer as they landed on the topic (same id, same data); undefined until all have. */
  const publishedFor = async (customerId: string): Promise<Published[] | undefined> => {
    const decided = await outboxOf(customerId);
    const onTopic = insights
      .find((m) => m.key === customerId)
      .map((message) => ({ message, data: JSON.parse(message.value!) as CaseStudyCandidateInsight }));
    const published = decided.map((row) =>
      onTopic.find((e) => e.message.headers.ce_id === row.event_id && isDeepStrictEqual(e.data, row.data)),
    );
    return decided.every((row) => row.sent) && published.every((e) => e !== undefined)
      ? (published as Published[])
      : undefined;
  };

  const waitForChange = (customerId: string, change: string) =>
    waitFor(`a ${change} candidacy for ${customerId}`, async () => {
      const events = await publishedFor(customerId);
      return events?.some((e) => e.data.change === change) ? events : undefined;
    });

  // A customer worth 10,000 who consents to a case study only. A chat solved in 30 minutes on 1 May
  // (09:00–09:30), then NPS 10 and CSAT 5 the next day at 10:00 (the latest fact):
  //   satisfaction 40 × (10/10 + (5 − 1)/4) / 2                  = 40
  //   recency      20 × (1 − 24.5 h / 60 days)                   = 19.66
  //   value        20 × log10(10,000 / 1,000)                    = 20
  //   tenure       10 × 25 h / 365 days                          =  0.03
  //   engagement   10 × 1 survey / 5                             =  2     → 81.69, score 82
  const promoter: Customer = {
    id: `cust-cand-${run}`,
    segment: { industry: `cs-${run}-retail`, region: `cs-${run}` },
    lifetimeValue: 10_000,
    consent: { caseStudy: true },
  };
  const quickCase = solvedCase(promoter, '2032-05-01T09:00:00.000Z', 0.5);
  const delighted = scoredSurvey(promoter.id, '2032-05-02T10:00:00.000Z', 10, 5);

  // The same evidence, but the customer never said yes to anything.
  const silent: Customer = {
    id: `cust-nocons-${run}`,
    segment: { industry: `cs-${run}-retail`, region: `cs-${run}` },
  };
  const silentMessages = {
    cases: [solvedCase(silent, '2032-05-01T09:00:00.000Z', 0.5)],
    surveys: [scoredSurvey(silent.id, '2032-05-02T10:00:00.000Z', 10, 5)],
  };

  it('raises a consenting promoter after a quickly solved case, with the evidence, and never one without consent', async () => {
    await send(Topics.CasesClassified, [quickCase, ...silentMessages.cases]);
    await send(Topics.SurveysScored, [delighted, ...silentMessages.surveys]);

    const [raised] = await waitForChange(promoter.id, 'raised');
    expect(raised.message.headers).toMatchObject({
      ce_type: EventContracts.CaseStudyCandidateInsight.type,
      ce_subject: promoter.id,
      ce_source: '/supportlens/insights/case-study-candidates',
      ce_time: '2032-05-02T10:00:00.000Z',
    });
    expect(raised.data).toMatchObject({
      customerId: promoter.id,
      change: 'raised',
      score: 82,
      scoreParts: { satisfaction: 40, recency: 19.66, value: 20, tenure: 0.03, engagement: 2 },
      programmes: ['caseStudy'],
      segment: promoter.segment,
      lifetimeValue: 10_000,
      surveysAnswered: 1,
      firstSeenAt: '2032-05-01T09:00:00.000Z',
      at: '2032-05-02T10:00:00.000Z',
      sequence: 1,
    });
    const surveyId = JSON.parse(delighted.value).response.responseId;
    expect(raised.data.satisfaction).toEqual([
      expect.objectContaining({
        measure: 'nps',
        value: 10,
        level: 'promoter',
        responseId: surveyId,
        delighted: true,
      }),
      expect.objectContaining({
        measure: 'csat',
        value: 5,
        responseId: surveyId,
        detail: 'last CSAT 5 of 5 on 2032-05-02',
      }),
    ]);
    expect(raised.data.resolvedCase).toEqual({
      caseId: JSON.parse(quickCase.value).case.caseId,
      source: 'zendesk',
      issueCode,
      channel: 'chat',
      openedAt: '2032-05-01T09:00:00.000Z',
      resolvedAt: '2032-05-01T09:30:00.000Z',
      resolutionHours: 0.5,
      ageDays: 1.02,
    });
    expect(raised.data.withdrawnBecause).toBeUndefined();

    // The customer view shows the candidacy next to the profile, and keeps the fields it had.
    const profile = await getJson(`/v1/customers/${promoter.id}`);
    expect(profile).toMatchObject({ customerId: promoter.id, churnRisk: null, cases: { total: 1 } });
    expect(profile.insights.churnRisk).toBeNull();
    expect(profile.insights.caseStudyCandidate).toMatchObject({
      score: 82,
      programmes: ['caseStudy'],
      raisedAt: '2032-05-02T10:00:00.000Z',
      version: 1,
      evidence: { resolvedCase: { issueCode, resolutionHours: 0.5 }, surveysAnswered: 1 },
    });

    // The list, by each of its filters.
    const industry = `segment.industry=${promoter.segment!.industry}`;
    const list = await getJson(
      `/v1/insights/case-study-candidates?${industry}&programme=caseStudy&issueCode=${issueCode}`,
    );
    expect(list).toEqual({
      items: [expect.objectContaining({ customerId: promoter.id, score: 82, segment: promoter.segment })],
      nextCursor: null,
    });
    expect(
      (await getJson(`/v1/insights/case-study-candidates?${industry}&programme=reference`)).items,
    ).toEqual([]);
    expect((await getJson(`/v1/insights/case-study-candidates?${industry}&minScore=83`)).items).toEqual([]);
    expect(
      (
        await getJson(
          `/v1/insights/case-study-candidates?${industry}&from=2032-05-02T10:00:00Z&to=2032-05-03T00:00:00Z`,
        )
      ).items,
    ).toHaveLength(1);
    expect(
      (await getJson(`/v1/insights/case-study-candidates?${industry}&period=week&to=2032-05-02T09:00:00Z`))
        .items,
    ).toEqual([]);

    const csv = await get(`/v1/insights/case-study-candidates?${industry}`, 'text/csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,score,programmes,industry,plan,region,company_size,role,satisfaction,resolved_case_id,issue_code,resolved_at,resolution_hours,lifetime_value,raised_at,updated_at',
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${promoter.id},82,caseStudy,cs-${run}-retail,,cs-${run},,,last NPS 10 \\(promoter\\) on 2032-05-02; `,
        ),
      ),
    ]);

    // The customer without consent: every fact applied (the step runs in the same transaction as the
    // profile), and no candidacy, no event.
    const silentProfile = await waitFor('the silent customer’s facts', async () => {
      const body = await getJson(`/v1/customers/${silent.id}`);
      return body.cases?.total === 1 && body.surveys?.total === 1 ? body : undefined;
    });
    expect(silentProfile.insights).toEqual({ churnRisk: null, caseStudyCandidate: null });
    expect(await outboxOf(silent.id)).toEqual([]);
  });

  it('withdraws the candidacy when a later case withdraws the consent, and raises nothing twice on redelivery', async () => {
    // The same messages again (same ids): the inbox skips them, nothing changes, nothing is emitted.
    await send(Topics.CasesClassified, [quickCase, ...silentMessages.cases]);
    await send(Topics.SurveysScored, [delighted, ...silentMessages.surveys]);
    // After them on the same partitions: a second promoter answer (14 May: +2 engagement, −4 recency: 80,
    // no update) and a case whose customer now says no to case studies.
    await send(Topics.SurveysScored, [scoredSurvey(promoter.id, '2032-05-14T10:00:00.000Z', 10, 5)]);
    await send(Topics.CasesClassified, [
      solvedCase({ ...promoter, consent: { caseStudy: false } }, '2032-05-20T09:00:00.000Z', 1),
    ]);

    const events = await waitForChange(promoter.id, 'withdrawn');
    // Both later messages applied: the duplicates before them on their partitions were too.
    await waitFor('the second survey', async () => {
      const body = await getJson(`/v1/customers/${promoter.id}`);
      return body.surveys?.total === 2 ? body : undefined;
    });
    const all = (await publishedFor(promoter.id))!;
    expect(all.map((e) => [e.data.change, e.data.sequence])).toEqual([
      ['raised', 1],
      ['withdrawn', 2],
    ]);
    expect(new Set(all.map((e) => e.message.headers.ce_id)).size).toBe(2);
    expect(events.map((e) => e.message.headers.ce_id)).toEqual(all.map((e) => e.message.headers.ce_id));
    const withdrawn = events[events.length - 1].data;
    expect(withdrawn).toMatchObject({
      change: 'withdrawn',
      programmes: [],
      withdrawnBecause: [
        { reason: 'no_consent', detail: 'consents to no case study, reference or focus group' },
      ],
      at: '2032-05-20T10:00:00.000Z',
      sequence: 2,
    });

    const profile = await getJson(`/v1/customers/${promoter.id}`);
    expect(profile.insights.caseStudyCandidate).toBeNull();
    const industry = `segment.industry=${promoter.segment!.industry}`;
    expect((await getJson(`/v1/insights/case-study-candidates?${industry}`)).items).toEqual([]);
    expect(await outboxOf(silent.id)).toEqual([]);
  });

  it('withdraws a candidate whom the churn-risk step, earlier in the same transaction, finds at risk', async () => {
    const customer: Customer = {
      id: `cust-turn-${run}`,
      segment: { industry: `cs-${run}-turn` },
      consent: { reference: true },
    };
    await send(Topics.CasesClassified, [solvedCase(customer, '2032-07-01T09:00:00.000Z', 0.5)]);
    await send(Topics.SurveysScored, [scoredSurvey(customer.id, '2032-07-02T10:00:00.000Z', 9, 5)]);
    await waitForChange(customer.id, 'raised');

    // Three cases solved after 72 h, each reopened and escalated, in a bad mood. No answer changes:
    // the customer is not unhappy by the candidate rules, and the good case is still the latest
    // resolved well. Churn risk (default settings): repeated 2 × (4 − 3) + 4 × (4 − 1) = 14, reopened
    // 15, escalated 15, long resolution 5 × (72 / 24 − 1) = 10, negative tone 15 × 3/4 = 11.25 → 65:
    // raised, so the candidacy is withdrawn for that reason alone, in the same batch.
    await send(
      Topics.CasesClassified,
      ['2032-07-03', '2032-07-04', '2032-07-05'].map((day) =>
        solvedCase(customer, `${day}T09:00:00.000Z`, 72, {
          reopenCount: 1,
          escalated: true,
          tone: 'negative',
        }),
      ),
    );
    const events = await waitForChange(customer.id, 'withdrawn');
    expect(events.map((e) => e.data.change)).toEqual(['raised', 'withdrawn']);
    expect(events[1].data).toMatchObject({
      programmes: ['reference'],
      withdrawnBecause: [{ reason: 'churn_risk', detail: 'open churn-risk insight, score 65' }],
      at: '2032-07-08T09:00:00.000Z',
    });
    const profile = await getJson(`/v1/customers/${customer.id}`);
    expect(profile.insights.caseStudyCandidate).toBeNull();
    expect(profile.insights.churnRisk).toMatchObject({ score: 65, version: 1 });
    expect(profile.churnRisk).toEqual(profile.insights.churnRisk);
  });

  it('draws a focus group across industries, so that it is not one segment', async () => {
    // Nine consenting promoters of this run's region in three industries: 4 in a, 3 in b, 2 in c.
    // Each scores 59.71 + 20 × log10(value / 1,000): a 79, 78, 77, 75; b 78, 77, 76; c 74, 72.
    const region = `fg-${run}`;
    const members = [
      ...[9_000, 8_000, 7_000, 6_000].map((value, i) => ({ industry: 'a', value, i })),
      ...[8_500, 7_500, 6_500].map((value, i) => ({ industry: 'b', value, i })),
      ...[5_000, 4_000].map((value, i) => ({ industry: 'c', value, i })),
    ].map(({ industry, value, i }) => ({
      id: `cust-fg-${run}-${industry}${i}`,
      segment: { industry: `fg-${run}-${industry}`, region },
      lifetimeValue: value,
      consent: { focusGroup: true },
    }));
    await send(
      Topics.CasesClassified,
      members.map((customer) => solvedCase(customer, '2032-06-01T09:00:00.000Z', 2)),
    );
    await send(
      Topics.SurveysScored,
      members.map((customer) => scoredSurvey(customer.id, '2032-06-02T10:00:00.000Z', 9, 5)),
    );

    await waitFor('nine focus-group candidates', async () => {
      const body = await getJson(
        `/v1/insights/case-study-candidates?segment.region=${region}&programme=focusGroup`,
      );
      return body.items?.length === 9 ? body : undefined;
    });
    // They consent to focus groups only.
    expect(
      (await getJson(`/v1/insights/case-study-candidates?segment.region=${region}&programme=caseStudy`))
        .items,
    ).toEqual([]);

    const group = await getJson(
      `/v1/insights/focus-group-candidates?size=6&by=industry&segment.region=${region}`,
    );
    expect(group).toMatchObject({ by: 'industry', size: 6, perSegmentCap: 2 });
    expect(group.members.map((m: { customerId: string }) => m.customerId)).toEqual([
      `cust-fg-${run}-a0`,
      `cust-fg-${run}-b0`,
      `cust-fg-${run}-c0`,
      `cust-fg-${run}-a1`,
      `cust-fg-${run}-b1`,
      `cust-fg-${run}-c1`,
    ]);
    expect(group.segments).toEqual([
      { value: `fg-${run}-a`, candidates: 4, drawn: 2 },
      { value: `fg-${run}-b`, candidates: 3, drawn: 2 },
      { value: `fg-${run}-c`, candidates: 2, drawn: 2 },
    ]);
    expect(group.members[0].evidence.resolvedCase).toMatchObject({ issueCode, resolutionHours: 2 });

    // Nine asked for: at most 3 per industry, so c's two leave the group one short unless topped up.
    const nine = await getJson(`/v1/insights/focus-group-candidates?size=9&segment.region=${region}`);
    expect(nine.members).toHaveLength(8);
    const filled = await getJson(
      `/v1/insights/focus-group-candidates?size=9&fill=true&segment.region=${region}`,
    );
    expect(filled.members).toHaveLength(9);

    const csv = await get(`/v1/insights/focus-group-candidates?size=6&segment.region=${region}`, 'text/csv');
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/,drawn_for$/);
    expect(lines.slice(1).map((line) => line.split(',').pop())).toEqual(
      ['a', 'b', 'c', 'a', 'b', 'c'].map((industry) => `fg-${run}-${industry}`),
    );

    // Every candidate once across the pages of the list, newest raised first.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ customerId: string }>; nextCursor: string | null } = await getJson(
        `/v1/insights/case-study-candidates?segment.region=${region}&sort=recent&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((item) => item.customerId));
      cursor = page.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual(members.map((m) => m.id).sort());
  });

  it('refuses bad parameters with a problem naming the field', async () => {
    const bad = await get('/v1/insights/focus-group-candidates?by=colour&size=0');
    const problem = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = problem.errors.map((e) => e.field).sort();
    expect(fields).toEqual(['by', 'size']);
    const both = await get('/v1/insights/case-study-candidates?period=week&from=2032-01-01T00:00:00Z');
    expect(both.status).toBe(400);
    expect(((await both.json()) as { errors: unknown[] }).errors).toEqual([
      expect.objectContaining({ field: 'from' }),
    ]);
    const cursor = await get('/v1/insights/case-study-candidates?sort=recent&cursor=WzEsImEiXQ');
    expect(cursor.status).toBe(400);
  });

  it('describes both endpoints and their parameters in the OpenAPI document', async () => {
    const document = await getJson('/docs/openapi.json');
    const parameters = (path: string) =>
      (document.paths[path].get.parameters as Array<{ name: string; in: string }>).map((p) => p.name).sort();
    expect(parameters('/v1/insights/case-study-candidates')).toEqual(
      [
        'cursor',
        'from',
        'issueCode',
        'limit',
        'minScore',
        'period',
        'programme',
        'segment.companySize',
        'segment.industry',
        'segment.plan',
        'segment.region',
        'segment.role',
        'sort',
        'to',
      ].sort(),
    );
    expect(parameters('/v1/insights/focus-group-candidates')).toEqual(
      expect.arrayContaining(['size', 'by', 'fill', 'segment.industry', 'minScore', 'period', 'issueCode']),
    );
    expect(document.paths['/v1/customers/{id}'].get.tags).toEqual(['customers']);
  });
});
