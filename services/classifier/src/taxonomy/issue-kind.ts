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
/** What sort of problem a code is: it decides what marketing can do with it (a how-to, a fix note...). */
export type IssueKind = (typeof ISSUE_KINDS)[number];
