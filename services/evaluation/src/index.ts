export { evaluationService } from './service.definition';
