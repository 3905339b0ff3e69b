import { INestApplication } from '@nestjs/common';
import { accessMigrations } from '@supportlens/access';
import { ChurnRiskInsight, Topics } from '@supportlens/contracts';
import { consumerGroupId } from '@supportlens/messaging';
import { runMigrations } from '@supportlens/persistence';
import {
  aClassifiedCaseMessage,
  aScoredSurveyMessage,
  CloudEventMessage,
  createTestDatabase,
  ensureTopics,
  RawProducer,
  startGroupsAtEnd,
  startService,
  TestDatabase,
  TopicReader,
  waitFor,
  withEnv,
  withKafkaAdmin,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { AppModule } from '../app.module';
import { CustomerProfilesRepository } from '../customers/customer-profiles.repository';
import { insightsMigrations } from '../migrations';
import { INPUT_CONSUMERS } from '../read-models/input-consumers';

/**
 * Catch-up through the real broker and database. A backlog larger than CATCH_UP_ENTER_LAG is waiting
 * when insights starts: its batches keep the facts current but only note their customers; at the end
 * of the input each customer's profile is derived and the customer judged once, on their final facts. So a customer whose
 * history rose above the churn threshold and fell back emits nothing, one who ends at risk emits one
 * `raised` (sequence 1), each segment with data in its windows is evaluated once at the latest fact's
 * time, and an instance stopped before the end leaves the deferred customers for the next one. After
 * the catch-up, customers are judged batch by batch again.
 *
 * Its own database and consumer groups (started at the topics' end), so the catch-up it turns on is
 * seen by no other suite. Scores as in churn-risk.integration-spec.ts (raise ≥ 60, clear < 40).
 */
describe('catch-up: a backlog judged once at its end', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const token = `cu${randomUUID().slice(0, 8)}`;
  const env = (checkMs: number) => ({
    DATABASE_URL: database.url,
    KAFKA_GROUP_ID_PREFIX: `${process.env.KAFKA_GROUP_ID_PREFIX}-${token}`,
    CATCH_UP_ENTER_LAG: '5',
    CATCH_UP_EXIT_LAG: '0',
    CATCH_UP_CHECK_MS: String(checkMs),
  });
  let database: TestDatabase;
  let pool: Pool;
  let producer: RawProducer;
  let churn: TopicReader;
  let app: INestApplication | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    await runMigrations(
      [
        { schema: 'access', migrations: accessMigrations },
        { schema: 'insights', migrations: insightsMigrations },
      ],
      database.url,
      () => undefined,
    );
    pool = new Pool({ connectionString: database.url, max: 2 });
    await withKafkaAdmin(brokers, 'catch-up-test', (admin) =>
      ensureTopics(admin, [...Object.values(INPUT_CONSUMERS).map((c) => c.topic), Topics.ChurnRiskInsights]),
    );
    producer = await RawProducer.connect(brokers);
    churn = await TopicReader.start(brokers, Topics.ChurnRiskInsights);
    await startGroupsAtEnd(
      brokers,
      Object.values(INPUT_CONSUMERS).map(({ name, topic }) => ({
        groupId: consumerGroupId(env(0).KAFKA_GROUP_ID_PREFIX, 'insights', name),
        topic,
      })),
    );
  });

  afterAll(async () => {
    await app?.close();
    await churn?.stop();
    await producer?.disconnect();
    await pool?.end();
    await database?.drop();
  });

  const customerFor = (name: string) => ({
    id: `${token}-${name}`,
    segment: { industry: `${token}-${name}` },
  });

  const classifiedCase = (name: string, opened: string, troubled: boolean) =>
    aClassifiedCaseMessage(
      {
        customer: customerFor(name),
        openedAt: opened,
        firstResponseAt: undefined,
        ...(troubled
          ? { status: 'open', reopenCount: 1, escalated: true, resolvedAt: undefined }
          : { resolvedAt: new Date(Date.parse(opened) + 30 * 60_000).toISOString() }),
      },
      { tone: troubled ? 'negative' : 'positive' },
    );

  const scoredSurvey = (name: string, respondedAt: string, csat: number, nps: number) =>
    aScoredSurveyMessage({ customer: customerFor(name), respondedAt, csat, nps });

  /** Promoter, three reopened, escalated, angry cases, then a detractor: 93 points at the detractor. */
  const troubledHistory = (name: string, year: number) => ({
    surveys: [
      scoredSurvey(name, `${year}-04-01T10:00:00.000Z`, 5, 9),
      scoredSurvey(name, `${year}-04-25T10:00:00.000Z`, 2, 3),
    ],
    cases: ['04-10', '04-15', '04-20'].map((day) =>
      classifiedCase(name, `${year}-${day}T09:00:00.000Z`, true),
    ),
  });
  /** Three months on: two cases solved within the hour in a good mood, and a satisfied promoter. */
  const recovery = (name: string, year: number) => ({
    surveys: [scoredSurvey(name, `${year}-08-01T10:00:00.000Z`, 5, 10)],
    cases: ['07-28', '07-30'].map((day) => classifiedCase(name, `${year}-${day}T09:00:00.000Z`, false)),
  });

  const send = async (history: { surveys: CloudEventMessage[]; cases: CloudEventMessage[] }[]) => {
    const strip = ({ key, value, headers }: CloudEventMessage) => ({ key, value, headers });
    await producer.send(Topics.SurveysScored, history.flatMap((h) => h.surveys).map(strip));
    await producer.send(Topics.CasesClassified, history.flatMap((h) => h.cases).map(strip));
  };

  const churnEvents = (name: string): ChurnRiskInsight[] =>
    churn.find((m) => m.key === customerFor(name).id).map((m) => JSON.parse(m.value!) as ChurnRiskInsight);

  const factCount = async (): Promise<number> => {
    const { rows } = await pool.query(
      `SELECT (SELECT count(*) FROM insights.case_facts WHERE customer_id LIKE $1)
            + (SELECT count(*) FROM insights.survey_facts WHERE customer_id LIKE $1) AS n`,
      [`${token}-%`],
    );
    return Number(rows[0].n);
  };

  const catchUpRow = async () =>
    (await pool.query(`SELECT catching_up, entered_lag FROM insights.catch_up`)).rows[0] as {
      catching_up: boolean;
      entered_lag: string | null;
    };

  it('defers judging through a backlog, keeps the deferred customers across instances, then judges each once', async () => {
    // `recovers` rises above the threshold and falls back within the backlog; `at-risk` ends at 93.
    const backlog = [
      troubledHistory('recovers', 2034),
      recovery('recovers', 2034),
      troubledHistory('at-risk', 2034),
    ];
    await send(backlog);
    const published = backlog.reduce((n, h) => n + h.surveys.length + h.cases.length, 0);

    // The first instance never reaches its first check after start (ten minutes away): it catches up on
    // the backlog and stops with the customers still deferred, as a crash at that point would leave
    // them (the locking a crash mid-end relies on: catch-up.repository.integration-spec.ts).
    app = await withEnv(env(600_000), async () => (await startService(AppModule)).app);
    await waitFor('the backlog applied', async () => ((await factCount()) === published ? true : undefined));
    const during = await catchUpRow();
    expect(during.catching_up).toBe(true);
    expect(Number(during.entered_lag)).toBeGreaterThanOrEqual(published);
    const deferred = await pool.query(
      `SELECT customer_id FROM insights.deferred_customers ORDER BY customer_id`,
    );
    expect(deferred.rows.map((row) => row.customer_id)).toEqual([
      customerFor('at-risk').id,
      customerFor('recovers').id,
    ]);
    const judged = await pool.query(`SELECT count(*)::int AS n FROM insights.churn_risk`);
    expect(judged.rows[0].n).toBe(0);
    // Segments are not evaluated either while catching up (content topics neither).
    const evaluated = await pool.query(`SELECT count(*)::int AS n FROM insights.persona_segment_evaluations`);
    expect(evaluated.rows[0].n).toBe(0);
    // Nor are profiles derived batch after batch: each once, at the end.
    const profileCount = async () =>
      (
        await pool.query(
          `SELECT count(*)::int AS n FROM insights.customer_profiles WHERE customer_id LIKE $1`,
          [`${token}-%`],
        )
      ).rows[0].n;
    expect(await profileCount()).toBe(0);
    // The API derives a deferred customer's profile when asked, from the facts as they stand.
    const profile = await app.get(CustomerProfilesRepository).find(customerFor('at-risk').id);
    expect(profile).toMatchObject({
      customerId: customerFor('at-risk').id,
      cases: { total: 3, open: expect.any(Number) },
    });
    expect(await profileCount()).toBe(1);
    await app.close();
    app = undefined;

    // A second instance finds the input read to its end: it judges the deferred customers and ends the catch-up.
    app = await withEnv(env(200), async () => (await startService(AppModule)).app);
    await waitFor('the catch-up finished', async () => ((await catchUpRow()).catching_up ? undefined : true));
    const [raised] = await waitFor('the at-risk customer raised', async () => {
      const events = churnEvents('at-risk');
      return events.length > 0 ? events : undefined;
    });
    expect(raised).toMatchObject({
      change: 'raised',
      score: 93,
      sequence: 1,
      at: '2034-04-25T10:00:00.000Z',
    });
    const left = await pool.query(`SELECT count(*)::int AS n FROM insights.deferred_customers`);
    expect(left.rows[0].n).toBe(0);
    expect(await profileCount()).toBe(2);
    const states = await pool.query(`SELECT customer_id, score, version FROM insights.churn_risk`);
    expect(states.rows).toEqual([{ customer_id: customerFor('at-risk').id, score: 93, version: 1 }]);
    // Every segment with data in its two windows judged once, at the latest fact's time (the
    // recovering customer's last answer): the recovering customer's; the at-risk customer's April
    // facts lie before both 30-day windows ending 2034-08-01.
    const segments = await pool.query(
      `SELECT attribute, segment_value, evaluated_at FROM insights.persona_segment_evaluations`,
    );
    expect(segments.rows).toEqual([
      {
        attribute: 'industry',
        segment_value: customerFor('recovers').segment.industry,
        evaluated_at: new Date('2034-08-01T10:00:00.000Z'),
      },
    ]);

    // Live again: the at-risk customer's recovery is judged as its batch lands, on sequence 2.
    await send([recovery('at-risk', 2034)]);
    const events = await waitFor('the at-risk customer cleared', async () => {
      const all = churnEvents('at-risk');
      return all.some((event) => event.change === 'cleared') ? all : undefined;
    });
    // (Its cases may land before its survey: then an update at 44 comes between, as in churn-risk's suite.)
    expect(events[0]).toMatchObject({ change: 'raised', sequence: 1 });
    expect(events.map((event) => event.sequence)).toEqual(events.map((_, i) => i + 1));
    // Judged once, on its final facts: a risk that came and went inside the backlog emitted nothing.
    expect(churnEvents('recovers')).toEqual([]);
    expect((await catchUpRow()).catching_up).toBe(false);
  });
});
