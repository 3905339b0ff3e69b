import { ClassifiedCase } from '@supportlens/contracts';
import { InboundEvent } from '@supportlens/messaging';
import { customerSnapshot } from '../customers/customer-snapshot';
import { FactRow } from '../read-models/fact-row';

/** A classified case as one row of `insights.case_facts`. Pure. */
export function toCaseFactRow(event: InboundEvent<ClassifiedCase>): FactRow {
  const { case: c, classification } = event.data;
  return {
    source: c.source,
    case_id: c.caseId,
    event_id: event.attributes.id!,
    event_time: event.attributes.time ?? c.openedAt,
    customer_id: c.customer.id,
    customer: customerSnapshot(c.customer),
    channel: c.channel,
    status: c.status,
    issue_code: classification.issueCode,
    category: classification.category,
    classification_method: classification.method,
    confidence: classification.confidence,
    agent_id: c.agentId,
    opened_at: c.openedAt,
    first_response_at: c.firstResponseAt,
    resolved_at: c.resolvedAt,
    hold_seconds: c.holdSeconds,
    handle_seconds: c.handleSeconds,
    abandoned: c.abandoned,
    missed: c.missed,
    escalated: c.escalated,
    reopen_count: c.reopenCount,
    cost: c.cost,
    self_service_attempted: c.selfServiceAttempted,
    self_service_abandoned: c.selfServiceAbandoned,
    // A churn-risk signal; absent when the classifier sent none.
    tone: classification.tone?.label ?? null,
    // What content topics are made of; absent from classifiers older than these fields.
    issue_kind: classification.issueKind ?? null,
    phrasing: classification.phrasing ?? null,
    terms: classification.terms ?? null,
  };
}

export const CASE_FACT_COLUMNS = [
  { name: 'source', type: 'text' },
  { name: 'case_id', type: 'text' },
  { name: 'event_id', type: 'text' },
  { name: 'event_time', type: 'timestamptz' },
  { name: 'customer_id', type: 'text' },
  { name: 'customer', type: 'jsonb' },
  { name: 'channel', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'issue_code', type: 'text' },
  { name: 'category', type: 'text' },
  { name: 'classification_method', type: 'text' },
  { name: 'confidence', type: 'double precision' },
  { name: 'agent_id', type: 'text' },
  { name: 'opened_at', type: 'timestamptz' },
  { name: 'first_response_at', type: 'timestamptz' },
  { name: 'resolved_at', type: 'timestamptz' },
  { name: 'hold_seconds', type: 'double precision' },
  { name: 'handle_seconds', type: 'double precision' },
  { name: 'abandoned', type: 'boolean' },
  { name: 'missed', type: 'boolean' },
  { name: 'escalated', type: 'boolean' },
  { name: 'reopen_count', type: 'int' },
  { name: 'cost', type: 'numeric' },
  { name: 'self_service_attempted', type: 'boolean' },
  { name: 'self_service_abandoned', type: 'boolean' },
  { name: 'tone', type: 'text' },
  { name: 'issue_kind', type: 'text' },
  { name: 'phrasing', type: 'text' },
  { name: 'terms', type: 'jsonb' },
] as const;
