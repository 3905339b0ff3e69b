import { Injectable } from '@nestjs/common';
import { ScoredSurvey } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { FactWrites } from '../read-models/fact-writes';
import { toSurveyFactRow } from './survey-fact';

@Injectable()
export class ScoredSurveysHandler implements BatchHandler<ScoredSurvey> {
  constructor(
    private readonly writes: FactWrites,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ScoredSurvey>): Promise<void> {
    const fresh = await this.writes.surveys(batch.partition, batch.events.map(toSurveyFactRow));
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, fresh.filter((isNew) => !isNew).length);
  }
}
