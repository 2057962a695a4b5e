export { orchestratorService } from './service.definition';
