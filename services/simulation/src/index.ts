export { simulationService } from './service.definition';
