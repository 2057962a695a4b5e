import { runServiceProcess } from '@sim/subgraph';
import { simulationService } from './service.definition';

void runServiceProcess(simulationService);
