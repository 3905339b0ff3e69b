import { Injectable } from '@nestjs/common';
import { ScoredSurvey, Topics } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { toSurveyFactRow } from './survey-fact';

@Injectable()
export class ScoredSurveysHandler implements BatchHandler<ScoredSurvey> {
  constructor(
    private readonly writer: ReadModelWriter,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ScoredSurvey>): Promise<void> {
    const applied = await this.writer.applySurveyFacts({
      consumer: Topics.SurveysScored,
      rows: batch.events.map(toSurveyFactRow),
    });
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, batch.events.length - applied);
  }
}
