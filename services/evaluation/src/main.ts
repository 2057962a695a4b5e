import { runServiceProcess } from '@sim/subgraph';
import { evaluationService } from './service.definition';

void runServiceProcess(evaluationService);
