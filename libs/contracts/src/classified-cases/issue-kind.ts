export const ISSUE_KINDS = [
  'how_to',
  'defect',
  'billing',
  'account',
  'order_delivery',
  'feature_request',
  'complaint',
  'praise',
  'other',
] as const;
/**
 * What sort of problem a code is: it decides what marketing can do with it (a how-to article for
 * `how_to` — a misunderstanding of the product —, a fix note for `defect`, a roadmap signal for
 * `feature_request`...).
 */
export type IssueKind = (typeof ISSUE_KINDS)[number];

export function isIssueKind(value: unknown): value is IssueKind {
  return typeof value === 'string' && (ISSUE_KINDS as readonly string[]).includes(value);
}
