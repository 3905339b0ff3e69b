import { Injectable } from '@nestjs/common';
import { ClassifiedCase, Topics } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { factWriteCoalescer } from '../read-models/fact-write-coalescer';
import { ReadModelWriter } from '../read-models/read-model-writer';
import { toCaseFactRow } from './case-fact';

@Injectable()
export class ClassifiedCasesHandler implements BatchHandler<ClassifiedCase> {
  /** Partitions' batches that arrive together are written together (see factWriteCoalescer). */
  private readonly writes = factWriteCoalescer((rows) =>
    this.writer.applyCaseFacts({ consumer: Topics.CasesClassified, rows }),
  );

  constructor(
    private readonly writer: ReadModelWriter,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ClassifiedCase>): Promise<void> {
    const fresh = await this.writes.submit(batch.events.map(toCaseFactRow));
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, fresh.filter((isNew) => !isNew).length);
  }
}
