import { Injectable } from '@nestjs/common';
import { derivedEventId, EventContracts, SurveyResponse } from '@supportlens/contracts';
import {
  BatchHandler,
  BatchOutcome,
  EventPublisher,
  InboundBatch,
  isTransientFailure,
  OutboundEvent,
  outboundEvent,
} from '@supportlens/messaging';
import { CallCoalescer } from '@supportlens/platform';
import { INCONSISTENT_ANSWERS, scoreResponse } from '../scoring/score-response';
import { ScoringConfigProvider } from '../scoring-config/scoring-config.provider';

export const SCORING_SOURCE = '/supportlens/survey-scoring';

/** The most events one produce takes; the publisher splits a produce into requests by size anyway. */
const MAX_EVENTS_PER_PRODUCE = 5_000;

/**
 * Scores a batch of responses with the configuration in memory (one version for the whole batch) and
 * publishes them, with the other batches of the same fetch, in one produce. A response the scorer refuses goes back as rejected, so it is
 * dead-lettered with the reason while the others are published. The output id derives from the input
 * id, so a redelivered batch republishes the same events.
 */
@Injectable()
export class SurveysHandler implements BatchHandler<SurveyResponse> {
  /**
   * The partitions' batches of one fetch (kafkajs hands them over in the same turn of the event loop)
   * are published in one produce: the producer sends one request at a time (idempotent, one in
   * flight), so six batches' sends queued one behind the other. Kafka away fails every batch of the
   * round for its consumer to retry; any other failure re-sends each batch's events alone.
   */
  private readonly produces = new CallCoalescer<OutboundEvent, true>(
    async (events) => {
      await this.publisher.publish(events);
      return events.map(() => true as const);
    },
    {
      maxItems: MAX_EVENTS_PER_PRODUCE,
      maxConcurrent: 1,
      sharedFailure: isTransientFailure,
      gatherWithinTick: true,
    },
  );

  constructor(
    private readonly configs: ScoringConfigProvider,
    private readonly publisher: EventPublisher,
  ) {}

  async handleBatch(batch: InboundBatch<SurveyResponse>): Promise<BatchOutcome<SurveyResponse>> {
    const config = this.configs.current;
    const scored: OutboundEvent[] = [];
    const rejected: NonNullable<BatchOutcome<SurveyResponse>['rejected']> = [];
    for (const event of batch.events) {
      const outcome = scoreResponse(event.data, config);
      if (!outcome.ok) {
        rejected.push({ event, rejection: { errorClass: INCONSISTENT_ANSWERS, reason: outcome.reason } });
        continue;
      }
      scored.push(
        outboundEvent({
          contract: EventContracts.ScoredSurvey,
          id: scoredEventId(event.attributes.id!, config.version),
          source: SCORING_SOURCE,
          subject: event.data.customer.id,
          time: event.attributes.time ?? event.data.respondedAt,
          data: outcome.scored,
        }),
      );
    }
    if (scored.length > 0) await this.produces.submit(scored);
    return { rejected };
  }
}

/**
 * The scored event's id: the same response scored by the same configuration version is the same event
 * (a redelivery is a duplicate downstream), while re-scoring under a new version is a new one that
 * replaces the old scores in the read models.
 */
export function scoredEventId(inputEventId: string, configVersion: number): string {
  return derivedEventId('scored', `${inputEventId}@config-v${configVersion}`);
}
