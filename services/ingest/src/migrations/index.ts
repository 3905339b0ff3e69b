import { CreateIngestSchema1763900000000 } from './1763900000000-create-ingest-schema';
import { PersonalData1765200000000 } from './1765200000000-personal-data';

/** In order of application. */
export const ingestMigrations = [CreateIngestSchema1763900000000, PersonalData1765200000000];
