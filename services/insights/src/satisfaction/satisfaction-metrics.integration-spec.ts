import { INestApplication } from '@nestjs/common';
import { EventContracts, ScoredSurvey, ClassifiedCase, Topics } from '@supportlens/contracts';
import { InboundEvent } from '@supportlens/messaging';
import { cloudEventMessage, RawProducer, startService, waitFor, withApiKey } from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { toCaseFactRow } from '../cases/case-fact';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { DRIVER_COUNTS, driverRowsOf } from '../drivers/domain/driver-rollup';
import { toSurveyFactRow } from '../surveys/survey-fact';
import { rollupRowsOf } from './domain/response-contribution';
import { SATISFACTION_MEASURES, SatisfactionMeasures } from './domain/satisfaction-measures';
import { StoredScores } from './domain/satisfaction-response';
import { measureColumn } from './satisfaction-rollup.repository';
import { STORED_RESPONSE_COLUMNS, StoredResponseRow, toSatisfactionResponse } from './stored-response';

/**
 * The satisfaction rollup on the real database, written through the ReadModelWriter exactly as the
 * consumers write it, and read over HTTP. Every number expected below is worked out by hand in the
 * comments. The data lives in 2031 so that no other suite's (or earlier run's) responses fall in the
 * ranges read.
 */
