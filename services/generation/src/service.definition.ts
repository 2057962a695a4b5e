import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { generationMigrations } from './migrations';
import { sourceEntities } from './sources';

const topics: string[] = [Topics.generationRequested, Topics.generationUpdated, Topics.testcasesGenerated];

/** The generation service: knowledge, Purchase AI, intent and ticket sources and generation jobs (filled by the generation issue). */
export const generationService: ServiceDefinition = {
  name: 'generation',
  schema: 'generation',
  defaultPort: 4102,
  entities: [...sourceEntities],
  migrations: generationMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
