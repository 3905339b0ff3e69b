import { Injectable } from '@nestjs/common';
import { ClassifiedCase, Topics } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { toCaseFactRow } from './case-fact';

@Injectable()
export class ClassifiedCasesHandler implements BatchHandler<ClassifiedCase> {
  constructor(
    private readonly writer: ReadModelWriter,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ClassifiedCase>): Promise<void> {
    const applied = await this.writer.applyCaseFacts({
      consumer: Topics.CasesClassified,
      rows: batch.events.map(toCaseFactRow),
    });
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, batch.events.length - applied);
  }
}
