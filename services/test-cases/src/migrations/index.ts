import { CreateTestCases1732460000000 } from './1732460000000-create-test-cases';
import { CreateGeneratedCase1732470700000 } from './1732470700000-create-generated-case';

/** In order; committed migrations are never edited, a change is a new migration. */
export const testCasesMigrations = [CreateTestCases1732460000000, CreateGeneratedCase1732470700000];
