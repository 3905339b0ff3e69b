import { INestApplication } from '@nestjs/common';
import { ContentTopicInsight, EventContracts, Topics } from '@supportlens/contracts';
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
import { Kafka } from 'kafkajs';
import { randomInt, randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';

/**
 * Content topics through the real broker and database: classified cases go in on
 * `support.cases.classified.v1` (published here as the classifier would: issue kind, masked phrasing,
 * key terms), content-topic insights come out on `marketing.insights.content-topics.v1`. Default
 * settings: 7-day windows; an issue code is raised at ≥ 5 cases and +100 % (or new, or top 10),
 * kept while ≥ 3 cases and +25 % (or top 15).
 *
 * Every suite of a run shares one database, and every run reads the input topics from the start, so
 * the scenario lives on days of its own: a random stretch of the far future (years 2300–9000), which
 * no other test and no earlier run uses; codes, terms and segment values carry the run id.
 */
describe('content topics through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let dataSource: DataSource;
  let producer: RawProducer;
  let insights: TopicReader;

  const run = randomUUID().slice(0, 8);
  const DAY = 86_400_000;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    dataSource = app.get(DataSource);
    producer = await RawProducer.connect(brokers);
    insights = await TopicReader.start(brokers, Topics.ContentTopicInsights);
    await waitUntilCaughtUp();
  });

  afterAll(async () => {
    await insights?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  /**
   * The app reads the input topic from its start: earlier runs' cases (on other far-future days)
   * would move the window of a topic open at that moment. A case sent to every partition, after
   * them, tells when they have all been applied.
   */
  async function waitUntilCaughtUp(): Promise<void> {
    const kafka = new Kafka({ clientId: 'content-topics-test', brokers: brokers.split(','), logLevel: 1 });
    const admin = kafka.admin();
    const direct = kafka.producer();
    await Promise.all([admin.connect(), direct.connect()]);
    try {
      const [topic] = (await admin.fetchTopicMetadata({ topics: [Topics.CasesClassified] })).topics;
      const sentinels = topic.partitions.map(({ partitionId }) => {
        const customer = { id: `ct-sentinel-${run}-${partitionId}` };
        const message = classified(customer, '2000-01-01T00:00:00.000Z', {
          issueCode: `ct-sentinel-${run}`,
          issueKind: 'other',
          phrasing: 'sentinel',
        });
        return { partition: partitionId, key: message.key, value: message.value, headers: message.headers };
      });
      await direct.send({ topic: Topics.CasesClassified, acks: -1, messages: sentinels });
      await waitFor(
        'the backlog of the input topic to be applied',
        async () => ((await factCount(`ct-sentinel-${run}-%`)) === sentinels.length ? true : undefined),
        { timeoutMs: 110_000 },
      );
    } finally {
      await Promise.all([admin.disconnect(), direct.disconnect()]);
    }
  }

  async function factCount(customerPattern: string): Promise<number> {
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n FROM insights.case_facts WHERE customer_id LIKE $1`,
      [customerPattern],
    );
    return row.n;
  }

  interface Classification {
    issueCode: string;
    issueKind: string;
    phrasing: string;
    method?: string;
    confidence?: number;
    terms?: string[];
    tone?: 'negative' | 'neutral';
    channel?: string;
  }

  function classified(
    customer: { id: string; segment?: Record<string, string> },
    opened: string,
    c: Classification,
    description = c.phrasing,
  ): CloudEventMessage {
    const openedAt = new Date(opened).getTime();
    const data = {
      case: aCase({
        customer,
        openedAt: opened,
        firstResponseAt: new Date(openedAt + 120_000).toISOString(),
        resolvedAt: new Date(openedAt + 1_800_000).toISOString(),
        channel: c.channel ?? 'chat',
        subject: 'Question',
        description,
      }),
      classification: {
        issueCode: c.issueCode,
        category: c.issueCode.split('.')[0],
        confidence: c.confidence ?? 0.93,
        method: c.method ?? 'model',
        candidates: [],
        taxonomyVersion: 't-ct',
        tone: c.tone === 'negative' ? { score: -0.5, label: 'negative' } : { score: 0, label: 'neutral' },
        issueKind: c.issueKind,
        phrasing: c.phrasing,
        ...(c.terms ? { terms: c.terms } : {}),
      },
    };
    return cloudEventMessage(EventContracts.ClassifiedCase, data, { subject: customer.id, time: opened });
  }

  const send = (messages: CloudEventMessage[]) =>
    producer.send(
      Topics.CasesClassified,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  const getJson = async (path: string): Promise<any> => (await fetch(`${url}${path}`, withApiKey())).json();

  interface Published {
    id: string;
    data: ContentTopicInsight;
    message: ReadMessage;
  }

  /**
   * The events this app decided for a topic (its outbox, in sequence order), once each is on the
   * broker. Every run's app reads the shared input topics from their start and publishes on the
   * shared output topic, so another run's app replaying these very cases publishes events with the
   * same ids (ids are derived from the topic key and sequence): the topic alone cannot tell whose an
   * event is, the outbox can.
   */
  async function eventsOf(key: string): Promise<Published[] | undefined> {
    const rows: Array<{ event_id: string; data: ContentTopicInsight; sent: boolean }> =
      await dataSource.query(
        `SELECT event_id, data, sent_at IS NOT NULL AS sent FROM insights.insight_outbox
       WHERE topic = $1 AND key = $2 ORDER BY sequence`,
        [Topics.ContentTopicInsights, key],
      );
    const published: Published[] = [];
    for (const row of rows) {
      const message = insights.find(
        (m) =>
          m.key === key &&
          m.headers.ce_id === row.event_id &&
          isDeepStrictEqual(JSON.parse(m.value!), row.data),
      )[0];
      if (!row.sent || !message) return undefined;
      published.push({ id: row.event_id, data: row.data, message });
    }
    return published;
  }

  const waitForEvents = (key: string, count: number) =>
    waitFor(`${count} content-topic events for ${key}`, async () => {
      const events = await eventsOf(key);
      return events && events.length >= count ? events : undefined;
    });

  /** A random day far in the future; its number since 1970-01-01. */
  const randomFarDay = () => randomInt(Date.UTC(2300, 0, 1) / DAY, Date.UTC(9000, 0, 1) / DAY);
  const at = (day: number, minutes: number) =>
    new Date(day * DAY + 10 * 3_600_000 + minutes * 60_000).toISOString();
  const dayOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

  describe('an issue code whose how-to questions triple', () => {
    const D = randomFarDay(); // the day the topic rises
    const code = `ct${run}.export-howto`;
    const key = `issue:${code}`;
    const shared = {
      plan: `ct-pro-${run}`,
      region: `ct-emea-${run}`,
      companySize: `ct-51-${run}`,
      role: `ct-admin-${run}`,
    };
    const retail = { id: `ct-a-${run}`, segment: { industry: `ct-retail-${run}`, ...shared } };
    const finance = { id: `ct-b-${run}`, segment: { industry: `ct-finance-${run}`, ...shared } };
    const QUESTIONS = [
      'How do I export the monthly report to PDF?',
      'How can I schedule the report export every Monday?',
      'Where do I find the export button for reports?',
      'How do I export the report with our own logo?',
    ];
    // The classifier quotes the masked text: the email and the phone number never reach insights.
    const howTo = (day: number, minutes: number, i: number, tone?: 'negative') =>
      classified(
        retail,
        at(day, minutes),
        {
          issueCode: code,
          issueKind: 'how_to',
          phrasing: `${QUESTIONS[i % 4]} Reach me at [email] or [phone].`,
          tone,
          channel: i % 4 === 3 ? 'email' : 'chat',
        },
        `${QUESTIONS[i % 4]} Reach me at ana.lima${i}@example.com or +33 6 12 34 56 78.`,
      );

    // The previous week (D−13 … D−7): 4 how-to cases. The finance customer's 6 billing cases of the
    // current week are the rest of the base the retail segment's lift is measured against.
    const history = [
      ...[12, 11, 9, 8].map((back, i) => howTo(D - back, 0, i)),
      ...[6, 5, 4, 3, 2, 1].map((back) =>
        classified(finance, at(D - back, 5), {
          issueCode: `ct${run}.billing`,
          issueKind: 'billing',
          phrasing: 'Invoice?',
        }),
      ),
    ];
    // The current week (D−5 … D): 12 how-to cases, two a day, two of them in a negative tone; the
    // last three (day D) are three different questions.
    const rise = [5, 4, 3, 2, 1, 0].flatMap((back, d) =>
      [0, 1].map((j) => howTo(D - back, 10 * j, 2 * d + j, 2 * d + j < 2 ? 'negative' : undefined)),
    );
    const more = [0, 1, 2, 3, 4, 5].map((i) => howTo(D, 30 + i, i));
    // Ten days later other customers ask about other things: the topic has gone quiet.
    const quiet = [0, 1].map((i) =>
      classified(finance, at(D + 10, i), {
        issueCode: `ct${run}.quiet`,
        issueKind: 'account',
        phrasing: 'Login?',
      }),
    );

    it('raises the topic as it rises, with its evidence', async () => {
      await send(history);
      await waitFor('the history', async () => ((await factCount(`ct-%-${run}`)) === 10 ? true : undefined));
      expect(await eventsOf(key)).toEqual([]); // 4 cases: below the volume to raise

      await send(rise);
      const [raised] = await waitForEvents(key, 1);
      expect(raised.message.headers).toMatchObject({
        ce_type: EventContracts.ContentTopicInsight.type,
        ce_subject: key,
        ce_source: '/supportlens/insights/content-topics',
        ce_time: at(D, 10),
      });
      const examples = [
        `${QUESTIONS[11 % 4]} Reach me at [email] or [phone].`,
        `${QUESTIONS[10 % 4]} Reach me at [email] or [phone].`,
        `${QUESTIONS[9 % 4]} Reach me at [email] or [phone].`,
      ];
      expect(raised.data).toEqual({
        key,
        kind: 'issue_code',
        issueCode: code,
        change: 'raised',
        because: ['volume 12 ≥ 5', 'growth +200% ≥ +100%', 'rank 1 ≤ 10'],
        // volume 40 × ln 13 / ln 201 = 19.3, growth 40 × log₂(13/5) / 2 = 27.6, how-to 20 × 12/12
        score: 66.9,
        scoreParts: { volume: 19.3, growth: 27.6, howTo: 20 },
        rank: 1,
        window: { from: dayOf(D - 6), to: dayOf(D), days: 7 },
        previousWindow: { from: dayOf(D - 13), to: dayOf(D - 7), days: 7 },
        volume: 12,
        previousVolume: 4,
        growth: 2,
        howToCases: 12,
        howToShare: 1,
        escalatedCases: 0,
        reopenedCases: 0,
        negativeToneCases: 2,
        issueKind: 'how_to',
        suggestedContentKind: 'how_to',
        contentKindReason: 'how-to questions: 100% of the cases ask how to do something',
        // 12 of the window's 18 cases are retail's, all 12 of the topic's: share 1 ÷ 12/18 = 1.5×.
        // Plan, region, size and role are shared with the finance customer: lift 1, not listed.
        topSegments: [
          { attribute: 'industry', value: retail.segment.industry, cases: 12, share: 1, lift: 1.5 },
        ],
        channels: [
          { channel: 'chat', cases: 9 },
          { channel: 'email', cases: 3 },
        ],
        examples,
        settingsVersion: expect.any(Number),
        at: at(D, 10),
        sequence: 1,
      });
      expect(raised.data.examples.join(' ')).not.toMatch(/@|ana\.lima|\+33/);

      // The API: the same figures for the same window, within the segment too, and as CSV.
      const to = encodeURIComponent(new Date((D + 1) * DAY).toISOString());
      const page = await getJson(`/v1/insights/content-topics?issueCode=${code}&to=${to}`);
      expect(page).toMatchObject({
        window: { from: dayOf(D - 6), to: dayOf(D), days: 7 },
        segment: null,
        nextCursor: null,
        items: [
          {
            key,
            status: 'open',
            score: 66.9,
            rank: 1,
            volume: 12,
            previousVolume: 4,
            growth: 2,
            suggestedContentKind: 'how_to',
            topSegments: raised.data.topSegments,
            examples,
            version: 1,
          },
        ],
      });
      const inRetail = await getJson(
        `/v1/insights/content-topics?segment.industry=${retail.segment.industry}&status=open&to=${to}`,
      );
      expect(inRetail.segment).toEqual({ attribute: 'industry', value: retail.segment.industry });
      expect(inRetail.items.map((item: { key: string; volume: number }) => [item.key, item.volume])).toEqual([
        [key, 12],
      ]);
      const csv = await fetch(
        `${url}/v1/insights/content-topics?issueCode=${code}&to=${to}`,
        withApiKey({ headers: { accept: 'text/csv' } }),
      );
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[1]).toMatch(
        new RegExp(
          `^${key.replace('.', '\\.')},issue_code,${code.replace('.', '\\.')},,open,66.9,1,12,4,2,1,how_to,`,
        ),
      );

      const twoSegments = await fetch(
        `${url}/v1/insights/content-topics?segment.industry=a&segment.plan=b&to=${to}`,
        withApiKey(),
      );
      expect(twoSegments.status).toBe(400);
      const problem = (await twoSegments.json()) as { errors: Array<{ field: string }> };
      expect(problem.errors.map((e) => e.field)).toEqual(['segment.industry', 'segment.plan']);
    });

    it('raises nothing twice for redelivered cases, updates on more cases, and clears when it goes quiet', async () => {
      // The same messages again (same ids): the inbox skips them, no count moves, nothing is emitted.
      await send(rise);
      // Six more the same day: 18 cases, +350 %, score 40 × ln 19 / ln 201 + 40 × log₂(19/5) / 2 + 20 = 80.7.
      await send(more);
      const [, updated] = await waitForEvents(key, 2);
      expect(updated.data).toMatchObject({
        change: 'updated',
        because: ['volume 12 → 18', 'score 66.9 → 80.7'],
        volume: 18,
        previousVolume: 4,
        growth: 3.5,
        score: 80.7,
        sequence: 2,
      });

      // Ten days on: the window is D+4 … D+10, without a case of the topic; the previous one
      // (D−3 … D+3) holds its last 14.
      await send(quiet);
      const events = await waitForEvents(key, 3);
      expect(events[2].data).toMatchObject({
        change: 'cleared',
        because: ['volume 0 < 3'],
        volume: 0,
        previousVolume: 14,
        growth: -1,
        window: { from: dayOf(D + 4), to: dayOf(D + 10), days: 7 },
        topSegments: [],
        examples: [],
        at: at(D + 10, 1),
        sequence: 3,
      });

      // Everything again, then a marker behind it on the same partitions: still three events.
      await send([...history, ...rise, ...more, ...quiet]);
      const marker = classified(retail, at(D + 10, 5), {
        issueCode: `ct${run}.marker`,
        issueKind: 'other',
        phrasing: 'x',
      });
      await send([marker]);
      await waitFor('the marker', async () => ((await factCount(retail.id)) === 23 ? true : undefined));
      const final = (await eventsOf(key))!;
      expect(final.map((e) => [e.data.change, e.data.sequence])).toEqual([
        ['raised', 1],
        ['updated', 2],
        ['cleared', 3],
      ]);
      expect(new Set(final.map((e) => e.id)).size).toBe(3);

      const to = encodeURIComponent(new Date((D + 11) * DAY).toISOString());
      const open = await getJson(`/v1/insights/content-topics?issueCode=${code}&status=open&to=${to}`);
      expect(open.items).toEqual([]);
      const all = await getJson(`/v1/insights/content-topics?issueCode=${code}&period=30d&to=${to}`);
      expect(all.items).toMatchObject([{ key, status: 'cleared', volume: 22, version: 3 }]);
    });
  });

  it('describes its query parameters in the OpenAPI document', async () => {
    const document = await getJson('/docs/openapi.json');
    const operation = document.paths['/v1/insights/content-topics'].get;
    expect(operation.tags).toEqual(['insights']);
    expect(operation.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      [
        'segment.industry',
        'segment.plan',
        'segment.region',
        'segment.companySize',
        'segment.role',
        'period',
        'from',
        'to',
        'issueCode',
        'kind',
        'minScore',
        'status',
        'sort',
        'limit',
        'cursor',
      ].sort(),
    );
  });

  describe('an emerging term among unclassified cases', () => {
    const E = randomFarDay();
    const customer = { id: `ct-c-${run}`, segment: { industry: `ct-saas-${run}` } };
    const bulk = `bulk${run}`;
    const imports = `import${run}`;
    const pair = `${bulk} ${imports}`;
    const unclassified = (day: number, minutes: number, terms: string[], phrasing: string) =>
      classified(customer, at(day, minutes), {
        issueCode: 'unclassified',
        issueKind: 'other',
        method: 'unclassified',
        confidence: 0.2,
        terms,
        phrasing,
      });

    it('raises the strongest term of the family as it emerges, not each of its words', async () => {
      // Before: 10 unclassified cases about something else. Now: 8, of which 6 about bulk imports.
      const before = [...Array(10).keys()].map((i) =>
        unclassified(E - 8 - (i % 5), i, [`noise${run}`], 'Something odd'),
      );
      await send(before);
      await waitFor('the earlier cases', async () =>
        (await factCount(customer.id)) === 10 ? true : undefined,
      );
      const now = [
        ...[...Array(6).keys()].map((i) =>
          unclassified(
            E - (i % 3),
            i,
            [bulk, imports, pair],
            `The ${bulk} ${imports} stops at row ${100 + i}`,
          ),
        ),
        ...[0, 1].map((i) => unclassified(E, 20 + i, [`noise${run}`], 'Something odd')),
      ];
      await send(now);

      const [raised] = await waitForEvents(`term:${pair}`, 1);
      // 6 of the window's 8 pool cases (rate 0.75) against 0 of 10, smoothed to 0.4 of 30 (0.0133):
      // lift 56.25, G² 21.21.
      expect(raised.data).toMatchObject({
        key: `term:${pair}`,
        kind: 'term',
        term: pair,
        change: 'raised',
        volume: 6,
        previousVolume: 0,
        significance: { test: 'G2', g2: 21.21, lift: 56.25, currentRate: 0.75, previousRate: 0.0133 },
        suggestedContentKind: 'faq',
        // The latest first: row 103 (day E, 10:03), row 100 (E, 10:00), row 104 (E − 1, 10:04).
        examples: [103, 100, 104].map((row) => `The ${bulk} ${imports} stops at row ${row}`),
        sequence: 1,
      });
      expect(raised.data).not.toHaveProperty('growth');
      expect(raised.data.because).toEqual([
        'volume 6 ≥ 5',
        "rate among unclassified and low-confidence cases 56.25× the previous window's (≥ 2×)",
        'G² 21.21 ≥ 10.83',
      ]);
      expect(await eventsOf(`term:${bulk}`)).toEqual([]);
      expect(await eventsOf(`term:${imports}`)).toEqual([]);
      // The earlier term was new in its own week (raised then); now it has fallen back: cleared.
      const noise = (await waitForEvents(`term:noise${run}`, 2)).map((e) => e.data);
      expect(noise[0]).toMatchObject({ change: 'raised' });
      expect(noise[noise.length - 1]).toMatchObject({
        change: 'cleared',
        because: ['volume 2 < 3'],
        volume: 2,
        previousVolume: 10,
        significance: { lift: 0.72 },
      });
    });
  });
});
