import { CreateAccessSchema1765300000000 } from './1765300000000-create-access-schema';

/** In order of application. */
export const accessMigrations = [CreateAccessSchema1765300000000];
