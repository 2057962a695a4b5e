export { simulationService, defineSimulationService } from './service.definition';
export { simulationConfigDefinition } from './simulation.config';
export type { SimulationModuleOptions } from './app.module';
