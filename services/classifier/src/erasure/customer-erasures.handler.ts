import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CustomerErasure, latestErasurePerCustomer } from '@supportlens/contracts';
import { BatchHandler, InboundBatch } from '@supportlens/messaging';
import { DataSource } from 'typeorm';
import { EmergingTopicsRepository } from '../emerging-topics/emerging-topics.repository';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';
import { CustomerErasuresRepository } from './customer-erasures.repository';

/**
 * `support.customers.erasures.v1`: records each customer's erasure in the ledger and scrubs the text
 * the classifier holds of their cases versioned up to it (labelled examples, the emerging-topics
 * terms and samples), in one transaction per batch. Labels, counts and ids stay.
 *
 * Idempotent without an inbox: the ledger keeps the later erasure and a scrubbed row has nothing
 * left to scrub, so a redelivered batch changes nothing. The ledger is what keeps a replay of the
 * cases (or a late re-send) from bringing the text back: see CasesHandler.
 */
@Injectable()
export class CustomerErasuresHandler implements BatchHandler<CustomerErasure> {
  private readonly logger = new Logger(CustomerErasuresHandler.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: CustomerErasuresRepository,
    private readonly examples: LabelledExamplesRepository,
    private readonly emergingTopics: EmergingTopicsRepository,
  ) {}

  async handleBatch(batch: InboundBatch<CustomerErasure>): Promise<void> {
    const erasures = latestErasurePerCustomer(batch.events.map((event) => event.data));
    if (erasures.length === 0) return;
    const scrubbed = await this.dataSource.transaction(async (manager) => {
      // The ledger first: it takes the customers' locks, which the cases' writers wait for.
      const recorded = await this.ledger.record(manager, erasures);
      const examples = await this.examples.erase(manager, recorded);
      const emerging = await this.emergingTopics.erase(manager, recorded);
      return { examples, ...emerging };
    });
    this.logger.log(
      `erased ${erasures.length} customers: text of ${scrubbed.examples} labelled examples, ` +
        `terms of ${scrubbed.terms} cases, ${scrubbed.samples} low-confidence samples`,
    );
  }
}
