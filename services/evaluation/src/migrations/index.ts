import { CreateEvaluationSchema1732460400000 } from './1732460400000-create-evaluation-schema';

/** In order; committed migrations are never edited, a change is a new migration. */
export const evaluationMigrations = [CreateEvaluationSchema1732460400000];
