import { Injectable } from '@nestjs/common';
import { ScoredSurvey, Topics } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { factWriteCoalescer } from '../read-models/fact-write-coalescer';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { toSurveyFactRow } from './survey-fact';

@Injectable()
export class ScoredSurveysHandler implements BatchHandler<ScoredSurvey> {
  /** Partitions' batches that arrive together are written together (see factWriteCoalescer). */
  private readonly writes = factWriteCoalescer((rows) =>
    this.writer.applySurveyFacts({ consumer: Topics.SurveysScored, rows }),
  );

  constructor(
    private readonly writer: ReadModelWriter,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ScoredSurvey>): Promise<void> {
    const fresh = await this.writes.submit(batch.events.map(toSurveyFactRow));
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, fresh.filter((isNew) => !isNew).length);
  }
}
