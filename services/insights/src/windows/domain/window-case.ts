/**
 * A case as the rolling windows count it: what `insights.case_daily`, `insights.term_daily` and
 * `insights.group_daily` need of one stored case version. Pure.
 */

import { segmentGroup, segmentsOf } from '../../customers/domain/segments';

/** The group every case is in. */
export const ALL_GROUP: WindowGroup = { kind: 'none', value: 'all' };

export const UNCLASSIFIED_CODE = 'unclassified';

/**
 * A case is in the term pool (its key terms are counted per day, for emerging terms) when the
 * classifier could not place it with confidence: unclassified, or coded by a rule or the model below
 * this confidence. An agent's code is never low confidence. The same cut-off as the classifier's own
 * emerging-topics pool. It is a constant, not a runtime setting: the term windows are additive, and a
 * case's contribution must be recomputed the same way when it is taken out as when it was put in.
 */
export const LOW_CONFIDENCE_BELOW = 0.6;

/** The SQL twin of {@link isInTermPool} over `insights.case_facts` rows (`alias` the table's alias). */
export function termPoolSql(alias: string): string {
  const c = (column: string) => `${alias}.${column}`;
  return `(${c('classification_method')} <> 'agent' AND (${c('issue_code')} = '${UNCLASSIFIED_CODE}' OR ${c('confidence')} < ${LOW_CONFIDENCE_BELOW}))`;
}

export interface WindowGroup {
  /** `none` (every case), `segment.<attribute>` or `segment.<attribute>+<attribute>` (a pair). */
  kind: string;
  value: string;
}

export interface WindowCase {
  /** UTC day of `openedAt`, `YYYY-MM-DD`. */
  day: string;
  issueCode: string;
  channel: string;
  /** `none`/`all` first, then one group per segment the customer is in (attributes, then pairs). */
  groups: WindowGroup[];
  howTo: boolean;
  escalated: boolean;
  reopened: boolean;
  negativeTone: boolean;
  inTermPool: boolean;
  /** Distinct key terms; only counted when `inTermPool`. */
  terms: string[];
}

export function isInTermPool(classification: {
  issueCode: string;
  method: string;
  confidence: number;
}): boolean {
  if (classification.method === 'agent') return false;
  return classification.issueCode === UNCLASSIFIED_CODE || classification.confidence < LOW_CONFIDENCE_BELOW;
}

/**
 * `none`/`all`, then the group of each segment of the customer's segment snapshot (its case's
 * customer at the time of the case): each attribute, then each listed pair (customers/domain/segments.ts).
 */
export function groupsOf(segment: unknown): WindowGroup[] {
  return [ALL_GROUP, ...segmentsOf(segment).map(segmentGroup)];
}

/** The distinct non-empty strings of a stored `terms` value (a JSON array, or null for older events). */
export function distinctTerms(terms: unknown): string[] {
  if (!Array.isArray(terms)) return [];
  const distinct = new Set<string>();
  for (const term of terms) if (typeof term === 'string' && term !== '') distinct.add(term);
  return [...distinct];
}
