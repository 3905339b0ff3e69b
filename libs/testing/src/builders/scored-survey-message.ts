import { EventContracts } from '@supportlens/contracts';
import { CloudEventMessage, cloudEventMessage } from '../kafka/cloud-event-message';
import { aSurveyResponse } from './survey-builder';

export interface ScoredAnswers {
  customer: { id: string } & Record<string, unknown>;
  respondedAt: string;
  csat: number;
  nps: number;
}

/**
 * A `ScoredSurvey` event as survey-scoring publishes it for a transactional response with a CSAT and
 * an NPS answer (no effort score), with the scorer's readings: satisfied at CSAT 4 and up, promoter at
 * NPS 9 and up, passive at 7–8. Keyed by the customer, dated at the answer.
 */
export function aScoredSurveyMessage(answers: ScoredAnswers): CloudEventMessage {
  const { customer, respondedAt, csat, nps } = answers;
  const response = aSurveyResponse({ customer, respondedAt, csat, nps, ces: undefined });
  const scores = {
    csat,
    csatSatisfied: csat >= 4,
    nps,
    npsCategory: nps >= 9 ? 'promoter' : nps >= 7 ? 'passive' : 'detractor',
  };
  return cloudEventMessage(
    EventContracts.ScoredSurvey,
    { response, scores, scoringConfigVersion: 1 },
    { subject: customer.id, time: respondedAt },
  );
}
