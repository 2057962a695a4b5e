import { runServiceProcess } from '@sim/subgraph';
import { orchestratorService } from './service.definition';

void runServiceProcess(orchestratorService);
