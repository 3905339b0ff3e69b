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
import { AppModule } from '../app.module';

/**
 * Satisfaction drivers through the real broker and database: classified cases and scored surveys go
 * in on the insights topics, the driver rollup follows them, and `GET /v1/metrics/drivers` reports
 * the exact with/without figures and tests. Every figure is worked out in the comments (the same
 * numbers as the worked example of domain/satisfaction-drivers.spec.ts). The responses belong to an
 * industry and issue codes of this run only, in August 2037, so no other suite's data is in the slice.
 */
describe('satisfaction drivers through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await app?.close();
  });

  const run = randomUUID().slice(0, 8);
  const industry = `drivers-${run}`;
  const SLOW = `drv.slow-${run}`;
  const FINE = `drv.fine-${run}`;
  const PERIOD = '2037-08';
  const SLICE = `segment.industry=${industry}&period=${PERIOD}`;

  const send = (topic: string, messages: CloudEventMessage[]) =>
    producer.send(
      topic,
      messages.map(({ key, value, headers }) => ({ key, value, headers })),
    );

  function classifiedCase(caseId: string, issueCode: string): CloudEventMessage {
    const customerId = `cust-${caseId}`;
    const c = aCase({
      caseId,
      customerId,
      openedAt: '2037-08-09T09:00:00.000Z',
      firstResponseAt: '2037-08-09T09:05:00.000Z',
      resolvedAt: '2037-08-09T10:00:00.000Z',
    });
    const data = {
      case: c,
      classification: {
        issueCode,
        category: 'drv',
        confidence: 0.9,
        method: 'rules',
        candidates: [],
        taxonomyVersion: 't1',
      },
    };
    return cloudEventMessage(EventContracts.ClassifiedCase, data, {
      subject: customerId,
      time: '2037-08-09T09:00:00.000Z',
    });
  }

  interface Answer {
    responseId: string;
    caseId?: string;
    csat: number;
    nps: number;
    speed: number;
    respondedAt: string;
  }

  function scoredSurvey(a: Answer, options: { time?: string; id?: string } = {}): CloudEventMessage {
    const customerId = `cust-${a.responseId}`;
    const response = aSurveyResponse({
      responseId: a.responseId,
      customer: { id: customerId, segment: { industry } },
      kind: a.caseId ? 'transactional' : 'image',
      caseId: a.caseId,
      channel: 'email',
      respondedAt: a.respondedAt,
      csat: a.csat,
      nps: a.nps,
      ces: undefined,
      ratings: { speedOfResolution: a.speed },
    });
    const scores = {
      csat: a.csat,
      csatSatisfied: a.csat >= 4,
      nps: a.nps,
      npsCategory: a.nps >= 9 ? 'promoter' : a.nps >= 7 ? 'passive' : 'detractor',
      ratings: { speedOfResolution: a.speed },
    };
    return cloudEventMessage(
      EventContracts.ScoredSurvey,
      { response, scores, scoringConfigVersion: 1 },
      { subject: customerId, time: options.time ?? a.respondedAt, id: options.id },
    );
  }

  const slowCases = [1, 2, 3, 4].map((n) => `case-slow-${run}-${n}`);
  const fineCases = [1, 2, 3, 4, 5].map((n) => `case-fine-${run}-${n}`);
  const day = (i: number) => `2037-08-${String(10 + (i % 3)).padStart(2, '0')}T10:00:00.000Z`;
  // 40 about the slow issue: CSAT 12 of 40 satisfied; NPS 6 promoters, 10 passives, 24 detractors;
  // speed of resolution rated 2 (low).
  const slow: Answer[] = Array.from({ length: 40 }, (_, i) => ({
    responseId: `resp-slow-${run}-${i}`,
    caseId: slowCases[i % 4],
    csat: i < 12 ? 5 : 2,
    nps: i < 6 ? 9 : i < 16 ? 7 : 3,
    speed: 2,
    respondedAt: day(i),
  }));
  // 35 about the other issue: CSAT 30 of 35; NPS 21 / 10 / 4; speed 5 (high).
  const fine: Answer[] = Array.from({ length: 35 }, (_, i) => ({
    responseId: `resp-fine-${run}-${i}`,
    caseId: fineCases[i % 5],
    csat: i < 30 ? 5 : 1,
    nps: i < 21 ? 10 : i < 31 ? 8 : 0,
    speed: 5,
    respondedAt: day(i),
  }));
  // 25 image surveys (no case): CSAT 21 of 25; NPS 15 / 8 / 2; speed 4 (high).
  const image: Answer[] = Array.from({ length: 25 }, (_, i) => ({
    responseId: `resp-image-${run}-${i}`,
    csat: i < 21 ? 4 : 3,
    nps: i < 15 ? 9 : i < 23 ? 7 : 6,
    speed: 4,
    respondedAt: day(i),
  }));
  const messages = new Map([...slow, ...fine, ...image].map((a) => [a.responseId, scoredSurvey(a)]));

  const get = async (query: string, accept = 'application/json') => {
    const response = await fetch(`${url}/v1/metrics/drivers?${query}`, withApiKey({ headers: { accept } }));
    return { status: response.status, headers: response.headers, text: await response.text() };
  };
  const getJson = async (query: string): Promise<any> => {
    const { status, text } = await get(query);
    expect({ status, text: status === 200 ? 'ok' : text }).toEqual({ status: 200, text: 'ok' });
    return JSON.parse(text);
  };
  const driver = (report: any, key: string) =>
    report.items.find((item: any) => `${item.themeKind}=${item.themeValue}` === key);

  it('reports a low-CSAT issue code as a significant negative driver with the exact figures', async () => {
    // The surveys first: their cases arrive after them and move them into the issue codes.
    await send(Topics.SurveysScored, [...messages.values()]);
    await send(Topics.CasesClassified, [
      ...slowCases.map((id) => classifiedCase(id, SLOW)),
      ...fineCases.map((id) => classifiedCase(id, FINE)),
    ]);

    const report = await waitFor('the drivers of every response and case', async () => {
      const r = await getJson(SLICE);
      return r.overall.responses === 100 &&
        driver(r, `issueCode=${SLOW}`)?.responses.with === 40 &&
        driver(r, `issueCode=${FINE}`)?.responses.with === 35
        ? r
        : undefined;
    });

    // The slice: 100 responses, CSAT 63 of 100 = 63 %, NPS (42 − 30) / 100 = 12.
    expect(report).toMatchObject({
      from: '2037-08-01T00:00:00.000Z',
      to: '2037-09-01T00:00:00.000Z',
      slice: { kind: 'segment.industry', value: industry },
      overall: {
        responses: 100,
        csat: { responses: 100, satisfied: 63, percent: 63 },
        nps: { responses: 100, promoters: 42, passives: 28, detractors: 30, score: 12 },
      },
      method: { minResponses: 30, alpha: 0.05, correction: 'benjamini-hochberg' },
      nextCursor: null,
    });
    expect(report.items.map((d: any) => `${d.themeKind}=${d.themeValue}`)).toEqual([
      // |impact|: speed high max(33, 57) = 57; slow and speed low max(22, 38) = 38; fine max(12.23, 19.69)
      'rating.speedOfResolution=high',
      `issueCode=${SLOW}`,
      'rating.speedOfResolution=low',
      `issueCode=${FINE}`,
    ]);

    // Without the slow issue: 51 of 60 satisfied = 85 %; with it 12 of 40 = 30 %: −55 points, and the
    // overall CSAT is 22 points lower than it would be without it (63 − 85 = −55 × 40 %).
    // Pooled z: SE = √(0.63 · 0.37 · (1/40 + 1/60)) = 0.098552, z = −0.55 / 0.098552 = −5.581,
    // p = 2.394e-8; Benjamini–Hochberg over 4 CSAT tests (slow, speed low, speed high share that p,
    // fine has 5.559e-4): p · 4/3 = 3.192e-8 < 0.05 → significant.
    // NPS: with (6 − 24) / 40 = −45, without (36 − 6) / 60 = 50: −95 points, impact 12 − 50 = −38.
    // Welch z = −0.95 / √(0.5475/40 + 0.45/60) = −0.95 / 0.145559 = −6.527, p = 6.730e-11, adjusted
    // 6.730e-11 · 4/3 = 8.974e-11.
    expect(driver(report, `issueCode=${SLOW}`)).toEqual({
      kind: 'issueCode',
      issueCode: SLOW,
      topic: null,
      bucket: null,
      themeKind: 'issueCode',
      themeValue: SLOW,
      responses: { with: 40, without: 60, sharePercent: 40 },
      csat: {
        with: { responses: 40, satisfied: 12, percent: 30 },
        without: { responses: 60, satisfied: 51, percent: 85 },
        overall: 63,
        points: -55,
        impact: -22,
        test: { z: -5.581, p: 2.394e-8, pAdjusted: 3.192e-8, significant: true },
      },
      nps: {
        with: { responses: 40, promoters: 6, passives: 10, detractors: 24, score: -45 },
        without: { responses: 60, promoters: 36, passives: 18, detractors: 6, score: 50 },
        overall: 12,
        points: -95,
        impact: -38,
        test: { z: -6.527, p: 6.73e-11, pAdjusted: 8.974e-11, significant: true },
      },
    });
    // The same responses rated speed low: the same figures. Speed high is the complement: +55 points.
    expect(driver(report, 'rating.speedOfResolution=low')).toMatchObject({
      kind: 'rating',
      topic: 'speedOfResolution',
      bucket: 'low',
      csat: { points: -55, impact: -22 },
    });
    expect(driver(report, 'rating.speedOfResolution=high')).toMatchObject({
      responses: { with: 60, without: 40 },
      csat: { points: 55, impact: 33, test: { z: 5.581 } },
    });
    // Fine: with 30 of 35 = 85.71 %, without 33 of 65 = 50.77 %: +34.95 points, impact +12.23;
    // z = 3.452, p = 5.559e-4 (the largest of the family: adjusted × 4/4).
    expect(driver(report, `issueCode=${FINE}`)).toMatchObject({
      csat: {
        with: { percent: 85.71 },
        without: { percent: 50.77 },
        points: 34.95,
        impact: 12.23,
        test: { z: 3.452, p: 5.559e-4, pAdjusted: 5.559e-4, significant: true },
      },
    });

    // Without a slice filter the base is every response of the period (other suites' too), but the
    // issue code is this run's: its "with" side is exactly these responses.
    const whole = await getJson(`period=${PERIOD}&issueCode=${SLOW}&minResponses=1`);
    expect(whole.slice).toEqual({ kind: 'none', value: 'all' });
    expect(whole.items).toHaveLength(1);
    expect(whole.items[0]).toMatchObject({
      responses: { with: 40 },
      csat: { with: { responses: 40, satisfied: 12, percent: 30 } },
      nps: { with: { score: -45 } },
    });
  });

  it('filters, pages with a cursor, and exports CSV', async () => {
    const ratings = await getJson(`${SLICE}&kind=rating&sort=csat`);
    // |CSAT impact|: speed high 33, speed low 22.
    expect(ratings.items.map((d: any) => d.bucket)).toEqual(['high', 'low']);
    // The adjusted p-values do not depend on the filter: the family is every theme of the slice.
    const all = await getJson(SLICE);
    expect(driver(ratings, 'rating.speedOfResolution=low').csat.test).toEqual(
      driver(all, 'rating.speedOfResolution=low').csat.test,
    );

    const first = await get(`${SLICE}&sort=p&limit=3`, 'text/csv');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = first.text.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 8)).toEqual([
      'kind',
      'issue_code',
      'topic',
      'bucket',
      'responses_with',
      'responses_without',
      'share_percent',
      'csat_with',
    ]);
    // Smallest adjusted p first: slow, speed high, speed low share it (ties by theme key), then fine.
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 7))).toEqual([
      ['issueCode', SLOW, '', '', '40', '60', '40'],
      ['rating', '', 'speedOfResolution', 'high', '60', '40', '60'],
      ['rating', '', 'speedOfResolution', 'low', '40', '60', '40'],
    ]);
    const cursor = first.headers.get('x-next-cursor');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    const rest = await getJson(`${SLICE}&sort=p&limit=3&cursor=${cursor}`);
    expect(rest.items.map((d: any) => d.themeValue)).toEqual([FINE]);
    expect(rest.nextCursor).toBeNull();

    // A cursor of another sort, two slices at once, period with from, an unknown sort: 400 naming the field.
    const problems = await Promise.all(
      [
        `${SLICE}&sort=impact&cursor=${cursor}`,
        `${SLICE}&channel=email`,
        `period=${PERIOD}&from=2037-08-01T00:00:00Z`,
        `${SLICE}&sort=loudest`,
        `segment.industry=${industry}&period=2037-13`,
      ].map(async (query) => {
        const { status, headers, text } = await get(query);
        return {
          status,
          type: headers.get('content-type'),
          fields: JSON.parse(text).errors.map((e: any) => e.field),
        };
      }),
    );
    expect(problems).toEqual([
      { status: 400, type: expect.stringMatching(/problem\+json/), fields: ['cursor'] },
      { status: 400, type: expect.stringMatching(/problem\+json/), fields: ['segment.industry', 'channel'] },
      { status: 400, type: expect.stringMatching(/problem\+json/), fields: ['period'] },
      { status: 400, type: expect.stringMatching(/problem\+json/), fields: ['sort'] },
      { status: 400, type: expect.stringMatching(/problem\+json/), fields: ['period'] },
    ]);
  });

  it('is described in the OpenAPI document', async () => {
    const document: any = await (await fetch(`${url}/docs/openapi.json`, withApiKey())).json();
    const operation = document.paths['/v1/metrics/drivers'].get;
    expect(operation.tags).toEqual(['metrics']);
    expect(operation.parameters.map((p: any) => p.name).sort()).toEqual(
      [
        'period',
        'from',
        'to',
        'segment.industry',
        'segment.plan',
        'segment.region',
        'segment.companySize',
        'segment.role',
        'channel',
        'kind',
        'issueCode',
        'topic',
        'minResponses',
        'sort',
        'limit',
        'cursor',
      ].sort(),
    );
    expect(operation.parameters.find((p: any) => p.name === 'sort').schema.enum).toEqual([
      'impact',
      'csat',
      'nps',
      'p',
    ]);
  });

  it('counts a redelivered response once and replaces a corrected one', async () => {
    // Same key (customer), so the duplicate is consumed before the correction that follows it.
    const original = slow[20]; // CSAT 2 → corrected to 5
    const duplicate = messages.get(original.responseId)!;
    const corrected = scoredSurvey({ ...original, csat: 5 }, { time: '2037-08-20T10:00:00.000Z' });
    await send(Topics.SurveysScored, [duplicate, corrected]);

    const report = await waitFor('the corrected response', async () => {
      const r = await getJson(`${SLICE}&kind=issueCode`);
      return driver(r, `issueCode=${SLOW}`)?.csat.with.satisfied === 13 ? r : undefined;
    });
    // Still 40 and 100 responses: the duplicate added nothing, the correction replaced its version.
    // With: 13 of 40 = 32.5 %; overall 64 %; without unchanged at 85 %: −52.5 points, impact −21.
    expect(report.overall).toMatchObject({ responses: 100, csat: { satisfied: 64, percent: 64 } });
    expect(driver(report, `issueCode=${SLOW}`)).toMatchObject({
      responses: { with: 40, without: 60 },
      csat: { with: { percent: 32.5 }, without: { percent: 85 }, points: -52.5, impact: -21 },
    });
  });
});
