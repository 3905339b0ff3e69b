import { Injectable } from '@nestjs/common';
import { CustomerErasure, Topics } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { MetricsService } from '@supportlens/platform';
import { CustomerErasureWriter } from './customer-erasure.writer';

/** `support.customers.erasures.v1`: each customer's erasure scrubs the text insights holds of them. */
@Injectable()
export class CustomerErasuresHandler implements BatchHandler<CustomerErasure> {
  constructor(
    private readonly writer: CustomerErasureWriter,
    private readonly metrics: MetricsService,
  ) {}

  async handleBatch(batch: InboundBatch<CustomerErasure>): Promise<void> {
    const applied = await this.writer.apply(
      Topics.CustomerErasures,
      batch.events.map((event) => ({
        eventId: event.attributes.id!,
        erasure: { customerId: event.data.customerId, erasedAt: event.data.erasedAt },
      })),
    );
    this.metrics.duplicatesSkipped.inc({ topic: batch.topic }, batch.events.length - applied);
  }
}
