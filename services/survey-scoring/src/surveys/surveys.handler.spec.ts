import { SurveyResponse } from '@supportlens/contracts';
import { EventPublisher, InboundEvent, OutboundEvent } from '@supportlens/messaging';
import { ScoringConfigProvider } from '../scoring-config/scoring-config.provider';
import { ScoringConfigVersion } from '../scoring-config/scoring-config-version';
import { SurveysHandler } from './surveys.handler';

// The scorer is another unit's subject; here it refuses one response the way a real inconsistency would.
jest.mock('../scoring/domain/score-survey', () => ({
  scoreSurvey: jest.fn((response: SurveyResponse, config: { version: number }) => {
    if (response.responseId === 'resp-inconsistent') {
      throw new Error('servqualItems contradict servqual for reliability');
    }
    return { csat: response.csat, scoredWith: config.version };
  }),
}));

const CONFIG: ScoringConfigVersion = {
  version: 7,
  weights: { reliability: 32, responsiveness: 22, assurance: 19, empathy: 16, tangibles: 11 },
  tolerance: 0.25,
  benchmarks: {},
  note: null,
  createdBy: null,
  createdAt: '2026-11-02T09:00:00.000Z',
};

function anEvent(responseId: string, offset: string): InboundEvent<SurveyResponse> {
  return {
    topic: 'support.surveys.v1',
    partition: 0,
    offset,
    key: 'cust-1',
    timestamp: '0',
    attributes: { id: `event-${responseId}`, time: '2026-11-02T10:00:00.000Z' },
    data: {
      responseId,
      source: 'qualtrics',
      customer: { id: 'cust-1' },
      kind: 'transactional',
      respondedAt: '2026-11-02T10:00:00.000Z',
      csat: 4,
    } as SurveyResponse,
  };
}

describe('SurveysHandler', () => {
  it('publishes the scored responses in one call and rejects the one the scorer refuses, with its reason', async () => {
    const published: OutboundEvent[][] = [];
    const publisher = { publish: jest.fn(async (events: OutboundEvent[]) => void published.push(events)) };
    const handler = new SurveysHandler(
      { current: CONFIG } as ScoringConfigProvider,
      publisher as unknown as EventPublisher,
    );
    const events = [anEvent('resp-1', '10'), anEvent('resp-inconsistent', '11'), anEvent('resp-2', '12')];

    const outcome = await handler.handleBatch({ topic: 'support.surveys.v1', partition: 0, events });

    expect(published).toHaveLength(1);
    expect(published[0].map((e) => (e.data as { response: SurveyResponse }).response.responseId)).toEqual([
      'resp-1',
      'resp-2',
    ]);
    expect(published[0][0]).toMatchObject({
      topic: 'support.surveys.scored.v1',
      key: 'cust-1',
      data: { scores: { csat: 4, scoredWith: 7 }, scoringConfigVersion: 7 },
    });
    expect(outcome.rejected).toEqual([
      {
        event: events[1],
        rejection: {
          errorClass: 'InconsistentAnswers',
          reason: 'servqualItems contradict servqual for reliability',
        },
      },
    ]);
  });

  it('publishes the batches of one fetch (handed over together) in one produce', async () => {
    const published: OutboundEvent[][] = [];
    const publisher = { publish: jest.fn(async (events: OutboundEvent[]) => void published.push(events)) };
    const handler = new SurveysHandler(
      { current: CONFIG } as ScoringConfigProvider,
      publisher as unknown as EventPublisher,
    );

    await Promise.all([
      handler.handleBatch({ topic: 'support.surveys.v1', partition: 0, events: [anEvent('resp-a', '1')] }),
      handler.handleBatch({ topic: 'support.surveys.v1', partition: 1, events: [anEvent('resp-b', '1')] }),
    ]);

    expect(published).toHaveLength(1);
    expect(published[0].map((e) => (e.data as { response: SurveyResponse }).response.responseId)).toEqual([
      'resp-a',
      'resp-b',
    ]);
  });

  it('fails every batch of the produce when Kafka is away, and re-sends each alone on any other failure', async () => {
    const kafkaAway = Object.assign(new Error('Connection error'), { transient: true });
    const tooLarge = new Error('Message size too large');
    const idOf = (event: OutboundEvent) => (event.data as { response: SurveyResponse }).response.responseId;
    const publisher = {
      // The broker refuses resp-d, and so every produce that holds it.
      publish: jest.fn(async (events: OutboundEvent[]) => {
        if (publisher.failWith) throw publisher.failWith;
        if (events.some((event) => idOf(event) === 'resp-d')) throw tooLarge;
      }),
      failWith: undefined as Error | undefined,
    };
    const handler = new SurveysHandler(
      { current: CONFIG } as ScoringConfigProvider,
      publisher as unknown as EventPublisher,
    );
    const batch = (partition: number, id: string) =>
      handler.handleBatch({ topic: 'support.surveys.v1', partition, events: [anEvent(id, '1')] });

    publisher.failWith = kafkaAway;
    const away = await Promise.allSettled([batch(0, 'resp-a'), batch(1, 'resp-b')]);
    expect(away.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(publisher.publish).toHaveBeenCalledTimes(1);

    publisher.failWith = undefined;
    publisher.publish.mockClear();
    const alone = await Promise.allSettled([batch(0, 'resp-c'), batch(1, 'resp-d')]);
    // Together (refused), then each batch alone: resp-c's goes out, resp-d's fails (its consumer then
    // isolates and dead-letters it).
    expect(alone.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect(publisher.publish.mock.calls.map(([events]) => events.map(idOf))).toEqual([
      ['resp-c', 'resp-d'],
      ['resp-c'],
      ['resp-d'],
    ]);
  });
});
