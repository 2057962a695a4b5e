import { runServiceProcess } from '@sim/subgraph';
import { testCasesService } from './service.definition';

void runServiceProcess(testCasesService);
