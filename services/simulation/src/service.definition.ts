import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { simulationMigrations } from './migrations';

const topics: string[] = [Topics.simulationRequested, Topics.simulationTurn, Topics.simulationCompleted];

/** The simulation service: chat widgets and conversations (filled by the runs issue). */
export const simulationService: ServiceDefinition = {
  name: 'simulation',
  schema: 'simulation',
  defaultPort: 4104,
  entities: [],
  migrations: simulationMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
