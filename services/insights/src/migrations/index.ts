import { CreateInsightsSchema1763900000000 } from './1763900000000-create-insights-schema';
import { SatisfactionRollups1764000000000 } from './1764000000000-satisfaction-rollups';
import { ChurnRisk1764100000000 } from './1764100000000-churn-risk';

export const insightsMigrations = [
  CreateInsightsSchema1763900000000,
  SatisfactionRollups1764000000000,
  ChurnRisk1764100000000,
];
