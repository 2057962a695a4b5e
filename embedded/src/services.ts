import { startService, type RunningService, type ServiceDefinition, type StartServiceOptions } from '@sim/subgraph';
import { inGraphQLMetadataScope } from './graphql-metadata-scope';
import { serviceLoaders } from './service-loaders';

/** Every service of the platform, in start order; their default ports are the supergraph's subgraph URLs. */
export const serviceNames = ['test-cases', 'generation', 'orchestrator', 'simulation', 'evaluation'] as const;
export type ServiceName = (typeof serviceNames)[number];

/**
 * Loads a service's code inside its own GraphQL metadata scope. Service modules are only
 * ever loaded through here: one imported directly would register its types globally.
 */
export function loadService(name: string): Promise<ServiceDefinition> {
  const load = serviceLoaders[name];
  if (!load) throw new Error(`unknown service "${name}"; known: ${serviceNames.join(', ')}`);
  return inGraphQLMetadataScope(name, load);
}

export async function loadAllServices(): Promise<ServiceDefinition[]> {
  const definitions: ServiceDefinition[] = [];
  for (const name of serviceNames) definitions.push(await loadService(name));
  return definitions;
}

/** Starts a service whose schema is built from its own metadata scope only. */
export function startScopedService(definition: ServiceDefinition, options: StartServiceOptions): Promise<RunningService> {
  return inGraphQLMetadataScope(definition.name, () => startService(definition, options));
}
