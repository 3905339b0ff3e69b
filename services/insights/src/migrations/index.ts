import { CreateInsightsSchema1763900000000 } from './1763900000000-create-insights-schema';
import { SatisfactionRollups1764000000000 } from './1764000000000-satisfaction-rollups';
import { ChurnRisk1764100000000 } from './1764100000000-churn-risk';
import { InsightOutbox1764200000000 } from './1764200000000-insight-outbox';
import { CaseWindows1764300000000 } from './1764300000000-case-windows';
import { ContentTopics1764400000000 } from './1764400000000-content-topics';
import { PersonaSignals1764500000000 } from './1764500000000-persona-signals';
import { CaseStudyCandidates1764600000000 } from './1764600000000-case-study-candidates';
import { SatisfactionDrivers1764700000000 } from './1764700000000-satisfaction-drivers';
import { ServiceMetrics1764800000000 } from './1764800000000-service-metrics';
import { CustomerProfileWindows1764900000000 } from './1764900000000-customer-profile-windows';
import { InsightSettings1765000000000 } from './1765000000000-insight-settings';
import { ChurnRiskIssueCode1765100000000 } from './1765100000000-churn-risk-issue-code';
import { CustomerErasures1765400000000 } from './1765400000000-customer-erasures';
import { DropRedundantCaseFactIndexes1765500000000 } from './1765500000000-drop-redundant-case-fact-indexes';
import { SegmentPairs1765600000000 } from './1765600000000-segment-pairs';
import { CatchUp1765700000000 } from './1765700000000-catch-up';
import { CaseFactsCustomerOpened1765800000000 } from './1765800000000-case-facts-customer-opened';
import { CaseFactsTermPoolOpened1765900000000 } from './1765900000000-case-facts-term-pool-opened';

export const insightsMigrations = [
  CreateInsightsSchema1763900000000,
  SatisfactionRollups1764000000000,
  ChurnRisk1764100000000,
  InsightOutbox1764200000000,
  CaseWindows1764300000000,
  ContentTopics1764400000000,
  PersonaSignals1764500000000,
  CaseStudyCandidates1764600000000,
  SatisfactionDrivers1764700000000,
  ServiceMetrics1764800000000,
  CustomerProfileWindows1764900000000,
  InsightSettings1765000000000,
  ChurnRiskIssueCode1765100000000,
  CustomerErasures1765400000000,
  DropRedundantCaseFactIndexes1765500000000,
  SegmentPairs1765600000000,
  CatchUp1765700000000,
  CaseFactsCustomerOpened1765800000000,
  CaseFactsTermPoolOpened1765900000000,
];
