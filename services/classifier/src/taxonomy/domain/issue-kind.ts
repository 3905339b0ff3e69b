// The kinds are part of the classified-case contract (insights ranks content topics by them).
export { ISSUE_KINDS, isIssueKind } from '@supportlens/contracts';
export type { IssueKind } from '@supportlens/contracts';
