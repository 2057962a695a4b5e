import { CreateGenerationSchema1732460200000 } from './1732460200000-create-generation-schema';
import { CreateGenerationSources1732460210000 } from './1732460210000-create-generation-sources';
import { CreateGenerationJobs1732470600000 } from './1732470600000-create-generation-jobs';

/** In order; committed migrations are never edited, a change is a new migration. */
export const generationMigrations = [CreateGenerationSchema1732460200000, CreateGenerationSources1732460210000, CreateGenerationJobs1732470600000];
