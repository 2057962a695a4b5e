import { CreateEvaluationSchema1732460400000 } from './1732460400000-create-evaluation-schema';
import { CreateEvaluations1732470400000 } from './1732470400000-create-evaluations';

/** In order; committed migrations are never edited, a change is a new migration. */
export const evaluationMigrations = [CreateEvaluationSchema1732460400000, CreateEvaluations1732470400000];
