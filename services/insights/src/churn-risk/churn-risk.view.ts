import { ChurnReason } from './domain/score-churn-risk';

/** An open churn-risk insight as the API serves it. */
export interface ChurnRiskView {
  customerId: string;
  /** 0–100: the higher, the likelier the customer is to leave. */
  score: number;
  /** Why: the signals with points, highest first, each with its evidence. */
  reasons: ChurnReason[];
  suggestedAction: string | null;
  lifetimeValue: number | null;
  /** The customer's segment as last sent (from the profile). */
  segment: Record<string, string>;
  raisedAt: string;
  updatedAt: string;
  /** How many changes consumers of the topic have seen (the last event's `sequence`). */
  version: number;
}

/** `open`: the customer is at risk now; `cleared`: the risk was raised once and has since cleared. */
export type ChurnRiskStatus = 'open' | 'cleared';

/** An insight in the list, which (with `status=all`) also shows cleared ones. */
export interface ChurnRiskListItem extends ChurnRiskView {
  status: ChurnRiskStatus;
  /** When the insight cleared; null while it is open. */
  clearedAt: string | null;
}

export interface ChurnRiskPage {
  items: ChurnRiskListItem[];
  /** Pass as `cursor` for the next page (with the same sort); null on the last page. */
  nextCursor: string | null;
}
