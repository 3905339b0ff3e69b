import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IssueCodeCandidate, maskPersonalData } from '@supportlens/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { keyTerms } from './domain/key-terms';
import { isLowConfidence } from './domain/low-confidence';
import { utcDay } from './domain/rolling-window';
import { EmergingTopicsRepository, RecordedCase, RecordResult } from './emerging-topics.repository';
import { EMERGING_TOPICS_SETTINGS, EmergingTopicsSettings } from './emerging-topics.settings';

/** A classified case as the pipeline hands it over. */
export interface ClassifiedCaseText {
  source: string;
  caseId: string;
  /** Whose case it is, stored so that an erasure of the customer finds it. */
  customerId: string;
  /** The customer's text, unmasked (subject and description); it is masked here before anything is stored. */
  text: string;
  /**
   * The same text masked and its key terms, when the caller has them already (the classifier computes
   * both to classify): spares doing it twice per case.
   */
  masked?: { text: string; terms: string[] };
  /**
   * The customer's personal data was erased at or after this version (see src/erasure/): nothing of
   * the text is stored, no terms and no sample text; the case still counts on its day.
   */
  textErased?: boolean;
  classification: {
    issueCode: string;
    confidence: number;
    candidates: IssueCodeCandidate[];
    /** `agent` codes are never low confidence. */
    method?: string;
  };
  /** When the case was opened: it places the case on a day and in a window. */
  occurredAt: string;
  /** The version time (the event's `time`); defaults to occurredAt. An older version never overwrites a newer one. */
  versionAt?: string;
}

/**
 * Feeds emerging-topic detection from the classification pipeline. Call it once per batch with
 * EVERY classified case of the batch (all of them make the baseline term frequencies; the
 * unclassified and low-confidence ones also join the pool topics are found in). Idempotent: a
 * redelivered batch rewrites the same rows and moves no count.
 */
@Injectable()
export class EmergingTopicsRecorder {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: EmergingTopicsRepository,
    @Inject(EMERGING_TOPICS_SETTINGS) private readonly settings: EmergingTopicsSettings,
  ) {}

  /**
   * Masks, extracts key terms and stores, in one transaction of its own; or in the caller's, when
   * `manager` is a transaction's entity manager (the locks it takes are held until that commits).
   */
  async record(cases: readonly ClassifiedCaseText[], manager?: EntityManager): Promise<RecordResult> {
    if (cases.length === 0) return { recorded: 0, stale: 0, lowConfidence: 0 };
    const rows = cases.map((c) => this.toRecordedCase(c));
    if (manager) return this.repository.record(manager, rows);
    return this.dataSource.transaction((transaction) => this.repository.record(transaction, rows));
  }

  private toRecordedCase(c: ClassifiedCaseText): RecordedCase {
    const masked = c.textErased ? null : (c.masked?.text ?? maskPersonalData(c.text));
    const occurredAt = new Date(c.occurredAt);
    if (Number.isNaN(occurredAt.getTime())) {
      throw new Error(
        `case ${c.source}/${c.caseId}: occurredAt ${JSON.stringify(c.occurredAt)} is not a time`,
      );
    }
    const low = isLowConfidence(c.classification, this.settings.lowConfidenceBelow);
    return {
      source: c.source,
      caseId: c.caseId,
      customerId: c.customerId,
      day: utcDay(occurredAt),
      terms: masked === null ? [] : (c.masked?.terms ?? keyTerms(masked)),
      versionAt: c.versionAt ?? c.occurredAt,
      lowConfidence: low
        ? {
            textMasked: masked,
            classifiedAs: c.classification.issueCode,
            confidence: c.classification.confidence,
            candidates: c.classification.candidates,
            occurredAt: occurredAt.toISOString(),
          }
        : undefined,
    };
  }
}
