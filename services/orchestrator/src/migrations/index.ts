import { CreateTenants1732460100000 } from './1732460100000-create-tenants';

/** In order; committed migrations are never edited, a change is a new migration. */
export const orchestratorMigrations = [CreateTenants1732460100000];
