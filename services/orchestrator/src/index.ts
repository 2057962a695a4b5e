export { orchestratorService } from './service.definition';
export { orchestratorConfigDefinition } from './orchestrator.config';
