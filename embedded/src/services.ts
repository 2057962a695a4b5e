import { evaluationService } from '@sim/service-evaluation';
import { generationService } from '@sim/service-generation';
import { orchestratorService } from '@sim/service-orchestrator';
import { simulationService } from '@sim/service-simulation';
import { testCasesService } from '@sim/service-test-cases';
import type { ServiceDefinition } from '@sim/subgraph';

/** Every service of the platform; their default ports are the supergraph's subgraph URLs. */
export const allServices: ServiceDefinition[] = [
  testCasesService,
  generationService,
  orchestratorService,
  simulationService,
  evaluationService,
];
