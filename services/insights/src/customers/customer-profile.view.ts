import { CandidateView } from '../candidates/candidates.view';
import { ChurnRiskView } from '../churn-risk/churn-risk.view';
import { CustomerProfile } from './customer-profile';

/** An open insight as the customer view shows it: without what the profile already says. */
export type OpenChurnRisk = Omit<ChurnRiskView, 'customerId' | 'segment' | 'lifetimeValue'>;
export type OpenCandidacy = Omit<CandidateView, 'customerId' | 'segment' | 'lifetimeValue'>;

/** The customer's open insights, each with its evidence; null where there is none. */
export interface CustomerOpenInsights {
  /** The open churn-risk insight with its reasons and suggested action. */
  churnRisk: OpenChurnRisk | null;
  /** The open case-study / reference / focus-group candidacy with its score, programmes and evidence. */
  caseStudyCandidate: OpenCandidacy | null;
}

/** `GET /v1/customers/:id`: the profile, and its open insights. */
export type CustomerProfileView = CustomerProfile & {
  /** The open churn-risk insight (kept where it was first served; the same as `insights.churnRisk`). */
  churnRisk: OpenChurnRisk | null;
  insights: CustomerOpenInsights;
};
