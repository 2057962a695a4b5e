import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { testCasesMigrations } from './migrations';
import { TEST_CASES_SCHEMA, TestCaseEntity } from './test-cases/test-case.entity';

const topics: string[] = [Topics.testcasesSnapshot, Topics.testcasesGenerated];

/** The test-cases service: owns test cases, their import and export. */
export const testCasesService: ServiceDefinition = {
  name: 'test-cases',
  schema: TEST_CASES_SCHEMA,
  defaultPort: 4101,
  entities: [TestCaseEntity],
  migrations: testCasesMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
