/**
 * What each deployed process reads from its environment, from the code itself: the same config
 * definitions the README's tables are printed from (embedded/src/config-sections.ts), per process.
 */
import { readFileSync } from 'node:fs';
import type { ConfigDefinition } from '@sim/config';
import { gatewayConfigDefinition } from '@sim/gateway';
import { evaluationConfigDefinition } from '@sim/service-evaluation/config';
import { generationJobsConfigDefinition } from '@sim/service-generation/config';
import { orchestratorConfigDefinition } from '@sim/service-orchestrator/config';
import { simulationConfigDefinition } from '@sim/service-simulation/config';
import { serviceConfigDefinition } from '@sim/subgraph';
import { webConfigDefinition } from '@sim/web';
import { fromRoot } from './paths';
import type { K8sObject } from './manifests';

export const subgraphs = ['test-cases', 'generation', 'orchestrator', 'simulation', 'evaluation'] as const;
export const components = [...subgraphs, 'gateway', 'web', 'migrate'] as const;
export type Component = (typeof components)[number];

/** Each service's default port (its `PORT` default), as the supergraph's subgraph URLs use them. */
export const servicePorts: Record<(typeof subgraphs)[number], number> = {
  'test-cases': 4101,
  generation: 4102,
  orchestrator: 4103,
  simulation: 4104,
  evaluation: 4105,
};

const names = (...definitions: ConfigDefinition[]) => new Set(definitions.flatMap((definition) => Object.values(definition).map((spec) => spec.env)));

/** Variables a source file reads directly: `process.env.NAME` and `process.env['NAME']`. */
function variablesReadBy(file: string): Set<string> {
  const source = readFileSync(fromRoot(file), 'utf8');
  const pattern = /process\.env(?:\.([A-Z][A-Z0-9_]*)|\[['"]([A-Z][A-Z0-9_]*)['"]\])/g;
  return new Set([...source.matchAll(pattern)].map((m) => m[1] ?? m[2]));
}

/**
 * The migration entry: what tools/migrate.ts reads directly, plus the service variables it picks
 * from serviceConfigDefinition (`const { databaseUrl, ... } = serviceConfigDefinition(...)`), or
 * all of them when it loads the whole service configuration.
 */
function migrationVariables(): Set<string> {
  const variables = variablesReadBy('tools/migrate.ts');
  const source = readFileSync(fromRoot('tools/migrate.ts'), 'utf8');
  const definition: ConfigDefinition = serviceConfigDefinition(4101);
  const picked = /const \{([^}]*)\} = serviceConfigDefinition\(/.exec(source);
  const keys = picked ? picked[1].split(',').map((key) => key.trim().split(':')[0].trim()).filter(Boolean) : /loadServiceConfig\(/.test(source) ? Object.keys(definition) : [];
  for (const key of keys) if (definition[key]) variables.add(definition[key].env);
  return variables;
}

/** Every variable each component accepts, as imported now. */
export function acceptedVariables(): Record<Component, Set<string>> {
  const service = serviceConfigDefinition(4101);
  return {
    'test-cases': names(service),
    generation: names(service, generationJobsConfigDefinition),
    orchestrator: names(service, orchestratorConfigDefinition),
    simulation: names(service, simulationConfigDefinition),
    evaluation: names(service, evaluationConfigDefinition),
    gateway: names(gatewayConfigDefinition),
    web: names(webConfigDefinition),
    migrate: migrationVariables(),
  };
}

/** Variables whose values are secrets: the definitions mark them; a database URL carries a password. */
export function secretVariables(): Set<string> {
  const all = [serviceConfigDefinition(4101), gatewayConfigDefinition, simulationConfigDefinition, evaluationConfigDefinition, generationJobsConfigDefinition, orchestratorConfigDefinition];
  const marked = all.flatMap((definition) => Object.values(definition).filter((spec) => spec.secret).map((spec) => spec.env));
  return new Set([...marked, 'DATABASE_URL', 'KAFKA_SASL_PASSWORD']);
}

export interface EnvEntry {
  name: string;
  source: 'value' | 'secret' | 'configMap' | 'other';
  /** The literal value (from `value` or the ConfigMap), when there is one. */
  value?: string;
  secret?: { name: string; key: string; optional?: boolean };
}

/**
 * The environment of a workload's first container as the kubelet would build it: the keys of
 * the ConfigMaps `envFrom` names (looked up among the rendered objects), then `env`, which wins.
 */
export function environmentOf(workload: K8sObject, objects: K8sObject[]): EnvEntry[] {
  const container = workload.spec.template.spec.containers[0];
  const entries: EnvEntry[] = [];
  for (const from of container.envFrom ?? []) {
    if (!from.configMapRef) throw new Error(`${workload.metadata.name}: envFrom other than a ConfigMap cannot be checked`);
    const configMap = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === from.configMapRef.name);
    if (!configMap) throw new Error(`${workload.metadata.name}: envFrom names ConfigMap ${from.configMapRef.name}, which is not rendered`);
    for (const [name, value] of Object.entries(configMap.data ?? {})) entries.push({ name: (from.prefix ?? '') + name, source: 'configMap', value: String(value) });
  }
  for (const entry of container.env ?? []) {
    if (entry.valueFrom?.secretKeyRef) entries.push({ name: entry.name, source: 'secret', secret: entry.valueFrom.secretKeyRef });
    else if (entry.valueFrom) entries.push({ name: entry.name, source: 'other' });
    else entries.push({ name: entry.name, source: 'value', value: entry.value === undefined ? undefined : String(entry.value) });
  }
  return entries;
}

/** The environment as a map of the last entry for each name (the one the process sees). */
export function environmentMap(workload: K8sObject, objects: K8sObject[]): Map<string, EnvEntry> {
  return new Map(environmentOf(workload, objects).map((entry) => [entry.name, entry]));
}
