import { CreateSurveyScoringSchema1763900000000 } from './1763900000000-create-survey-scoring-schema';
import { VersionedScoringConfigs1763990000000 } from './1763990000000-versioned-scoring-configs';

export const surveyScoringMigrations = [
  CreateSurveyScoringSchema1763900000000,
  VersionedScoringConfigs1763990000000,
];
