import { CreateSimulationSchema1732460300000 } from './1732460300000-create-simulation-schema';

/** In order; committed migrations are never edited, a change is a new migration. */
export const simulationMigrations = [CreateSimulationSchema1732460300000];
