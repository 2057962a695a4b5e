import { runServiceProcess } from '@sim/subgraph';
import { generationService } from './service.definition';

void runServiceProcess(generationService);
