export { testCasesService } from './service.definition';
