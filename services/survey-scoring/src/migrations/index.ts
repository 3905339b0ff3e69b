import { CreateSurveyScoringSchema1763900000000 } from './1763900000000-create-survey-scoring-schema';

export const surveyScoringMigrations = [CreateSurveyScoringSchema1763900000000];
