import { INestApplication } from '@nestjs/common';
import { ChurnRiskInsight, EventContracts, Topics } from '@supportlens/contracts';
import {
  aClassifiedCaseMessage,
  aScoredSurveyMessage,
  CloudEventMessage,
  RawProducer,
  ReadMessage,
  startService,
  TopicReader,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { AppModule } from '../app.module';

/**
 * Churn risk through the real broker and database: classified cases and scored surveys go in on the
 * insights topics, churn-risk insights come out on `marketing.insights.churn-risk.v1`. Scores are
 * worked out in the comments with the default settings (raise ≥ 60, clear < 40).
 */
describe('churn-risk insights through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;
  let insights: TopicReader;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
    insights = await TopicReader.start(brokers, Topics.ChurnRiskInsights);
  });

  afterAll(async () => {
    await insights?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  const customerId = `cust-churn-${randomUUID().slice(0, 8)}`;
  const customer = { id: customerId, segment: { industry: `churn-${customerId}` } };

  const classifiedCase = (
    opened: string,
    overrides: Record<string, unknown>,
    tone: 'negative' | 'positive',
  ) =>
    aClassifiedCaseMessage(
      { customer, openedAt: opened, firstResponseAt: undefined, ...overrides },
      { tone },
    );

  const scoredSurvey = (respondedAt: string, csat: number, nps: number) =>
    aScoredSurveyMessage({ customer, respondedAt, csat, nps });

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  const getJson = async (path: string): Promise<any> => (await fetch(`${url}${path}`, withApiKey())).json();

  const eventsOf = (reader: TopicReader): Array<{ message: ReadMessage; data: ChurnRiskInsight }> =>
    reader
      .find((m) => m.key === customerId)
      .map((message) => ({ message, data: JSON.parse(message.value!) as ChurnRiskInsight }));

  const waitForChange = (change: string) =>
    waitFor(`a ${change} insight for ${customerId}`, async () => {
      const events = eventsOf(insights);
      return events.some((e) => e.data.change === change) ? events : undefined;
    });

  // A promoter (NPS 9) who, after three reopened, escalated, angry cases, answers NPS 3 and CSAT 2:
  //   detractor 12 + 2 × (6 − 3) = 18; reopened min(15, 5 × 3) = 15; escalated min(15, 6 × 3) = 15;
  //   negative tone 15 × 3/3 = 15; low CSAT 6 × (4 − 2) = 12; falling min(10, max(2 × 6, 4 × 3)) = 10;
  //   repeated cases 2 × (3 − 3) + 4 × (3 − 1) = 8            → 93 (no lifetime value: factor 1)
  // Partial states stay below 60 (cases alone 53, surveys alone 40), so the one raise is at 93.
  const promoter = scoredSurvey('2032-04-01T10:00:00.000Z', 5, 9);
  const troubled = ['2032-04-10', '2032-04-15', '2032-04-20'].map((day) =>
    classifiedCase(
      `${day}T09:00:00.000Z`,
      { status: 'open', reopenCount: 1, escalated: true, resolvedAt: undefined },
      'negative',
    ),
  );
  const detractor = scoredSurvey('2032-04-25T10:00:00.000Z', 2, 3);

  it('raises a customer who turns from promoter to detractor after three reopened, escalated cases', async () => {
    await send(Topics.SurveysScored, [promoter, detractor]);
    await send(Topics.CasesClassified, troubled);

    const [raised] = await waitForChange('raised');
    expect(raised.message.headers).toMatchObject({
      ce_type: EventContracts.ChurnRiskInsight.type,
      ce_subject: customerId,
      ce_source: '/supportlens/insights/churn-risk',
    });
    expect(raised.data).toMatchObject({
      customerId,
      change: 'raised',
      score: 93,
      sequence: 1,
      at: '2032-04-25T10:00:00.000Z',
      suggestedAction: expect.stringMatching(/^Call within 48 h by a senior agent/),
    });
    expect(raised.data.reasons.map((r) => [r.signal, r.points])).toEqual([
      ['detractor', 18],
      ['reopened_cases', 15],
      ['escalated_cases', 15],
      ['negative_tone', 15],
      ['low_csat', 12],
      ['falling_trend', 10],
      ['repeated_cases', 8],
    ]);

    const profile = await getJson(`/v1/customers/${customerId}`);
    expect(profile.churnRisk).toMatchObject({ score: 93, version: 1 });
    expect(profile.churnRisk.reasons[0]).toMatchObject({
      signal: 'detractor',
      detail: 'last NPS 3 (detractor)',
    });

    const list = await getJson(
      `/v1/insights/churn-risk?minScore=90&segment.industry=${customer.segment.industry}`,
    );
    expect(list).toEqual({ items: [expect.objectContaining({ customerId, score: 93 })], nextCursor: null });
    const csv = await fetch(
      `${url}/v1/insights/churn-risk?segment.industry=${customer.segment.industry}`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'customer_id,score,top_reasons,suggested_action,lifetime_value,industry,raised_at,updated_at',
    );
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^${customerId},93,detractor \\(18\\); `)),
    ]);
  });

  it('raises nothing new for redelivered inputs, and clears after a satisfied survey and solved cases', async () => {
    // The same messages again (same ids): the inbox skips them, nothing changes, nothing is emitted.
    await send(Topics.SurveysScored, [promoter, detractor]);
    await send(Topics.CasesClassified, troubled);

    // Three months later: two cases solved within the hour, in a good mood, and a satisfied promoter.
    // The troubled cases are now outside the 90-day window (counted back from 2032-08-01):
    //   repeated cases 4 × (2 − 1) = 4; everything else 0      → 4 < 40: cleared.
    // (Had the cases been applied before the survey: detractor 18 + CSAT 12 + trend 10 + 4 = 44, an
    // update, then the survey clears.) The redelivered messages precede these on the same partitions,
    // so by the time the clear arrives they have been consumed.
    await send(Topics.CasesClassified, [
      classifiedCase('2032-07-28T09:00:00.000Z', { resolvedAt: '2032-07-28T09:40:00.000Z' }, 'positive'),
      classifiedCase('2032-07-30T09:00:00.000Z', { resolvedAt: '2032-07-30T09:30:00.000Z' }, 'positive'),
    ]);
    await send(Topics.SurveysScored, [scoredSurvey('2032-08-01T10:00:00.000Z', 5, 10)]);

    const events = await waitForChange('cleared');
    const changes = events.map((e) => e.data.change);
    expect(changes.filter((c) => c === 'raised')).toEqual(['raised']);
    expect(changes[changes.length - 1]).toBe('cleared');
    expect(events.map((e) => e.data.sequence)).toEqual(events.map((_, i) => i + 1));
    expect(new Set(events.map((e) => e.message.headers.ce_id)).size).toBe(events.length);
    const cleared = events[events.length - 1].data;
    // 4 when the cases were applied first, 0 when the survey was (the cases then change nothing).
    expect([0, 4]).toContain(cleared.score);
    expect(cleared.at).toBe('2032-08-01T10:00:00.000Z');

    const profile = await getJson(`/v1/customers/${customerId}`);
    expect(profile.churnRisk).toBeNull();
    const list = await getJson(`/v1/insights/churn-risk?segment.industry=${customer.segment.industry}`);
    expect(list.items).toEqual([]);
  });
});
