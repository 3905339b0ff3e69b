import { CreateIngestSchema1763900000000 } from './1763900000000-create-ingest-schema';

/** In order of application. */
export const ingestMigrations = [CreateIngestSchema1763900000000];
