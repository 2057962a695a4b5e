import { CreateGenerationSchema1732460200000 } from './1732460200000-create-generation-schema';

/** In order; committed migrations are never edited, a change is a new migration. */
export const generationMigrations = [CreateGenerationSchema1732460200000];
