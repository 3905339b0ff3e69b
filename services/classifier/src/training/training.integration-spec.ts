import { INestApplication } from '@nestjs/common';
import { EventContracts, Topics } from '@supportlens/contracts';
import {
  aCase,
  cloudEventMessage,
  RawProducer,
  startService,
  TopicReader,
  waitFor,
  withApiKey,
} from '@supportlens/testing';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppModule } from '../app.module';
import { RetrainingScheduler } from './retraining-scheduler';

/**
 * Training on the real database and broker: a model trained through the API classifies the cases of
 * the pipeline, a worse model is not promoted unless forced, and a second running instance switches to
 * a newly promoted model without a restart.
 */
describe('training and the live model (real Kafka and Postgres)', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  const apps: INestApplication[] = [];
  let first: string;
  let second: string;
  let producer: RawProducer;

  // Three codes that no keyword or pattern of the default taxonomy knows, so only a model can tell them.
  const phrasings: Record<string, string[]> = {
    'test.espresso': [
      'my espresso machine leaks water',
      'the coffee maker drips',
      'espresso too bitter',
      'grinder jammed with beans',
    ],
    'test.bicycle': [
      'bike chain keeps slipping',
      'my bicycle tyre is flat',
      'the gears on my bike click',
      'brake pads on the bicycle squeak',
    ],
    'test.garden': [
      'tomato plants have yellow leaves',
      'the lawn is full of moss',
      'roses need pruning advice',
      'hedge trimmer for the garden',
    ],
  };
  const examples = Object.entries(phrasings).flatMap(([code, texts]) =>
    texts.flatMap((text) =>
      [text, `${text} again`, `hello, ${text}`, `${text}, please help`, `urgent: ${text}`].map((t) => ({
        text: t,
        code,
      })),
    ),
  );

  const post = (base: string, path: string, body: unknown) =>
    fetch(
      `${base}${path}`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );

  beforeAll(async () => {
    process.env.MODEL_REFRESH_MS = '200';
    process.env.CLASSIFIER_RETRAIN_MIN_NEW_LABELS = '3';
    for (let i = 0; i < 2; i++) {
      const service = await startService(AppModule);
      apps.push(service.app);
    }
    [first, second] = await Promise.all(
      apps.map(async (app) => (await app.getUrl()).replace('[::1]', '127.0.0.1')),
    );
    producer = await RawProducer.connect(brokers);
  });

  afterAll(async () => {
    await producer?.disconnect();
    // The suites that run after this one share the database: they expect no model (keyword fallback).
    await apps[0]?.get(DataSource).query('DELETE FROM classifier.model_versions');
    for (const app of apps) await app.close();
    delete process.env.MODEL_REFRESH_MS;
    delete process.env.CLASSIFIER_RETRAIN_MIN_NEW_LABELS;
  });

  it('trains through the API, classifies the pipeline with the model, and swaps models on every instance live', async () => {
    const trained = await post(first, '/v1/training', {
      examples,
      onlyGivenExamples: true,
      note: 'it: three hobbies',
    });
    expect(trained.status).toBe(201);
    const outcome = (await trained.json()) as { model: Record<string, any>; reason: string };
    expect(outcome.model).toMatchObject({ promoted: true, codes: 3 });
    expect(outcome.model.evaluation.accuracy).toBeGreaterThanOrEqual(0.9);
    const version = outcome.model.version as number;

    // The dry run on the OTHER instance uses the new model once its timer has seen it.
    const dryRun = await waitFor('the second instance to use the new model', async () => {
      const response = await post(second, '/v1/classify', {
        subject: 'Espresso',
        description: 'my espresso machine leaks',
      });
      const body = (await response.json()) as {
        classification: Record<string, any>;
        explanation: Array<{ term: string }>;
      };
      return body.classification.modelVersion === String(version) ? body : undefined;
    });
    expect(dryRun.classification).toMatchObject({ issueCode: 'test.espresso', method: 'model' });
    expect(dryRun.explanation.map((e) => e.term).join(' ')).toMatch(/espresso|leak/);

    // Through the broker: a case in, a classified case out, decided by the model.
    const classified = await TopicReader.start(brokers, Topics.CasesClassified);
    try {
      const customerId = `cust-${randomUUID()}`;
      const supportCase = aCase({
        customerId,
        subject: 'Bike',
        description: 'the bike chain keeps slipping off',
      });
      await producer.send(Topics.Cases, [
        cloudEventMessage(EventContracts.Case, supportCase, {
          subject: customerId,
          source: '/it',
          time: '2026-11-02T09:30:00.000Z',
        }),
      ]);
      const [message] = await waitFor('the classified case', async () => {
        const found = classified.find((m) => m.key === customerId);
        return found.length > 0 ? found : undefined;
      });
      const event = JSON.parse(message.value!) as { classification: Record<string, any> };
      expect(event.classification).toMatchObject({
        issueCode: 'test.bicycle',
        method: 'model',
        modelVersion: String(version),
      });
      expect(event.classification.tone).toMatchObject({
        label: expect.stringMatching(/negative|neutral|positive/),
      });
    } finally {
      await classified.stop();
    }

    // A model trained on shuffled labels is worse: stored with its evaluation, not promoted...
    const shuffled = examples.map((example, i) => ({
      ...example,
      code: examples[(i * 7) % examples.length].code,
    }));
    const worse = (await (
      await post(first, '/v1/training', { examples: shuffled, onlyGivenExamples: true })
    ).json()) as {
      model: Record<string, any>;
      reason: string;
    };
    expect(worse.model.promoted).toBe(false);
    expect(worse.reason).toMatch(/^worse/);
    // ...unless forced.
    const forced = (await (
      await post(first, '/v1/training', { examples: shuffled, onlyGivenExamples: true, force: true })
    ).json()) as { model: Record<string, any> };
    expect(forced.model).toMatchObject({ promoted: true, forced: true });
    await waitFor('the second instance to switch to the forced model', async () => {
      const response = await post(second, '/v1/classify', {
        subject: 'x',
        description: 'my espresso machine leaks',
      });
      const body = (await response.json()) as { classification: Record<string, any> };
      return body.classification.modelVersion === String(forced.model.version) ? true : undefined;
    });

    // Put a sensible model back for the suites that run after this one in the same database.
    expect(
      (await post(first, '/v1/training', { examples, onlyGivenExamples: true, force: true })).status,
    ).toBe(201);
  });

  it('refuses an empty training request with a problem', async () => {
    const response = await post(first, '/v1/training', {
      examples: [{ text: 'only one code', code: 'a' }],
      onlyGivenExamples: true,
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
  });

  it('learns from the codes agents assign: stores them masked, tracks agreement, retrains on schedule', async () => {
    const customerId = `cust-${randomUUID()}`;
    const agentCoded = [
      ['test.espresso', 'espresso machine leaks, mail me at ana.lima@example.com'],
      ['test.espresso', 'the coffee maker drips on the counter'],
      ['test.bicycle', 'bike chain slipping, call +44 20 7946 0958'],
      ['test.bicycle', 'bicycle brake pads squeak'],
    ].map(([issueCode, description]) =>
      aCase({ customerId, caseId: `case-${randomUUID()}`, issueCode, description }),
    );
    await producer.send(
      Topics.Cases,
      agentCoded.map((supportCase) =>
        cloudEventMessage(EventContracts.Case, supportCase, {
          subject: customerId,
          source: '/it',
          time: '2026-11-02T09:30:00.000Z',
        }),
      ),
    );

    const dataSource = apps[0].get(DataSource);
    const stored = await waitFor('the agent labels to be stored', async () => {
      const rows: Array<{ text: string }> = await dataSource.query(
        'SELECT text FROM classifier.labelled_examples WHERE case_id = ANY($1)',
        [agentCoded.map((c) => c.caseId)],
      );
      return rows.length === agentCoded.length ? rows.map((row) => row.text).join('\n') : undefined;
    });
    expect(stored).toContain('[email]');
    expect(stored).toContain('[phone]');
    expect(stored).not.toContain('ana.lima@example.com');

    const agreement = (await (await fetch(`${first}/v1/agreement`, withApiKey())).json()) as {
      examples: number;
      perCode: Array<{ code: string }>;
    };
    expect(agreement.examples).toBeGreaterThanOrEqual(agentCoded.length);
    expect(agreement.perCode.map((c) => c.code)).toEqual(
      expect.arrayContaining(['test.espresso', 'test.bicycle']),
    );

    // No model yet and more new labels than the threshold: a scheduled round trains one.
    await dataSource.query('DELETE FROM classifier.model_versions');
    const version = await apps[0].get(RetrainingScheduler).maybeRetrain();
    expect(version).toBeDefined();
    const model = (await (await fetch(`${first}/v1/models/${version}`, withApiKey())).json()) as Record<
      string,
      any
    >;
    expect(model).toMatchObject({ promoted: true });
    expect(model.note).toMatch(/^scheduled:/);
    // Nothing new since: the next round does nothing.
    expect(await apps[0].get(RetrainingScheduler).maybeRetrain()).toBeUndefined();
  });
});
