import { INestApplication } from '@nestjs/common';
import { EventContracts, PersonaSignalInsight, Topics } from '@supportlens/contracts';
import {
  aCase,
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
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';

/**
 * Persona signals through the real broker and database: classified cases go in, signals come out on
 * `marketing.insights.persona-signals.v1`. A segment (an industry of this test only) asks about one
 * how-to code three times as often as the rest of the base, and three times as often as the month
 * before; then it calms down in two steps. Every figure is worked out in
 * `domain/evaluate-segment.spec.ts` and by scipy (see the comments), with the default settings.
 *
 * The base is every case in the window, so the test runs in a year of its own (the consumer reads
 * the input topics from the beginning, other runs included). A stage's cases of the segment are one
 * produce to one partition, so the insights service applies them in one batch.
 *
 * What this service decided is read from its outbox; the topic is checked to carry those events.
 * The broker is shared: another run's insights service, reading the same input topics from the
 * beginning, may publish its own copies under the same deterministic ids, which a consumer drops.
 */
describe('persona signals through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;
  let signals: TopicReader;
  let database: DataSource;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    database = app.get(DataSource);
    producer = await RawProducer.connect(brokers);
    signals = await TopicReader.start(brokers, Topics.PersonaSignalInsights);
  });

  afterAll(async () => {
    await signals?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  const run = randomUUID().slice(0, 8);
  const industry = `ps-${run}`;
  const segmentCustomer = { id: `cust-ps-${run}`, segment: { industry } };
  // The rest of the base: no segment, so only the base counts it.
  const restCustomer = { id: `cust-ps-rest-${run}` };
  const X = 'ps.bulk-import';
  const key = `industry=${industry}|issue|${X}`;

  const DAY_MS = 86_400_000;
  const year = 2100 + Math.floor(Math.random() * 7000);
  /** Stage 1's evaluation time: its 30-day window is June, the previous one May 2 – 31. */
  const june30 = Date.UTC(year, 5, 30, 12);
  const july30 = june30 + 30 * DAY_MS;
  const august29 = july30 + 30 * DAY_MS;
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => iso(ms).slice(0, 10);
  // Catching up on the input topics' history (every run's, from the beginning) comes first.
  const LONG = { timeoutMs: 240_000 };

  /**
   * `mix` cases per issue code, by chat, opened over the 30 days ending with the day of `end` (minus
   * `backDays`), all sent at `end` (their version time).
   */
  function cases(
    customer: { id: string },
    mix: Record<string, number>,
    end: number,
    backDays = 0,
  ): CloudEventMessage[] {
    const first = Math.floor(end / DAY_MS) * DAY_MS - (29 + backDays) * DAY_MS;
    const codes = Object.entries(mix).flatMap(([code, count]) => Array<string>(count).fill(code));
    return codes.map((code, i) => {
      const c = aCase({
        customer,
        openedAt: iso(first + (i % 30) * DAY_MS + 9 * 3_600_000),
        firstResponseAt: undefined,
        resolvedAt: undefined,
        status: 'open',
        channel: 'chat',
      });
      const data = {
        case: c,
        classification: {
          issueCode: code,
          category: 'ps',
          confidence: 0.95,
          method: 'agent',
          candidates: [],
          taxonomyVersion: 't1',
          issueKind: code === X ? 'how_to' : 'defect',
        },
      };
      return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: customer.id, time: iso(end) });
    });
  }

  const send = (messages: CloudEventMessage[]) =>
    producer.send(
      Topics.CasesClassified,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  /** Sends the rest of the base for a window (x 20 of 200) and waits until it is applied. */
  async function sendRest(end: number, expectedTotal: number): Promise<void> {
    await send(cases(restCustomer, { [X]: 20, 'ps.w': 90, 'ps.y': 90 }, end));
    await waitFor(
      `${expectedTotal} cases of the rest of the base`,
      async () => {
        const [{ n }] = await database.query(
          `SELECT count(*)::int AS n FROM insights.case_facts WHERE customer_id = $1`,
          [restCustomer.id],
        );
        return n === expectedTotal ? n : undefined;
      },
      LONG,
    );
  }

  interface Emitted {
    eventId: string;
    data: PersonaSignalInsight;
  }

  /** The events this service emitted for the segment's keys, in key and sequence order, once all are published. */
  async function emitted(segmentKey = `industry=${industry}`): Promise<Emitted[]> {
    const rows: Array<{ event_id: string; data: PersonaSignalInsight; sent: boolean }> = await database.query(
      `SELECT event_id, data, sent_at IS NOT NULL AS sent FROM insights.insight_outbox
       WHERE topic = $1 AND key LIKE $2 ORDER BY key, sequence`,
      [Topics.PersonaSignalInsights, `${segmentKey}|%`],
    );
    if (rows.some((row) => !row.sent)) return [];
    return rows.map((row) => ({ eventId: row.event_id, data: row.data }));
  }

  /** Waits until the service has emitted (and published) the change, and it is on the topic. */
  async function waitForChange(change: string, segmentKey = `industry=${industry}`): Promise<Emitted[]> {
    const events = await waitFor(
      `a ${change} persona signal for ${segmentKey}`,
      async () => {
        const events = await emitted(segmentKey);
        return events.some((e) => e.data.change === change) ? events : undefined;
      },
      LONG,
    );
    for (const event of events) await onTopic(event);
    return events;
  }

  /** The topic carries the event: its id, key and CloudEvents headers, with this service's data. */
  const onTopic = (event: Emitted): Promise<ReadMessage> =>
    waitFor(
      `event ${event.eventId} on ${Topics.PersonaSignalInsights}`,
      async () =>
        signals.find(
          (m) =>
            m.headers.ce_id === event.eventId &&
            m.key === event.data.key &&
            m.headers.ce_type === EventContracts.PersonaSignalInsight.type &&
            m.headers.ce_subject === event.data.key &&
            m.headers.ce_source === '/supportlens/insights/persona-signals' &&
            m.headers.ce_time === event.data.at &&
            JSON.stringify(JSON.parse(m.value!)) === JSON.stringify(event.data),
        )[0],
    );

  const getJson = async (path: string): Promise<any> => (await fetch(`${url}${path}`, withApiKey())).json();

  // The segment in June: x 30 of 100 (the rest: 20 of 200), and in May x 10 of 100.
  const june = cases(segmentCustomer, { [X]: 30, 'ps.w': 35, 'ps.y': 35 }, june30);
  const may = cases(segmentCustomer, { [X]: 10, 'ps.w': 45, 'ps.y': 45 }, june30, 30);

  it('raises a segment whose how-to questions about one code triple, with the test, effect and counts', async () => {
    await sendRest(june30, 200);
    await send([...may, ...june]);

    const events = await waitForChange('raised');
    // The other codes (and the one channel) raise nothing.
    expect(events.map((e) => e.data.key)).toEqual([key]);
    // Family: 3 codes × (base, past) = 6 comparisons (one channel only: nothing to compare), BH-adjusted.
    // Base: 30/100 vs 20/200: p̂ = 50/300, SE = √(1/6 · 5/6 · (1/100 + 1/200)) = 0.0456435,
    //   z = 0.2 / 0.0456435 = 4.381780, p = 1.17713e-5 (scipy), the smallest: adjusted × 6 = 7.0628e-5.
    // Past: 30/100 vs 10/100: z = 3.535534, p = 4.06952e-4, second: adjusted × 6/2 = 1.22086e-3.
    // Both < alpha 0.01 with a ratio of 3 ≥ 1.5: both carry the signal.
    expect(events[0].data).toEqual({
      key,
      change: 'raised',
      sequence: 1,
      segment: { attribute: 'industry', value: industry },
      dimension: 'issue',
      item: X,
      headline: 'base',
      direction: 'higher',
      sentence: `${industry} (industry) asks 3.0× more about ${X} than the rest of the base (30.0% of its cases vs 10.0%), up 200% month on month`,
      score: 4.15, // −log₁₀ 7.0628e-5
      window: { start: day(june30 - 29 * DAY_MS), end: day(june30 + DAY_MS) },
      previousWindow: { start: day(june30 - 59 * DAY_MS), end: day(june30 - 29 * DAY_MS) },
      comparisons: [
        {
          against: 'base',
          test: 'two-proportion-z',
          statistic: 4.3818,
          pValue: 1.17713e-5,
          adjustedPValue: 7.0628e-5,
          segment: { count: 30, total: 100, share: 0.3 },
          reference: { count: 20, total: 200, share: 0.1 },
          ratio: 3,
          differencePoints: 20,
          // Newcombe's hybrid score interval of 30% − 10% (n = 100, 200).
          differenceInterval: { low: 10.51, high: 30.18, level: 0.95 },
          cohensH: 0.5158, // 2·asin√0.3 − 2·asin√0.1
          direction: 'higher',
          carries: true,
        },
        {
          against: 'past',
          test: 'two-proportion-z',
          statistic: 3.5355,
          pValue: 4.06952e-4,
          adjustedPValue: 1.22086e-3,
          segment: { count: 30, total: 100, share: 0.3 },
          reference: { count: 10, total: 100, share: 0.1 },
          ratio: 3,
          differencePoints: 20,
          differenceInterval: { low: 9, high: 30.58, level: 0.95 },
          cohensH: 0.5158,
          direction: 'higher',
          carries: true,
        },
      ],
      correction: 'benjamini-hochberg',
      familySize: 6,
      alpha: 0.01,
      at: iso(june30),
      // Other suites store settings versions (equal to the defaults) before this one may run.
      settingsVersion: (await getJson('/v1/settings')).version,
    });

    const list = await getJson(`/v1/insights/persona-signals?segment.industry=${industry}`);
    expect(list).toEqual({
      items: [
        expect.objectContaining({
          key,
          status: 'open',
          score: 4.15,
          ratio: 3,
          effectSize: 0.5158,
          sentence: events[0].data.sentence,
          raisedAt: iso(june30),
          version: 1,
          comparisons: events[0].data.comparisons,
        }),
      ],
      nextCursor: null,
    });
    const byCode = await getJson(
      `/v1/insights/persona-signals?issueCode=${X}&minScore=4&segment.industry=${industry}`,
    );
    expect(byCode.items.map((item: { key: string }) => item.key)).toEqual([key]);
    const stronger = await getJson(`/v1/insights/persona-signals?minScore=4.2&segment.industry=${industry}`);
    expect(stronger.items).toEqual([]);
    const channels = await getJson(
      `/v1/insights/persona-signals?dimension=channel&segment.industry=${industry}`,
    );
    expect(channels.items).toEqual([]);

    const csv = await fetch(
      `${url}/v1/insights/persona-signals?segment.industry=${industry}`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'key,status,attribute,segment_value,and_attribute,and_value,dimension,item,headline,direction,sentence,score,ratio,difference_points,effect_size,test,p_value,adjusted_p_value,segment_count,segment_total,reference_count,reference_total,window_start,window_end,raised_at,updated_at,cleared_at',
    );
    expect(lines.slice(1)).toEqual([
      `${key},open,industry,${industry},,,issue,${X},base,higher,"${events[0].data.sentence}",4.15,3,20,0.5158,two-proportion-z,0.0000117713,0.000070628,30,100,20,200,${day(june30 - 29 * DAY_MS)},${day(june30 + DAY_MS)},${iso(june30)},${iso(june30)},`,
    ]);

    const bad = await fetch(`${url}/v1/insights/persona-signals?dimension=mood&minScore=-1`, withApiKey());
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: Array<{ field: string }> };
    expect(problem.errors.map((e) => e.field).sort()).toEqual(['dimension', 'minScore']);
  }, 300_000);

  it('raises nothing twice for redelivered inputs, updates as the lift falls, and clears when it is gone', async () => {
    // The same messages again (same ids): the inbox skips them, nothing is evaluated, nothing emitted.
    await send([...may, ...june]);

    // July: x 22 of 100 against the rest's 20 of 200. Base: z = 2.823662, p = 4.74691e-3, adjusted
    // × 6 = 0.0284815: not below alpha 0.01, but below keepAlpha 0.05 with a lift of 2.2 ≥ 1.25, so the
    // signal stays open. Past: 22/100 against June's 30/100 is lower, p = 0.197: the month-on-month
    // rise no longer carries it, and the lift moved from 3.0 to 2.2 (more than ×1.2): updated.
    await sendRest(july30, 400);
    await send(cases(segmentCustomer, { [X]: 22, 'ps.w': 39, 'ps.y': 39 }, july30));
    const afterUpdate = await waitForChange('updated');
    const updated = afterUpdate.find((e) => e.data.change === 'updated')!.data;
    expect(updated).toMatchObject({
      key,
      sequence: 2,
      headline: 'base',
      direction: 'higher',
      sentence: `${industry} (industry) asks 2.2× more about ${X} than the rest of the base (22.0% of its cases vs 10.0%), down 27% month on month`,
      score: 1.55, // −log₁₀ 0.0284815
      familySize: 6,
      at: iso(july30),
    });
    expect(updated.comparisons).toEqual([
      expect.objectContaining({
        against: 'base',
        statistic: 2.8237,
        pValue: 4.74691e-3,
        adjustedPValue: 0.0284815,
        segment: { count: 22, total: 100, share: 0.22 },
        reference: { count: 20, total: 200, share: 0.1 },
        ratio: 2.2,
        carries: true,
      }),
      expect.objectContaining({
        against: 'past',
        pValue: 0.197172,
        segment: { count: 22, total: 100, share: 0.22 },
        reference: { count: 30, total: 100, share: 0.3 },
        direction: 'lower',
        carries: false,
      }),
    ]);

    // August: x 11 of 100 against 20 of 200: lift 1.1, p = 0.789: cleared. The fall from July
    // (p = 0.036, adjusted 0.217) raises no new signal.
    await sendRest(august29, 600);
    await send(cases(segmentCustomer, { [X]: 11, 'ps.w': 45, 'ps.y': 44 }, august29));
    const events = await waitForChange('cleared');
    const cleared = events[events.length - 1].data;
    expect(cleared).toMatchObject({
      key,
      change: 'cleared',
      sequence: 3,
      headline: 'base',
      direction: 'higher',
      score: 0,
      sentence: `No longer a signal: ${industry} (industry) asks 1.1× more about ${X} than the rest of the base (11.0% of its cases vs 10.0%), down 50% month on month`,
      at: iso(august29),
    });
    expect(cleared.comparisons.map((c) => [c.against, c.pValue, c.adjustedPValue, c.carries])).toEqual([
      ['base', 0.788517, 1, false],
      ['past', 0.0361245, 0.216747, false],
    ]);

    // One raise, one update, one clear, in sequence, each with its own id; the redelivery added nothing.
    expect(events.map((e) => [e.data.key, e.data.change, e.data.sequence])).toEqual([
      [key, 'raised', 1],
      [key, 'updated', 2],
      [key, 'cleared', 3],
    ]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(3);

    expect((await getJson(`/v1/insights/persona-signals?segment.industry=${industry}`)).items).toEqual([]);
    const all = await getJson(`/v1/insights/persona-signals?status=all&segment.industry=${industry}`);
    expect(all.items).toEqual([
      expect.objectContaining({
        key,
        status: 'cleared',
        score: 0,
        raisedAt: iso(june30),
        updatedAt: iso(august29),
        clearedAt: iso(august29),
        version: 3,
      }),
    ]);
  });
  it('raises a segment pair (industry × company size) with the same evidence, under its own key', async () => {
    // A year on, one mid-market customer of another industry of this test follows the first test's
    // pattern (x 30 of 100 against the rest's 20 of 200, and 10 of 100 the month before). Its industry
    // alone, its company size alone and the pair hold the same cases, so each is raised with the first
    // test's figures; the pair's signal names both values.
    const pairIndustry = `ps-pair-${run}`;
    const pairCustomer = {
      id: `cust-ps-pair-${run}`,
      segment: { industry: pairIndustry, companySize: '51-200' },
    };
    const pairKey = `industry+companySize=${JSON.stringify([pairIndustry, '51-200'])}`;
    const nextJune30 = june30 + 365 * DAY_MS;
    await sendRest(nextJune30, 800);
    await send([
      ...cases(pairCustomer, { [X]: 10, 'ps.w': 45, 'ps.y': 45 }, nextJune30, 30),
      ...cases(pairCustomer, { [X]: 30, 'ps.w': 35, 'ps.y': 35 }, nextJune30),
    ]);

    const [raised] = await waitForChange('raised', pairKey);
    const sentence = `${pairIndustry} (industry) × 51-200 (company size) asks 3.0× more about ${X} than the rest of the base (30.0% of its cases vs 10.0%), up 200% month on month`;
    expect(raised.data).toMatchObject({
      key: `${pairKey}|issue|${X}`,
      change: 'raised',
      sequence: 1,
      segment: {
        attribute: 'industry',
        value: pairIndustry,
        and: { attribute: 'companySize', value: '51-200' },
      },
      headline: 'base',
      sentence,
      score: 4.15,
      familySize: 6,
      at: iso(nextJune30),
    });
    expect(
      raised.data.comparisons.map((c) => [c.against, c.pValue, c.adjustedPValue, c.segment, c.reference]),
    ).toEqual([
      [
        'base',
        1.17713e-5,
        7.0628e-5,
        { count: 30, total: 100, share: 0.3 },
        { count: 20, total: 200, share: 0.1 },
      ],
      [
        'past',
        4.06952e-4,
        1.22086e-3,
        { count: 30, total: 100, share: 0.3 },
        { count: 10, total: 100, share: 0.1 },
      ],
    ]);
    const single = await waitForChange('raised', `industry=${pairIndustry}`);
    expect(single.map((e) => [e.data.key, e.data.segment])).toEqual([
      [`industry=${pairIndustry}|issue|${X}`, { attribute: 'industry', value: pairIndustry }],
    ]);

    // Both values named: the pair's signals only; one of them: that value's own segment and the pair.
    const both = await getJson(
      `/v1/insights/persona-signals?segment.industry=${pairIndustry}&segment.companySize=51-200`,
    );
    expect(both.items).toEqual([
      expect.objectContaining({ key: raised.data.key, segment: raised.data.segment, sentence }),
    ]);
    const byIndustry = await getJson(`/v1/insights/persona-signals?segment.industry=${pairIndustry}`);
    expect(byIndustry.items.map((item: { key: string }) => item.key).sort()).toEqual(
      [raised.data.key, `industry=${pairIndustry}|issue|${X}`].sort(),
    );
    const csv = await fetch(
      `${url}/v1/insights/persona-signals?segment.industry=${pairIndustry}&segment.companySize=51-200`,
      withApiKey({ headers: { accept: 'text/csv' } }),
    );
    const [, row, ...rest] = (await csv.text()).trim().split('\r\n');
    expect(rest).toEqual([]);
    expect(row).toContain(`,open,industry,${pairIndustry},companySize,51-200,issue,${X},base,higher,`);
  }, 300_000);
});
