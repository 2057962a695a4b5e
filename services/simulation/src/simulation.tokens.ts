/** Injection tokens of the simulation service's own providers (the runtime's are in @sim/subgraph). */
export const SIMULATION_CONFIG = Symbol('SimulationConfig');
export const SIMULATED_CUSTOMER = Symbol('SimulatedCustomer');
export const CONNECTOR_DEPENDENCIES = Symbol('ConnectorDependencies');
