import { SEGMENT_ATTRIBUTES, SegmentAttribute } from './domain/satisfaction-groupings';
import { SatisfactionResponse, StoredScores } from './domain/satisfaction-response';

/** The `survey_facts` columns a response's rollup contribution is computed from, as read back. */
export interface StoredResponseRow {
  source: string;
  response_id: string;
  customer_id: string;
  kind: string;
  case_id: string | null;
  channel: string | null;
  responded_at: Date | string;
  customer: { segment?: Record<string, unknown> } | null;
  scores: StoredScores | null;
  issue_code: string | null;
  agent_id: string | null;
}

export const STORED_RESPONSE_COLUMNS = [
  'source',
  'response_id',
  'customer_id',
  'kind',
  'case_id',
  'channel',
  'responded_at',
  'customer',
  'scores',
  'issue_code',
  'agent_id',
] as const;

/**
 * A stored response as the rollup sees it. Both the contribution taken out and the one put in are
 * computed from rows read from the database (the previous row, and the upsert's RETURNING), so they
 * are exactly what is stored. Pure.
 */
export function toSatisfactionResponse(row: StoredResponseRow): SatisfactionResponse {
  const segment: Partial<Record<SegmentAttribute, string>> = {};
  for (const attribute of SEGMENT_ATTRIBUTES) {
    const value = row.customer?.segment?.[attribute];
    if (typeof value === 'string') segment[attribute] = value;
  }
  return {
    day: new Date(row.responded_at).toISOString().slice(0, 10),
    segment,
    channel: row.channel,
    issueCode: row.issue_code,
    agentId: row.agent_id,
    scores: row.scores ?? {},
  };
}
