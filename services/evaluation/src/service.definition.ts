import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { evaluationMigrations } from './migrations';

const topics: string[] = [Topics.simulationCompleted, Topics.evaluationCompleted];

/** The evaluation service: the judge's scores and verdicts (filled by the runs issue). */
export const evaluationService: ServiceDefinition = {
  name: 'evaluation',
  schema: 'evaluation',
  defaultPort: 4105,
  entities: [],
  migrations: evaluationMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
