import { ChurnReason } from './domain/score-churn-risk';

/** An open churn-risk insight as the API serves it. */
export interface ChurnRiskView {
  customerId: string;
  score: number;
  reasons: ChurnReason[];
  suggestedAction: string | null;
  lifetimeValue: number | null;
  segment: Record<string, string>;
  raisedAt: string;
  updatedAt: string;
  /** How many changes consumers of the topic have seen (the last event's `sequence`). */
  version: number;
}

export interface ChurnRiskPage {
  items: ChurnRiskView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
