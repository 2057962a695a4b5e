import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { orchestratorMigrations } from './migrations';
import { ORCHESTRATOR_SCHEMA, TenantEntity, TenantSettingsEntity } from './tenants/tenant.entity';

const topics: string[] = [Topics.tenantsSettings, Topics.testcasesSnapshot, Topics.simulationRequested, Topics.runUpdated];

/** The orchestrator: tenants and their limits today; test runs with the runs issue. */
export const orchestratorService: ServiceDefinition = {
  name: 'orchestrator',
  schema: ORCHESTRATOR_SCHEMA,
  defaultPort: 4103,
  entities: [TenantEntity, TenantSettingsEntity],
  migrations: orchestratorMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
