import {
  deterministicEventId,
  EventContract,
  EventContracts,
  SupportCase,
  SurveyResponse,
} from '@supportlens/contracts';
import { canonicalTimestamp } from './normalise-record';

/** What differs between the two record kinds ingest accepts; everything else is one pipeline. */
export interface RecordKind<T extends object> {
  name: 'case' | 'survey';
  /** The contract the record must satisfy, and the topic the normalised record goes to. */
  contract: EventContract<T>;
  enumFields: readonly string[];
  /** Text people write into, where contact details are masked before the record leaves ingest. */
  freeTextFields: readonly string[];
  recordId(record: T): string;
  customerId(record: T): string;
  /**
   * The version time of this record: the source's updatedAt, else when ingest received it. It becomes
   * the event's `time`, which downstream read models compare so an older version never wins. (Not
   * resolvedAt or openedAt: those move backwards when a case is reopened or corrected.)
   */
  versionTime(record: T, receivedAt: Date): string;
  /** Puts every timestamp in canonical form so the same instant always hashes the same. */
  canonicalise(record: T): T;
}

export const CaseKind: RecordKind<SupportCase> = {
  name: 'case',
  contract: EventContracts.Case,
  enumFields: ['channel', 'status'],
  freeTextFields: ['subject', 'description'],
  recordId: (record) => record.caseId,
  customerId: (record) => record.customer.id,
  versionTime: (record, receivedAt) => record.updatedAt ?? receivedAt.toISOString(),
  canonicalise: (record) => {
    record.openedAt = canonicalTimestamp(record.openedAt);
    if (record.updatedAt) record.updatedAt = canonicalTimestamp(record.updatedAt);
    if (record.firstResponseAt) record.firstResponseAt = canonicalTimestamp(record.firstResponseAt);
    if (record.resolvedAt) record.resolvedAt = canonicalTimestamp(record.resolvedAt);
    return record;
  },
};

export const SurveyKind: RecordKind<SurveyResponse> = {
  name: 'survey',
  contract: EventContracts.Survey,
  enumFields: ['kind', 'channel'],
  freeTextFields: ['comment'],
  recordId: (record) => record.responseId,
  customerId: (record) => record.customer.id,
  versionTime: (record, receivedAt) => record.updatedAt ?? receivedAt.toISOString(),
  canonicalise: (record) => {
    record.respondedAt = canonicalTimestamp(record.respondedAt);
    if (record.updatedAt) record.updatedAt = canonicalTimestamp(record.updatedAt);
    return record;
  },
};

/**
 * Same source, same record, same content → same id; a corrected record gets a new one. Computed from
 * the record as published (without the customer's name and e-mail, its free text masked), so the id
 * names what consumers actually see.
 */
export function eventIdOf<T extends object>(kind: RecordKind<T>, record: T): string {
  const source = (record as { source: string }).source;
  return deterministicEventId(source, kind.recordId(record), record);
}
