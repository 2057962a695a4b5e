import type { ServiceDefinition } from '@sim/subgraph';

/**
 * Loads one service without loading the others: a process that needs a single service's
 * GraphQL types (schema generation) must not register the rest (docs/adr/0004-graphql-federation.md).
 */
export const serviceLoaders: Record<string, () => Promise<ServiceDefinition>> = {
  'test-cases': () => import('@sim/service-test-cases').then((m) => m.testCasesService),
  generation: () => import('@sim/service-generation').then((m) => m.generationService),
  orchestrator: () => import('@sim/service-orchestrator').then((m) => m.orchestratorService),
  simulation: () => import('@sim/service-simulation').then((m) => m.simulationService),
  evaluation: () => import('@sim/service-evaluation').then((m) => m.evaluationService),
};
