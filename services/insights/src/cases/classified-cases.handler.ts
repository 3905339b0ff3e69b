import { Injectable } from '@nestjs/common';
import { ClassifiedCase } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { FactWrites } from '../read-models/fact-writes';
import { toCaseFactRow } from './case-fact';

@Injectable()
export class ClassifiedCasesHandler implements BatchHandler<ClassifiedCase> {
  constructor(
    private readonly writes: FactWrites,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<ClassifiedCase>): Promise<void> {
    const fresh = await this.writes.cases(batch.partition, batch.events.map(toCaseFactRow));
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, fresh.filter((isNew) => !isNew).length);
  }
}