describe('satisfaction metrics (real Postgres)', () => {
  let app: INestApplication;
  let url: string;
  let writer: ReadModelWriter;
  let dataSource: DataSource;
  const run = randomUUID().slice(0, 8);
  const id = (name: string) => `${name}-${run}`;
  let offset = 0;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    writer = app.get(ReadModelWriter);
    dataSource = app.get(DataSource);
  });

  afterAll(async () => {
    await app?.close();
  });

  // ---- builders -------------------------------------------------------------------------------

  interface SurveyVersion {
    responseId: string;
    respondedAt: string;
    /** Version time (the CloudEvent `time`). */
    time: string;
    channel?: string;
    caseId?: string;
    kind?: 'transactional' | 'image';
    segment?: Record<string, string>;
    scores: StoredScores;
    eventId?: string;
  }

  function surveyEvent(v: SurveyVersion): InboundEvent<ScoredSurvey> {
    const data = {
      response: {
        responseId: v.responseId,
        source: 'qualtrics',
        customer: { id: id(`cust-${v.responseId}`), segment: v.segment ?? {} },
        kind: v.kind ?? 'transactional',
        caseId: v.caseId,
        channel: v.channel,
        respondedAt: v.respondedAt,
        // The answers themselves (the contract wants at least one); only the scores count.
        csat: v.scores.csat,
        nps: v.scores.nps,
        ces: v.scores.ces,
      },
      scores: v.scores,
      scoringConfigVersion: 1,
    } as unknown as ScoredSurvey;
    return {
      topic: Topics.SurveysScored,
      partition: 0,
      offset: String(offset++),
      key: data.response.customer.id,
      attributes: { id: v.eventId ?? `evt-${randomUUID()}`, time: v.time },
      data,
      timestamp: String(Date.now()),
    };
  }

  function caseEvent(
    caseId: string,
    issueCode: string,
    agentId: string | undefined,
    time: string,
    eventId = `evt-${randomUUID()}`,
  ): InboundEvent<ClassifiedCase> {
    const data = {
      case: {
        caseId,
        source: 'zendesk',
        customer: { id: id(`cust-${caseId}`) },
        channel: 'chat',
        status: 'solved',
        subject: 's',
        description: 'd',
        agentId,
        openedAt: '2031-03-01T09:00:00Z',
      },
      classification: {
        issueCode,
        category: issueCode.split('.')[0],
        confidence: 0.9,
        method: 'rules',
        candidates: [],
        taxonomyVersion: 't1',
      },
    } as unknown as ClassifiedCase;
    return {
      topic: Topics.CasesClassified,
      partition: 0,
      offset: String(offset++),
      key: data.case.customer.id,
      attributes: { id: eventId, time },
      data,
      timestamp: String(Date.now()),
    };
  }

  /** How many of the events were new (the writer says it per event). */
  const newCount = (fresh: boolean[]) => fresh.filter((isNew) => isNew).length;
  const applySurveys = async (events: InboundEvent<ScoredSurvey>[]) =>
    newCount(
      await writer.applySurveyFacts({ consumer: Topics.SurveysScored, rows: events.map(toSurveyFactRow) }),
    );
  const applyCases = async (events: InboundEvent<ClassifiedCase>[]) =>
    newCount(
      await writer.applyCaseFacts({ consumer: Topics.CasesClassified, rows: events.map(toCaseFactRow) }),
    );

  async function report(query: string): Promise<{ status: number; body: any }> {
    const response = await fetch(`${url}/v1/metrics/satisfaction?${query}`, withApiKey());
    return { status: response.status, body: await response.json() };
  }

  async function rows(query: string): Promise<Record<string, any>> {
    const { status, body } = await report(query);
    expect(status).toBe(200);
    return Object.fromEntries(body.rows.map((row: any) => [`${row.period} ${row.group}`, row]));
  }

  /** The rollup rows of a date range, measure by measure, zero rows left out. */
  async function rollup(from: string, to: string): Promise<Map<string, SatisfactionMeasures>> {
    const stored: Array<Record<string, string>> = await dataSource.query(
      `SELECT group_kind, day::text AS day, group_value,
              ${SATISFACTION_MEASURES.map((m) => `${measureColumn(m)}::text AS "${m}"`).join(', ')}
       FROM insights.satisfaction_daily WHERE day >= $1 AND day < $2`,
      [from, to],
    );
    const out = new Map<string, SatisfactionMeasures>();
    for (const row of stored) {
      const measures = Object.fromEntries(
        SATISFACTION_MEASURES.map((m) => [m, Number(row[m])]),
      ) as SatisfactionMeasures;
      if (SATISFACTION_MEASURES.some((m) => measures[m] !== 0)) {
        out.set(`${row.day} ${row.group_kind}=${row.group_value}`, measures);
      }
    }
    return out;
  }

  /** after − before, per key and measure, non-zero entries only. */
  function difference(
    before: Map<string, SatisfactionMeasures>,
    after: Map<string, SatisfactionMeasures>,
  ): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const key of new Set([...before.keys(), ...after.keys()])) {
      for (const m of SATISFACTION_MEASURES) {
        const delta = (after.get(key)?.[m] ?? 0) - (before.get(key)?.[m] ?? 0);
        if (Math.abs(delta) > 1e-9) (out[key] ??= {})[m] = Math.round(delta * 1e6) / 1e6;
      }
    }
    return out;
  }

  /**
   * The invariant behind everything: the rollup of a range equals the contributions of the stored
   * facts (recomputed from scratch here), and every transactional response carries its case's
   * current issue code and agent.
   */
  async function expectRollupMatchesFacts(from: string, to: string): Promise<void> {
    const facts: StoredResponseRow[] = await dataSource.query(
      `SELECT ${STORED_RESPONSE_COLUMNS.join(', ')} FROM insights.survey_facts
       WHERE responded_at >= $1 AND responded_at < $2`,
      [`${from}T00:00:00Z`, `${to}T00:00:00Z`],
    );
    const expected = new Map<string, SatisfactionMeasures>();
    for (const fact of facts) {
      for (const row of rollupRowsOf(toSatisfactionResponse(fact))) {
        const key = `${row.day} ${row.groupKind}=${row.groupValue}`;
        const sum = expected.get(key);
        expected.set(
          key,
          sum
            ? (Object.fromEntries(
                SATISFACTION_MEASURES.map((m) => [m, sum[m] + row.measures[m]]),
              ) as SatisfactionMeasures)
            : row.measures,
        );
      }
    }
    expect(difference(expected, await rollup(from, to))).toEqual({});

    // The driver rollup follows the same facts: every (slice, theme) count, zero rows left out.
    const expectedDrivers: Record<string, number[]> = {};
    for (const row of facts.flatMap((fact) => driverRowsOf(toSatisfactionResponse(fact)))) {
      const key = `${row.sliceKind}=${row.sliceValue} ${row.day} ${row.themeKind}=${row.themeValue}`;
      const sum = expectedDrivers[key] ?? DRIVER_COUNTS.map(() => 0);
      expectedDrivers[key] = sum.map((value, i) => value + row.counts[DRIVER_COUNTS[i]]);
    }
    const drivers: Array<Record<string, string>> = await dataSource.query(
      `SELECT slice_kind, slice_value, day::text AS day, theme_kind, theme_value,
              ${DRIVER_COUNTS.map((c) => `${measureColumn(c)} AS "${c}"`).join(', ')}
       FROM insights.satisfaction_driver_daily WHERE day >= $1 AND day < $2`,
      [from, to],
    );
    expect(
      Object.fromEntries(
        drivers
          .map((row) => [
            `${row.slice_kind}=${row.slice_value} ${row.day} ${row.theme_kind}=${row.theme_value}`,
            DRIVER_COUNTS.map((c) => Number(row[c])),
          ])
          .filter(([, counts]) => (counts as number[]).some((n) => n !== 0)),
      ),
    ).toEqual(expectedDrivers);

    const stale: unknown[] = await dataSource.query(
      `SELECT s.response_id, s.issue_code, r.issue_code AS case_issue_code
       FROM insights.survey_facts s
       JOIN LATERAL (SELECT issue_code, agent_id FROM insights.case_facts c WHERE c.case_id = s.case_id
                     ORDER BY event_time DESC, source LIMIT 1) r ON true
       WHERE s.kind = 'transactional' AND s.responded_at >= $1 AND s.responded_at < $2
         AND (s.issue_code IS DISTINCT FROM r.issue_code OR s.agent_id IS DISTINCT FROM r.agent_id)`,
      [`${from}T00:00:00Z`, `${to}T00:00:00Z`],
    );
    expect(stale).toEqual([]);
  }

  // ---- the known set ------------------------------------------------------------------------------

  const D0 = '2031-03-03'; // Monday, ISO week 2031-W10
  const D1 = '2031-03-04'; // Tuesday, same week
  const D2 = '2031-03-10'; // Monday, 2031-W11
  const FEB = '2031-02-26';
  /** The days the tests below write (and compare the rollup over). */
  const MARCH = ['2031-02-01', '2031-04-01'] as const;
  const RETAIL = { industry: 'retail', plan: 'pro' };
  const SAAS = { industry: 'saas' };
  const c = { C1: id('C1'), C2: id('C2'), C3: id('C3') };
  const r = Object.fromEntries(
    ['R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11'].map((n) => [n, id(n)]),
  );
  const servqual = (
    dimensions: Array<[string, number]>,
    weightedGap: number,
    qualityIndex: number,
    level: string,
  ) =>
    ({
      dimensions: dimensions.map(([dimension, gap]) => ({
        dimension,
        gap,
        expectation: 5,
        perception: 5 + gap,
        items: 1,
        weight: 100 / dimensions.length,
      })),
      missingDimensions: [],
      weightSource: 'config',
      weightedGap,
      qualityIndex,
      level,
    }) as unknown as StoredScores['servqual'];
  const at = (day: string, hour = 10) => `${day}T${String(hour).padStart(2, '0')}:00:00Z`;

  // R4's first version; corrected below.
  const r4v1: SurveyVersion = {
    responseId: r.R4,
    respondedAt: at(D1),
    time: at(D1, 11),
    channel: 'email',
    caseId: c.C1,
    segment: SAAS,
    scores: { csat: 3, nps: 7 },
  };

  it('computes CSAT and NPS per channel, per issue code and per agent, a case arriving after its responses included', async () => {
    // C1 and C2 are classified before their responses arrive; C3 only after.
    expect(
      await applyCases([
        caseEvent(c.C1, 'billing.invoice', 'agent-a', at(D0, 9)),
        caseEvent(c.C2, 'billing.invoice', 'agent-b', at(D0, 9)),
      ]),
    ).toBe(2);
    const known: SurveyVersion[] = [
      {
        responseId: r.R1,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'chat',
        caseId: c.C1,
        segment: RETAIL,
        scores: {
          csat: 5,
          nps: 10,
          ces: 6,
          satisfactionIndex: 80,
          benchmark: { index: 76 },
          ratings: { speedOfResolution: 2 },
          servqual: servqual(
            [
              ['reliability', -1],
              ['empathy', 2],
            ],
            -0.2,
            48.33,
            'satisfied',
          ),
        },
      },
      {
        responseId: r.R2,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'chat',
        caseId: c.C2,
        segment: RETAIL,
        scores: {
          csat: 4,
          nps: 9,
          ces: 3,
          satisfactionIndex: 60,
          benchmark: { index: 76 },
          ratings: { speedOfResolution: 5 },
        },
      },
      {
        responseId: r.R3,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'chat',
        caseId: c.C3,
        segment: RETAIL,
        scores: { csat: 2, nps: 3, ratings: { speedOfResolution: 1, professionalism: 3 } },
      },
      r4v1,
      {
        responseId: r.R5,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'email',
        caseId: c.C3,
        segment: SAAS,
        scores: {
          csat: 5,
          nps: 10,
          satisfactionIndex: 90,
          servqual: servqual([['reliability', 1]], 1, 58.33, 'delighted'),
        },
      },
      {
        responseId: r.R6,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'email',
        segment: SAAS,
        scores: { csat: 1, nps: 0 },
      },
      {
        responseId: r.R7,
        respondedAt: at(D1),
        time: at(D1),
        channel: 'phone',
        caseId: c.C2,
        segment: SAAS,
        scores: { nps: 8 },
      },
    ];
    expect(await applySurveys(known.map(surveyEvent))).toBe(7);
    expect(await applyCases([caseEvent(c.C3, 'access.login', 'agent-a', at(D0, 9))])).toBe(1);

    const byChannel = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=channel`);
    expect(Object.keys(byChannel).sort()).toEqual([`${D1} chat`, `${D1} email`, `${D1} phone`]);
    // chat: R1, R2, R3. CSAT 5, 4, 2 → 2 of 3 satisfied = 66.67%.
    // NPS 10, 9, 3 → 2 promoters, 1 detractor of 3: 66.67 − 33.33 = 33.33;
    // var = (2/3 + 1/3 − (1/3)²) / 3 = 0.296296, ±1.96·0.544331·100 = ±106.69 → [−73.36, 100 (clipped)].
    expect(byChannel[`${D1} chat`]).toMatchObject({
      responses: 3,
      csat: { responses: 3, satisfied: 2, percent: 66.67, mean: 3.67 },
      nps: {
        responses: 3,
        promoters: 2,
        passives: 0,
        detractors: 1,
        score: 33.33,
        confidence95: { low: -73.36, high: 100 },
      },
      // CES 6 and 3: mean 4.5, one of two low effort
      ces: { responses: 2, mean: 4.5, lowEffortPercent: 50 },
    });
    // email: R4, R5, R6. CSAT 3, 5, 1 → 1 of 3 = 33.33%. NPS 7, 10, 0 → 1/1/1: 33.33 − 33.33 = 0;
    // var = (2/3 − 0) / 3 = 0.222222, ±1.96·0.471405·100 = ±92.40.
    expect(byChannel[`${D1} email`]).toMatchObject({
      responses: 3,
      csat: { responses: 3, satisfied: 1, percent: 33.33 },
      nps: { promoters: 1, passives: 1, detractors: 1, score: 0, confidence95: { low: -92.4, high: 92.4 } },
    });
    // phone: R7, NPS 8 only: a passive, NPS 0, zero-width interval; no CSAT answer.
    expect(byChannel[`${D1} phone`]).toMatchObject({
      responses: 1,
      csat: { responses: 0, percent: null },
      nps: { responses: 1, passives: 1, score: 0, confidence95: { low: 0, high: 0 } },
    });

    const byIssue = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=issueCode`);
    expect(Object.keys(byIssue).sort()).toEqual([`${D1} access.login`, `${D1} billing.invoice`]);
    // billing.invoice: R1 (C1), R2 (C2), R4 (C1), R7 (C2). CSAT 5, 4, 3 → 2 of 3 = 66.67%.
    // NPS 10, 9, 7, 8 → 2 promoters, 2 passives: 50; var = (0.5 − 0.25) / 4 = 0.0625, ±1.96·0.25·100 = ±49.
    expect(byIssue[`${D1} billing.invoice`]).toMatchObject({
      responses: 4,
      csat: { responses: 3, satisfied: 2, percent: 66.67 },
      nps: {
        responses: 4,
        promoters: 2,
        passives: 2,
        detractors: 0,
        score: 50,
        confidence95: { low: 1, high: 99 },
      },
    });
    // access.login (C3 arrived after R3 and R5): CSAT 2, 5 → 50%; NPS 3, 10 → 50 − 50 = 0;
    // var = (1 − 0) / 2 = 0.5, ±1.96·0.707107·100 = ±138.59 → clipped to [−100, 100].
    expect(byIssue[`${D1} access.login`]).toMatchObject({
      responses: 2,
      csat: { percent: 50 },
      nps: { promoters: 1, detractors: 1, score: 0, confidence95: { low: -100, high: 100 } },
    });

    const byAgent = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=agent`);
    // agent-a: C1 and C3 → R1, R3, R4, R5: NPS 10, 3, 7, 10 → (2 − 1) / 4 = 25.
    // agent-b: C2 → R2, R7: NPS 9, 8 → (1 − 0) / 2 = 50.
    expect(byAgent[`${D1} agent-a`]).toMatchObject({ responses: 4, nps: { score: 25 } });
    expect(byAgent[`${D1} agent-b`]).toMatchObject({ responses: 2, nps: { score: 50 } });

    const all = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z`);
    expect(all[`${D1} all`]).toMatchObject({
      responses: 7,
      // CSAT 5, 4, 2, 3, 5, 1 → 3 of 6 = 50%
      csat: { responses: 6, satisfied: 3, percent: 50 },
      // NPS 10, 9, 3, 7, 10, 0, 8 → 3 promoters, 2 passives, 2 detractors: (3 − 2) / 7 = 14.29
      nps: { responses: 7, promoters: 3, passives: 2, detractors: 2, score: 14.29 },
      servqual: {
        responses: 2,
        // weighted gaps −0.2 and 1 → 0.4; reliability −1 and 1 → 0; empathy 2 (R1 only)
        meanWeightedGap: 0.4,
        meanQualityIndex: 53.33,
        dimensions: {
          reliability: { responses: 2, meanGap: 0 },
          empathy: { responses: 1, meanGap: 2 },
          tangibles: { responses: 0, meanGap: null },
        },
        levels: { dissatisfied: 0, satisfied: 1, delighted: 1 },
      },
      // index 80, 60, 90 → 76.67; benchmark on R1 and R2 only: mean index 70 − mean benchmark 76 = −6
      satisfactionIndex: { responses: 3, mean: 76.67 },
      benchmark: { responses: 2, meanSatisfactionIndex: 70, meanBenchmarkIndex: 76, difference: -6 },
      trend: null, // nothing on D0 yet
    });

    const bySpeed = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=rating.speedOfResolution`);
    expect(Object.keys(bySpeed).sort()).toEqual([`${D1} high`, `${D1} low`]);
    // low (1–2): R1 (CSAT 5, NPS 10) and R3 (CSAT 2, NPS 3) → 50 %, NPS (1 − 1) / 2 = 0; high: R2 → 100 %, 100.
    expect(bySpeed[`${D1} low`]).toMatchObject({
      responses: 2,
      csat: { satisfied: 1, percent: 50 },
      nps: { score: 0 },
      servqual: { responses: 1 },
    });
    expect(bySpeed[`${D1} high`]).toMatchObject({
      responses: 1,
      csat: { percent: 100 },
      nps: { score: 100 },
    });
    const byProfessionalism = await rows(
      `from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=rating.professionalism`,
    );
    expect(Object.keys(byProfessionalism)).toEqual([`${D1} mid`]); // R3 rated it 3

    const bySegment = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=segment.industry`);
    expect(bySegment[`${D1} retail`]).toMatchObject({ responses: 3 });
    expect(bySegment[`${D1} saas`]).toMatchObject({ responses: 4 });
    const byPlan = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=segment.plan`);
    expect(Object.keys(byPlan)).toEqual([`${D1} pro`]); // the saas responses have no plan

    await expectRollupMatchesFacts(...MARCH);
  });

  it('replaces exactly the contribution of a corrected response', async () => {
    const before = await rollup(...MARCH);
    // R4 corrected: CSAT 3 → 4 (now satisfied), NPS 7 → 10 (passive → promoter).
    expect(
      await applySurveys([surveyEvent({ ...r4v1, time: at(D1, 12), scores: { csat: 4, nps: 10 } })]),
    ).toBe(1);
    const change = { csatSatisfied: 1, csatSum: 1, npsPassives: -1, npsPromoters: 1 };
    expect(difference(before, await rollup(...MARCH))).toEqual({
      [`${D1} none=all`]: change,
      [`${D1} segment.industry=saas`]: change,
      [`${D1} channel=email`]: change,
      [`${D1} agent=agent-a`]: change,
      [`${D1} issueCode=billing.invoice`]: change,
    });
    const byChannel = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=channel`);
    // email: CSAT 4, 5, 1 → 66.67%; NPS 10, 10, 0 → (2 − 1) / 3 = 33.33
    expect(byChannel[`${D1} email`]).toMatchObject({ csat: { percent: 66.67 }, nps: { score: 33.33 } });
    expect(byChannel[`${D1} chat`]).toMatchObject({ csat: { percent: 66.67 }, nps: { score: 33.33 } });
  });

  it('changes nothing for a redelivered event or an older version arriving late', async () => {
    const before = await rollup(...MARCH);
    const correction = surveyEvent({ ...r4v1, time: at(D1, 13), scores: { csat: 4, nps: 10 } });
    // A newer version with the same content as the stored one: applied, but it counts the same.
    expect(await applySurveys([correction])).toBe(1);
    // The same event again (a redelivery): the inbox drops it, alone or within a batch.
    expect(await applySurveys([correction])).toBe(0);
    expect(await applySurveys([correction, correction])).toBe(0);
    // An older version (a late re-send of v1, a new event id): stored row is newer, so nothing moves.
    expect(await applySurveys([surveyEvent({ ...r4v1, scores: { csat: 1, nps: 0 } })])).toBe(1);
    // And in one batch behind a newer one: the newest of the batch is the one that counts.
    expect(
      await applySurveys([
        surveyEvent({ ...r4v1, time: at(D1, 14), scores: { csat: 4, nps: 10 } }),
        surveyEvent({ ...r4v1, time: at(D1, 11), scores: { csat: 2, nps: 2 } }),
      ]),
    ).toBe(2);
    expect(difference(before, await rollup(...MARCH))).toEqual({});
    const stored: Array<{ csat: number; nps: number }> = await dataSource.query(
      `SELECT csat, nps FROM insights.survey_facts WHERE response_id = $1`,
      [r.R4],
    );
    expect(stored).toEqual([{ csat: 4, nps: 10 }]);
    await expectRollupMatchesFacts(...MARCH);
  });

  it('moves responses when their case is reclassified or reassigned, and ignores a stale case version', async () => {
    const before = await rollup(...MARCH);
    expect(
      await applyCases([
        // C1 reclassified: R1 and R4 move from billing.invoice to billing.refund.
        caseEvent(c.C1, 'billing.refund', 'agent-a', at(D1, 15)),
        // C2 reassigned: R2 and R7 move from agent-b to agent-c.
        caseEvent(c.C2, 'billing.invoice', 'agent-c', at(D1, 15)),
        // An older C3 version arriving late changes nothing.
        caseEvent(c.C3, 'other.misc', 'agent-z', at(D0, 8)),
      ]),
    ).toBe(3);
    const moved = difference(before, await rollup(...MARCH));
    expect(Object.keys(moved).sort()).toEqual([
      `${D1} agent=agent-b`,
      `${D1} agent=agent-c`,
      `${D1} issueCode=billing.invoice`,
      `${D1} issueCode=billing.refund`,
    ]);
    // R1 (NPS 10, CSAT 5) and R4 (NPS 10, CSAT 4) leave billing.invoice for billing.refund.
    expect(moved[`${D1} issueCode=billing.refund`]).toMatchObject({
      responses: 2,
      npsResponses: 2,
      npsPromoters: 2,
      csatResponses: 2,
      csatSum: 9,
    });
    expect(moved[`${D1} issueCode=billing.invoice`]).toMatchObject({ responses: -2, npsPromoters: -2 });
    expect(moved[`${D1} agent=agent-c`]).toMatchObject({ responses: 2, npsPromoters: 1, npsPassives: 1 });

    const byIssue = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=issueCode`);
    // billing.invoice keeps R2 (NPS 9) and R7 (NPS 8): (1 − 0) / 2 = 50; billing.refund: 100.
    expect(byIssue[`${D1} billing.invoice`]).toMatchObject({ responses: 2, nps: { score: 50 } });
    expect(byIssue[`${D1} billing.refund`]).toMatchObject({ responses: 2, nps: { score: 100 } });
    expect(byIssue[`${D1} other.misc`]).toBeUndefined();
    const byAgent = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=agent`);
    expect(byAgent[`${D1} agent-b`]).toBeUndefined(); // no response left
    expect(byAgent[`${D1} agent-c`]).toMatchObject({ responses: 2 });
    // The same version again under a new event id (applied), and that event redelivered (dropped):
    // neither moves anything.
    const after = await rollup(...MARCH);
    const again = caseEvent(c.C1, 'billing.refund', 'agent-a', at(D1, 15));
    expect(await applyCases([again])).toBe(1);
    expect(await applyCases([again])).toBe(0);
    expect(difference(after, await rollup(...MARCH))).toEqual({});
    await expectRollupMatchesFacts(...MARCH);
  });

  it('sums days into ISO weeks and months, and compares each period with the previous one of the same length', async () => {
    expect(
      await applySurveys(
        [
          // D0 (Monday, same week as D1): CSAT 5 and 2 → 50%, NPS 10 and 2 → 0, index 70.
          { id: r.R8, day: D0, scores: { csat: 5, nps: 10, satisfactionIndex: 70 } },
          { id: r.R9, day: D0, scores: { csat: 2, nps: 2 } },
          // D2 (next Monday) and February.
          { id: r.R10, day: D2, scores: { csat: 4, nps: 9 } },
          { id: r.R11, day: FEB, scores: { csat: 1, nps: 1 } },
        ].map((s) =>
          surveyEvent({
            responseId: s.id,
            respondedAt: at(s.day),
            time: at(s.day),
            channel: 'chat',
            scores: s.scores,
          }),
        ),
      ),
    ).toBe(4);

    const days = await rows(`from=2031-02-01T00:00:00Z&to=2031-04-01T00:00:00Z&period=day`);
    const weeks = await rows(`from=2031-02-01T00:00:00Z&to=2031-04-01T00:00:00Z&period=week`);
    const months = await rows(`from=2031-02-01T00:00:00Z&to=2031-04-01T00:00:00Z&period=month`);
    const sum = (keys: string[], pick: (row: any) => number) =>
      keys.reduce((total, key) => total + pick(days[key]), 0);
    for (const pick of [
      (row: any) => row.responses,
      (row: any) => row.csat.satisfied,
      (row: any) => row.nps.promoters,
      (row: any) => row.nps.detractors,
    ]) {
      expect(pick(weeks['2031-W10 all'])).toBe(sum([`${D0} all`, `${D1} all`], pick));
      expect(pick(weeks['2031-W11 all'])).toBe(sum([`${D2} all`], pick));
      expect(pick(months['2031-03 all'])).toBe(sum([`${D0} all`, `${D1} all`, `${D2} all`], pick));
      expect(pick(months['2031-02 all'])).toBe(sum([`${FEB} all`], pick));
    }
    // W10 = D0 (2) + D1 (7): CSAT 5, 2 | 5, 4, 2, 4, 5, 1 → 5 of 8 = 62.5%;
    // NPS 10, 2 | 10, 9, 3, 10, 10, 0, 8 → 5 promoters, 1 passive, 3 detractors of 9 → 22.22
    expect(weeks['2031-W10 all']).toMatchObject({
      periodStart: D0,
      periodEnd: '2031-03-10',
      responses: 9,
      csat: { percent: 62.5 },
      nps: { score: 22.22 },
    });
    expect(weeks['2031-W09 all']).toMatchObject({ periodStart: '2031-02-24', responses: 1 });
    // W11 (R10 only: CSAT 100%, NPS 100) against W10: +37.5 points CSAT, +77.78 NPS; no index in W11.
    expect(weeks['2031-W11 all'].trend).toEqual({
      previousResponses: 9,
      csatPercent: 37.5,
      npsScore: 77.78,
      satisfactionIndex: null,
    });

    // D1 against D0, all responses: CSAT 4 of 6 = 66.67% vs 1 of 2 = 50% → +16.67;
    // NPS (4 − 2) / 7 = 28.57 vs 0 → +28.57; index 76.67 vs 70 → +6.67.
    expect(days[`${D1} all`].trend).toEqual({
      previousResponses: 2,
      csatPercent: 16.67,
      npsScore: 28.57,
      satisfactionIndex: 6.67,
    });
    expect(days[`${D0} all`].trend).toBeNull(); // nothing on 2031-03-02
    // Same group only: chat D1 (CSAT 66.67%, NPS 33.33) vs chat D0 (50%, 0); email had nothing on D0.
    const byChannel = await rows(`from=${D1}T00:00:00Z&to=${D1}T23:59:59Z&groupBy=channel`);
    expect(byChannel[`${D1} chat`].trend).toMatchObject({
      previousResponses: 2,
      csatPercent: 16.67,
      npsScore: 33.33,
    });
    expect(byChannel[`${D1} email`].trend).toBeNull();
    await expectRollupMatchesFacts(...MARCH);
  });

  it('answers the reported range and refuses bad queries with 400 problem+json', async () => {
    const { body } = await report(`from=2031-03-03T23:30:00-02:00&to=2031-03-05T00:00:01Z`);
    expect(body).toMatchObject({
      from: '2031-03-04T00:00:00.000Z',
      to: '2031-03-06T00:00:00.000Z',
      period: 'day',
      groupBy: 'none',
    });
    for (const query of [
      'groupBy=segment.color',
      'period=year',
      'from=2031-03-03T00:00:00', // no offset
      'from=2031-03-05T00:00:00Z&to=2031-03-04T00:00:00Z',
      'from=2001-01-01T00:00:00Z&to=2031-01-01T00:00:00Z',
    ]) {
      const response = await fetch(`${url}/v1/metrics/satisfaction?${query}`, withApiKey());
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('stays consistent when survey and case batches on the same cases run at the same time', async () => {
    const day = '2031-05-06';
    const cases = [id('K1'), id('K2'), id('K3')];
    const responses = Array.from({ length: 12 }, (_, i) => id(`S${i}`));
    const codes = ['a.one', 'b.two', 'c.three'];
    let tick = 0;
    const time = () => new Date(Date.UTC(2031, 4, 6, 12, 0, 0, tick++)).toISOString();
    const surveyBatch = () =>
      applySurveys(
        responses
          .filter(() => Math.random() < 0.5)
          .map((responseId, i) =>
            surveyEvent({
              responseId,
              respondedAt: at(day),
              time: time(),
              channel: i % 2 ? 'chat' : 'email',
              caseId: cases[i % cases.length],
              scores: { csat: 1 + Math.floor(Math.random() * 5), nps: Math.floor(Math.random() * 11) },
            }),
          ),
      );
    const caseBatch = () =>
      applyCases(
        cases
          .filter(() => Math.random() < 0.7)
          .map((caseId) =>
            caseEvent(
              caseId,
              codes[Math.floor(Math.random() * 3)],
              `agent-${Math.floor(Math.random() * 3)}`,
              time(),
            ),
          ),
      );
    for (let round = 0; round < 5; round++) {
      await Promise.all([surveyBatch(), caseBatch(), surveyBatch(), caseBatch(), surveyBatch(), caseBatch()]);
    }
    await expectRollupMatchesFacts('2031-05-01', '2031-06-01');
  });

  it('takes a scored survey from Kafka into the metrics', async () => {
    const producer = await RawProducer.connect(process.env.KAFKA_BROKERS!);
    try {
      const event = surveyEvent({
        responseId: id('K-R1'),
        respondedAt: '2032-06-02T08:00:00Z',
        time: '2032-06-02T08:00:00Z',
        channel: 'social',
        // The topic outlives the run (a reused broker) and each run's consumers read it from the
        // beginning, at any time during the suite: earlier runs' responses land in 2032, away from the
        // ranges the other tests read, and a segment of this run's own keeps them out of the group read.
        segment: { industry: id('kafka-industry') },
        scores: { csat: 4, csatSatisfied: true, nps: 6, npsCategory: 'detractor' },
      });
      await producer.send(Topics.SurveysScored, [
        cloudEventMessage(EventContracts.ScoredSurvey, event.data, {
          subject: event.data.response.customer.id,
          id: event.attributes.id!,
          time: event.attributes.time!,
        }),
      ]);
      const row = await waitFor('the Kafka response in the metrics', async () => {
        const found = await rows(
          'from=2032-06-02T00:00:00Z&to=2032-06-03T00:00:00Z&groupBy=segment.industry',
        );
        return found[`2032-06-02 ${id('kafka-industry')}`];
      });
      expect(row).toMatchObject({ responses: 1, csat: { percent: 100 }, nps: { score: -100 } });
    } finally {
      await producer.disconnect();
    }
  });
});
