import { INestApplication } from '@nestjs/common';
import { deadLetterTopic, EventContracts, Topics } from '@supportlens/contracts';
import {
  aSurveyResponse,
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
import { AppModule } from '../app.module';
import { scoredEventId } from './surveys.handler';

/**
 * The survey pipeline through the real broker: CloudEvents on `support.surveys.v1` come out scored on
 * `support.surveys.scored.v1` with the configuration version in use, and what fails the contract is
 * dead-lettered with its reason while its neighbours go through.
 */
describe('survey scoring through Kafka', () => {
  const brokers = process.env.KAFKA_BROKERS!;
  let app: INestApplication;
  let url: string;
  let producer: RawProducer;
  let scored: TopicReader;
  let deadLetters: TopicReader;

  beforeAll(async () => {
    ({ app, url } = await startService(AppModule));
    producer = await RawProducer.connect(brokers);
    scored = await TopicReader.start(brokers, Topics.SurveysScored);
    deadLetters = await TopicReader.start(brokers, deadLetterTopic(Topics.Surveys));
  });

  afterAll(async () => {
    await scored?.stop();
    await deadLetters?.stop();
    await producer?.disconnect();
    await app?.close();
  });

  /** A survey-response CloudEvent as ingest publishes it (binary mode: attributes in ce_* headers). */
  function surveyEvent(response: Record<string, unknown>): { id: string; message: CloudEventMessage } {
    const message = cloudEventMessage(EventContracts.Survey, response, {
      subject: (response.customer as { id: string }).id,
      source: '/test/survey-scoring',
      time: '2026-11-02T10:00:00.000Z',
    });
    return { id: message.id, message };
  }

  const rating = (expectation: number, perception: number) => ({ expectation, perception });

  const messagesFor = (reader: TopicReader, customerId: string, count: number): Promise<ReadMessage[]> =>
    waitFor(`${count} message(s) for ${customerId}`, async () => {
      const found = reader.find((m) => m.key === customerId);
      return found.length >= count ? found : undefined;
    });

  async function currentVersion(): Promise<number> {
    return ((await (await fetch(`${url}/v1/config`, withApiKey())).json()) as { version: number }).version;
  }

  it('publishes a scored event naming the current configuration version with SERVQUAL results, and dead-letters the response that fails the contract next to it', async () => {
    const customerId = `cust-${randomUUID()}`;
    const valid = aSurveyResponse({
      customer: { id: customerId, segment: { industry: 'retail' } },
      csat: 4,
      servqual: {
        reliability: rating(7, 5),
        responsiveness: rating(6, 6),
        assurance: rating(5, 6),
        empathy: rating(6, 5),
        tangibles: rating(4, 4),
      },
    });
    const invalid = aSurveyResponse({ customer: { id: customerId }, csat: 9 });
    const [good, bad] = [surveyEvent(valid), surveyEvent(invalid)];
    await producer.send(Topics.Surveys, [bad.message, good.message]);

    const [output] = await messagesFor(scored, customerId, 1);
    expect(output.headers).toMatchObject({
      ce_id: scoredEventId(good.id, await currentVersion()),
      ce_type: EventContracts.ScoredSurvey.type,
      ce_subject: customerId,
    });
    const event = JSON.parse(output.value!) as Record<string, any>;
    expect(event.response.responseId).toBe(valid.responseId);
    expect(event.scoringConfigVersion).toBe(await currentVersion());
    expect(event.scores.csat).toBe(4);
    expect(event.scores.servqual).toMatchObject({
      weightSource: 'config',
      missingDimensions: [],
      level: expect.any(String),
    });
    expect(event.scores.servqual.dimensions).toHaveLength(5);
    expect(event.scores.servqual.dimensions).toContainEqual(
      expect.objectContaining({ dimension: 'reliability', expectation: 7, perception: 5, gap: -2 }),
    );

    const [letter] = await messagesFor(deadLetters, customerId, 1);
    expect(letter.headers).toMatchObject({
      ce_id: bad.id,
      dlq_error_class: 'ContractViolation',
      dlq_original_topic: Topics.Surveys,
      dlq_consumer_group: expect.stringContaining('survey-scoring.surveys'),
    });
    expect(letter.headers.dlq_error_message).toContain('csat');
    expect(JSON.parse(letter.value!)).toEqual(invalid);
    // The invalid response was never scored.
    expect(scored.find((m) => m.key === customerId)).toHaveLength(1);
  });

  it('scores the next event with a version created meanwhile, without a restart', async () => {
    const response = await fetch(
      `${url}/v1/config/versions`,
      withApiKey({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          weights: { reliability: 20, responsiveness: 20, assurance: 20, empathy: 20, tangibles: 20 },
          tolerance: 0.25,
          benchmarks: {},
          note: 'pipeline pickup test',
        }),
      }),
    );
    expect(response.status).toBe(201);
    const { version } = (await response.json()) as { version: number };

    const customerId = `cust-${randomUUID()}`;
    const event = surveyEvent(
      aSurveyResponse({
        customer: { id: customerId },
        servqual: { reliability: rating(5, 6), empathy: rating(5, 4) },
      }),
    );
    await producer.send(Topics.Surveys, [event.message]);

    const [output] = await messagesFor(scored, customerId, 1);
    const data = JSON.parse(output.value!) as Record<string, any>;
    expect(data.scoringConfigVersion).toBe(version);
    // Two dimensions answered: the equal configured weights are renormalised over them.
    expect(data.scores.servqual.dimensions.map((d: { weight: number }) => d.weight)).toEqual([50, 50]);
  });
});
