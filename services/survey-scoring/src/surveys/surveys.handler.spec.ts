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
});
