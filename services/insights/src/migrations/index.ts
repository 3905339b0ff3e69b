import { CreateInsightsSchema1763900000000 } from './1763900000000-create-insights-schema';

export const insightsMigrations = [CreateInsightsSchema1763900000000];
