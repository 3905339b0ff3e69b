import { CreateClassifierSchema1763900000000 } from './1763900000000-create-classifier-schema';

export const classifierMigrations = [CreateClassifierSchema1763900000000];
