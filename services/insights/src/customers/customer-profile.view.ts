import { ChurnRiskView } from '../churn-risk/churn-risk.view';

/** A customer profile as the API serves it. */
export interface CustomerProfileView {
  customerId: string;
  segment: Record<string, string>;
  lifetimeValue: number | null;
  consent: Record<string, boolean>;
  cases: { total: number; open: number };
  surveys: { total: number };
  lastCsat: { score: number; at: string } | null;
  lastNps: { score: number; category: string; at: string } | null;
  lastContactAt: string | null;
  updatedAt: string;
  /** The open churn-risk insight with its reasons; null when the customer is not at risk. */
  churnRisk: Omit<ChurnRiskView, 'customerId' | 'segment' | 'lifetimeValue'> | null;
}
