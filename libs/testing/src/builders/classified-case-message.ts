import { EventContracts } from '@supportlens/contracts';
import { CloudEventMessage, cloudEventMessage } from '../kafka/cloud-event-message';
import { aCase } from './case-builder';

export interface CaseFields extends Record<string, unknown> {
  customer: { id: string } & Record<string, unknown>;
  openedAt: string;
}

export interface ClassificationFields {
  tone: 'negative' | 'positive';
  issueCode?: string;
  category?: string;
}

/**
 * A `ClassifiedCase` event as the classifier publishes it: `aCase` with these fields (a field given
 * as undefined is left out, as `firstResponseAt: undefined` for a case nobody answered), classified
 * by rules with confidence 0.9 (by default as billing.refund) and the given tone. Keyed by the
 * customer, dated at the opening.
 */
export function aClassifiedCaseMessage(
  fields: CaseFields,
  classification: ClassificationFields,
): CloudEventMessage {
  const { tone, issueCode = 'billing.refund', category = 'billing' } = classification;
  const data = {
    case: aCase(fields),
    classification: {
      issueCode,
      category,
      confidence: 0.9,
      method: 'rules',
      candidates: [],
      taxonomyVersion: 't1',
      tone: tone === 'negative' ? { score: -0.6, label: 'negative' } : { score: 0.5, label: 'positive' },
    },
  };
  return cloudEventMessage(EventContracts.ClassifiedCase, data, {
    subject: fields.customer.id,
    time: fields.openedAt,
  });
}
