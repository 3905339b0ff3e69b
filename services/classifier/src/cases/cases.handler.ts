import { Injectable } from '@nestjs/common';
import { derivedEventId, EventContracts, SupportCase } from '@supportlens/contracts';
import { BatchHandler, EventPublisher, InboundBatch, outboundEvent } from '@supportlens/messaging';
import { CaseClassifier, caseText } from '../classification/case-classifier.service';
import { EmergingTopicsRecorder } from '../emerging-topics/emerging-topics.recorder';
import { LabelledExamplesRepository } from '../labelled-examples/labelled-examples.repository';

export const CLASSIFIER_SOURCE = '/supportlens/classifier';

/**
 * Classifies a batch of cases and publishes them in one produce call. Idempotent without an inbox:
 * the output id is derived from the input id (a redelivery republishes the same event, which
 * downstream dedupes) and labelled examples are upserted by case.
 */
@Injectable()
export class CasesHandler implements BatchHandler<SupportCase> {
  constructor(
    private readonly classifier: CaseClassifier,
    private readonly examples: LabelledExamplesRepository,
    private readonly publisher: EventPublisher,
    private readonly emergingTopics: EmergingTopicsRecorder,
  ) {}

  async handleBatch(batch: InboundBatch<SupportCase>): Promise<void> {
    const classified = batch.events.map((event) => ({
      event,
      classification: this.classifier.classify(event.data),
    }));

    await this.examples.save(
      classified
        .filter(({ event }) => event.data.issueCode)
        .map(({ event }) => ({
          source: event.data.source,
          caseId: event.data.caseId,
          issueCode: event.data.issueCode!,
          // Stored for training, so personal data is masked first.
          text: caseText(event.data),
          predictedCode: this.classifier.predictWithoutAgent(event.data).issueCode,
          labelledAt: event.attributes.time ?? event.data.openedAt,
        })),
    );

    // Every case feeds the term baseline; the low-confidence ones are the emerging-topic material.
    await this.emergingTopics.record(
      classified.map(({ event, classification }) => ({
        source: event.data.source,
        caseId: event.data.caseId,
        text: `${event.data.subject}\n${event.data.description}`,
        classification,
        occurredAt: event.data.openedAt,
        versionAt: event.attributes.time ?? event.data.openedAt,
      })),
    );

    await this.publisher.publish(
      classified.map(({ event, classification }) =>
        outboundEvent({
          contract: EventContracts.ClassifiedCase,
          id: derivedEventId('classified', event.attributes.id!),
          source: CLASSIFIER_SOURCE,
          subject: event.data.customer.id,
          time: event.attributes.time ?? event.data.openedAt,
          data: { case: event.data, classification },
        }),
      ),
    );
  }
}
