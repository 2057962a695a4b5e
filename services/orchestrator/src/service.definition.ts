import { Topics, TopicSpecs } from '@sim/contracts';
import type { ServiceDefinition } from '@sim/subgraph';
import { AppModule } from './app.module';
import { orchestratorMigrations } from './migrations';
import { ChatWidgetProjectionEntity, TestCaseProjectionEntity, TestRunCaseEntity, TestRunEntity } from './runs/run.entities';
import { ORCHESTRATOR_SCHEMA, TenantEntity, TenantSettingsEntity } from './tenants/tenant.entity';

/**
 * Published: tenants.settings, simulation.requested, run.updated. Consumed: testcases.snapshot,
 * chatwidgets.snapshot, simulation.started, simulation.completed, evaluation.completed, and the
 * dead-letter topics of the per-case topics (simulation.step's among them), which ensureTopics
 * creates with these.
 */
const topics: string[] = [
  Topics.tenantsSettings,
  Topics.testcasesSnapshot,
  Topics.chatWidgetsSnapshot,
  Topics.simulationRequested,
  Topics.simulationStep,
  Topics.simulationStarted,
  Topics.simulationCompleted,
  Topics.evaluationCompleted,
  Topics.runUpdated,
];

/** The orchestrator: tenants and their limits, test runs and their cases. */
export const orchestratorService: ServiceDefinition = {
  name: 'orchestrator',
  schema: ORCHESTRATOR_SCHEMA,
  defaultPort: 4103,
  entities: [TenantEntity, TenantSettingsEntity, TestCaseProjectionEntity, ChatWidgetProjectionEntity, TestRunEntity, TestRunCaseEntity],
  migrations: orchestratorMigrations,
  topics: TopicSpecs.filter((spec) => topics.includes(spec.name)),
  module: AppModule,
};
