import { accessMigrations } from '@supportlens/access';
import { MigrationTarget } from '@supportlens/persistence';
import { classifierMigrations } from '../services/classifier/src/migrations';
import { ingestMigrations } from '../services/ingest/src/migrations';
import { insightsMigrations } from '../services/insights/src/migrations';
import { surveyScoringMigrations } from '../services/survey-scoring/src/migrations';

/** The shared API-key schema, then every service's schema and migrations: what `npm run migrate` and the test setup apply. */
export const ALL_MIGRATION_TARGETS: MigrationTarget[] = [
  { schema: 'access', migrations: accessMigrations },
  { schema: 'ingest', migrations: ingestMigrations },
  { schema: 'classifier', migrations: classifierMigrations },
  { schema: 'survey_scoring', migrations: surveyScoringMigrations },
  { schema: 'insights', migrations: insightsMigrations },
];
