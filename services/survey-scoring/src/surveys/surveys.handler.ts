import { Injectable } from '@nestjs/common';
import { derivedEventId, EventContracts, SurveyResponse } from '@supportlens/contracts';
import { BatchHandler, EventPublisher, InboundBatch, outboundEvent } from '@supportlens/messaging';
import { scoreSurvey } from '../scoring/domain/score-survey';
import { ScoringConfigRepository } from '../scoring-config/scoring-config.repository';

export const SCORING_SOURCE = '/supportlens/survey-scoring';

/**
 * Scores a batch of responses with the current configuration and publishes them in one call. The
 * output id derives from the input id, so a redelivered batch republishes the same events.
 */
@Injectable()
export class SurveysHandler implements BatchHandler<SurveyResponse> {
  constructor(
    private readonly configs: ScoringConfigRepository,
    private readonly publisher: EventPublisher,
  ) {}

  async handleBatch(batch: InboundBatch<SurveyResponse>): Promise<void> {
    const config = await this.configs.current();
    await this.publisher.publish(
      batch.events.map((event) =>
        outboundEvent({
          contract: EventContracts.ScoredSurvey,
          id: derivedEventId('scored', event.attributes.id!),
          source: SCORING_SOURCE,
          subject: event.data.customer.id,
          time: event.attributes.time ?? event.data.respondedAt,
          data: {
            response: event.data,
            scores: scoreSurvey(event.data),
            scoringConfigVersion: config.version,
          },
        }),
      ),
    );
  }
}
