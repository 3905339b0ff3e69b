import { StoredCaseRow } from '../read-models/applied-batch';
import { distinctTerms, groupsOf, isInTermPool, WindowCase } from './domain/window-case';
import { utcDay } from './domain/utc-days';

/** A stored case fact as the windows count it. Pure. */
export function toWindowCase(row: StoredCaseRow): WindowCase {
  const inTermPool = isInTermPool({
    issueCode: row.issue_code,
    method: String(row.classification_method),
    confidence: Number(row.confidence),
  });
  return {
    day: utcDay(row.opened_at),
    issueCode: row.issue_code,
    channel: row.channel,
    groups: groupsOf(row.customer?.segment),
    howTo: row.issue_kind === 'how_to',
    escalated: row.escalated === true,
    reopened: Number(row.reopen_count ?? 0) > 0,
    negativeTone: row.tone === 'negative',
    inTermPool,
    terms: inTermPool ? distinctTerms(row.terms) : [],
  };
}
