import { CreateClassifierSchema1763900000000 } from './1763900000000-create-classifier-schema';
import { TaxonomyVersions1764110000000 } from './1764110000000-taxonomy-versions';
import { EmergingTopics1764100000000 } from './1764100000000-emerging-topics';
import { ModelVersions1764200000000 } from './1764200000000-model-versions';
import { CustomerErasures1765400000000 } from './1765400000000-customer-erasures';

export const classifierMigrations = [
  CreateClassifierSchema1763900000000,
  EmergingTopics1764100000000,
  TaxonomyVersions1764110000000,
  ModelVersions1764200000000,
  CustomerErasures1765400000000,
];
