import { IssueKind } from './issue-kind';

/** One issue code in the hierarchy category → code, with what a rule needs to recognise it. */
export interface IssueCode {
  code: string;
  category: string;
  name: string;
  kind: IssueKind;
  productArea: string;
  /** Lower-case words or phrases; a phrase matches as a whole. */
  keywords: string[];
}

export interface Taxonomy {
  version: string;
  codes: IssueCode[];
}
