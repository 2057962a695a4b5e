export { generationService } from './service.definition';
