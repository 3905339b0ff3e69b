import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { derivedEventId, EventContracts, isErased, SupportCase } from '@supportlens/contracts';
import {
  BatchHandler,
  EventPublisher,
  InboundBatch,
  InboundEvent,
  isTransientFailure,
  outboundEvent,
} from '@supportlens/messaging';
import { isLockTableFull } from '@supportlens/persistence';
import { CallCoalescer } from '@supportlens/platform';
import { DataSource, EntityManager } from 'typeorm';
import { CaseClassifier, ExplainedClassification } from '../classification/case-classifier.service';
import { EmergingTopicsRecorder } from '../emerging-topics/emerging-topics.recorder';
import { CustomerErasuresRepository } from '../erasure/customer-erasures.repository';
import { withoutPersonalData } from '../erasure/domain/erased-output';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';

export const CLASSIFIER_SOURCE = '/supportlens/classifier';

/**
 * The most cases one round takes (a larger partition batch goes in parts): its advisory locks (cases,
 * customers) must fit Postgres' lock table beside every other transaction's.
 */
const MAX_CASES_PER_ROUND = 1_500;

/**
 * Classifies a batch of cases and publishes them in one produce call. Idempotent without an inbox:
 * the output id is derived from the input id (a redelivery republishes the same event, which
 * downstream dedupes) and labelled examples are upserted by case.
 *
 * What it stores (labelled examples, emerging-topics terms and samples) is written in one
 * transaction that first reads the erasure ledger for the batch's customers (once, under their
 * shared locks): a case versioned at or before its customer's erasure is stored without its text, so
 * a replay or a late re-send brings none of it back, neither here nor on the output topic (its
 * classified case is published without the text and the customer's name and e-mail). The produce runs
 * beside those writes, inside the transaction: still under the customers' locks, so no erasure can
 * come between the ledger read and the produce, and a round costs the longer of the two, not both.
 */
@Injectable()
export class CasesHandler implements BatchHandler<SupportCase> {
  /**
   * The partitions' batches of one fetch (kafkajs hands them over at once) are handled as one round:
   * one transaction and one produce. Separate, their transactions queued on the same shared term and
   * day counts (the term-count upsert waited on row locks in 37% of its SQL samples), each paying a
   * batch's fixed work.
   * Each partition's batch still commits its own offset after the round. A failure every batch shares
   * (Postgres or Kafka away) fails them all for their consumers to retry; any other re-runs each alone.
   */
  private readonly rounds = new CallCoalescer<InboundEvent<SupportCase>, true>(
    async (events) => {
      await this.handleCases(events);
      return events.map(() => true as const);
    },
    {
      maxItems: MAX_CASES_PER_ROUND,
      maxConcurrent: 1,
      // A full lock table may be this round's own doing: its batches are then retried one by one.
      sharedFailure: (error) => isTransientFailure(error) && !isLockTableFull(error),
      gatherWithinTick: true,
    },
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly classifier: CaseClassifier,
    private readonly examples: LabelledExamplesRepository,
    private readonly publisher: EventPublisher,
    private readonly emergingTopics: EmergingTopicsRecorder,
    private readonly erasures: CustomerErasuresRepository,
  ) {}

  async handleBatch(batch: InboundBatch<SupportCase>): Promise<void> {
    // A batch larger than one round goes in consecutive parts, in order; its offset commits after all.
    await this.rounds.submit(batch.events);
  }

  private async handleCases(events: InboundEvent<SupportCase>[]): Promise<void> {
    const classified = events.map((event) => {
      const { classification, masked } = this.classifier.explain(event.data, 0);
      return { event, classification, masked };
    });

    await this.dataSource.transaction(async (manager) => {
      const erasedAt = await this.erasures.erasuresForWriting(
        manager,
        events.map((event) => event.data.customer.id),
      );
      const textErased = (event: InboundEvent<SupportCase>) =>
        isErased(erasedAt.get(event.data.customer.id), versionTime(event));
      // The output depends on the ledger only: it is produced while the rest is written (the round
      // waits for both; a failure of either redoes the round, and a re-sent event keeps its id). The
      // store's failure is the one reported when both fail, as when it ran first: it decides whether
      // the round's batches are retried together or alone. A case whose rows can never be stored is
      // dead-lettered with its output already sent; contracts are validated before this, so only a
      // fault of the store itself gets here, and a replay from the dead letters stores it.
      await allOrFirstError([
        this.store(manager, classified, textErased),
        this.publishClassified(classified, textErased),
      ]);
    });
  }

  private async store(
    manager: EntityManager,
    classified: ClassifiedEvent[],
    textErased: (event: InboundEvent<SupportCase>) => boolean,
  ): Promise<void> {
    await this.examples.save(
      manager,
      classified
        .filter(({ event }) => event.data.issueCode)
        .map(({ event, masked }) => ({
          source: event.data.source,
          caseId: event.data.caseId,
          customerId: event.data.customer.id,
          issueCode: event.data.issueCode!,
          // Stored for training, so personal data is masked first.
          text: textErased(event) ? null : masked.text,
          predictedCode: this.classifier.predictWithoutAgent(event.data, masked.text).issueCode,
          labelledAt: versionTime(event),
        })),
    );

    // Every case feeds the term baseline; the low-confidence ones are the emerging-topic material.
    await this.emergingTopics.record(
      classified.map(({ event, classification, masked }) => ({
        source: event.data.source,
        caseId: event.data.caseId,
        customerId: event.data.customer.id,
        text: `${event.data.subject}\n${event.data.description}`,
        masked,
        textErased: textErased(event),
        classification,
        occurredAt: event.data.openedAt,
        versionAt: versionTime(event),
      })),
      manager,
    );
  }

  private async publishClassified(
    classified: ClassifiedEvent[],
    textErased: (event: InboundEvent<SupportCase>) => boolean,
  ): Promise<void> {
    await this.publisher.publish(
      classified.map(({ event, classification }) =>
        outboundEvent({
          contract: EventContracts.ClassifiedCase,
          id: derivedEventId('classified', event.attributes.id!),
          source: CLASSIFIER_SOURCE,
          subject: event.data.customer.id,
          time: versionTime(event),
          data: textErased(event)
            ? withoutPersonalData(event.data, classification)
            : { case: event.data, classification },
        }),
      ),
    );
  }
}

/** Waits for every promise (none is left running unwatched), then fails with the first failure in their order. */
async function allOrFirstError(work: Array<Promise<void>>): Promise<void> {
  const failed = (await Promise.allSettled(work)).find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/** A case of the round with its classification (and the masked text and terms it was made from). */
type ClassifiedEvent = { event: InboundEvent<SupportCase> } & Pick<
  ExplainedClassification,
  'classification' | 'masked'
>;

/** The case version's time: the event's `time`, else when the case was opened. */
function versionTime(event: InboundEvent<SupportCase>): string {
  return event.attributes.time ?? event.data.openedAt;
}
