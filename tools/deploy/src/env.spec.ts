/**
 * The environment the deployments give each process is exactly what that process reads: no
 * variable it would ignore (a typo, a removed setting), secrets only from Secrets, and through
 * the chart every variable it reads can be set. The lists come from the config definitions as
 * they are in the code now (the same ones the README's tables are printed from).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { configSections } from '@sim/embedded';
import { platformWorkloads } from './checks';
import { acceptedVariables, components, environmentOf, secretVariables, type Component } from './components';
import { template } from './helm';
import { kustomize } from './kustomize';
import { componentOf, type K8sObject } from './manifests';
import { chartDir, fromRoot, productionValues } from './paths';

const accepted = acceptedVariables();
const secrets = secretVariables();

const renders: [string, () => K8sObject[]][] = [
  ['the chart with its default values', () => template().objects],
  ['the chart with ci/production-values.yaml', () => template([productionValues]).objects],
  ['k8s/overlays/dev', () => kustomize('dev')],
  ['k8s/overlays/prod', () => kustomize('prod')],
];

/** Variable names set for each component in a rendering. */
function variablesSet(objects: K8sObject[]): Map<Component, Set<string>> {
  const set = new Map<Component, Set<string>>();
  for (const workload of platformWorkloads(objects)) {
    const component = componentOf(workload) as Component;
    const names = set.get(component) ?? new Set<string>();
    for (const entry of environmentOf(workload, objects)) names.add(entry.name);
    set.set(component, names);
  }
  return set;
}

describe.each(renders)('%s', (_name, render) => {
  let objects: K8sObject[];
  beforeAll(() => {
    objects = render();
  }, 15 * 60_000);

  it('sets only variables the component reads', () => {
    const unread = [...variablesSet(objects)].flatMap(([component, names]) => [...names].filter((name) => !accepted[component]?.has(name)).map((name) => `${component}: ${name}`));
    expect(unread).toEqual([]);
  });

  it('takes every secret from a Secret (secretKeyRef), never from a literal or a ConfigMap', () => {
    const exposed = platformWorkloads(objects)
      .flatMap((workload) => environmentOf(workload, objects).map((entry) => ({ component: componentOf(workload), ...entry })))
      .filter((entry) => secrets.has(entry.name) && entry.source !== 'secret')
      .map((entry) => `${entry.component}: ${entry.name} from ${entry.source}`);
    expect(exposed).toEqual([]);
  });
});

describe('the chart', () => {
  const schema = JSON.parse(readFileSync(`${chartDir}/values.schema.json`, 'utf8'));
  /** The names a component's `env` map may hold (values.schema.json restricts them). */
  const envMapNames = (component: Component): string[] => {
    const path: Record<string, any> = {
      gateway: schema.properties.gateway,
      web: schema.properties.web,
      'test-cases': schema.properties.services.properties.testCases,
      generation: schema.properties.services.properties.generation,
      orchestrator: schema.properties.services.properties.orchestrator,
      simulation: schema.properties.services.properties.simulation,
      evaluation: schema.properties.services.properties.evaluation,
    };
    return path[component]?.properties.env.propertyNames?.enum ?? [];
  };

  it('can set exactly the variables each component reads (the migration Job included): from its values, or by name in its `env` map', () => {
    const defaults = variablesSet(template().objects);
    const production = variablesSet(template([productionValues]).objects);
    const mismatches: string[] = [];
    for (const component of components) {
      const settable = new Set([...(defaults.get(component) ?? []), ...(production.get(component) ?? []), ...envMapNames(component)]);
      for (const name of accepted[component]) if (!settable.has(name)) mismatches.push(`${component}: ${name} is read but cannot be set`);
      for (const name of settable) if (!accepted[component].has(name)) mismatches.push(`${component}: ${name} can be set but is not read`);
    }
    expect(mismatches).toEqual([]);
  });

  it("keeps a component's `env` map to what the chart does not set from its own values (one variable, one place)", () => {
    const values = parse(readFileSync(productionValues, 'utf8'));
    const envMapOf = (component: Component): Record<string, string> =>
      (component === 'gateway' || component === 'web' ? values[component]?.env : values.services?.[component === 'test-cases' ? 'testCases' : component]?.env) ?? {};
    const defaults = variablesSet(template().objects);
    const production = variablesSet(template([productionValues]).objects);
    const twice = components.flatMap((component) => {
      const fromValues = new Set([...(defaults.get(component) ?? []), ...[...(production.get(component) ?? [])].filter((name) => !(name in envMapOf(component)))]);
      return envMapNames(component).filter((name) => fromValues.has(name)).map((name) => `${component}: ${name}`);
    });
    expect(twice).toEqual([]);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(fromRoot('docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, any> };

  it('sets only variables each process reads (and NODE_ENV, which every process checks)', () => {
    const unread = components.flatMap((component) =>
      Object.keys(compose.services[component]?.environment ?? {})
        .filter((name) => name !== 'NODE_ENV' && !accepted[component].has(name))
        .map((name) => `${component}: ${name}`),
    );
    expect(unread).toEqual([]);
  });
});

describe('the variables the README documents', () => {
  it('are each read by some deployed component (embedded-only settings aside)', () => {
    const deployed = new Set(components.flatMap((component) => [...accepted[component]]));
    const documented = configSections.filter((section) => !section.title.startsWith('Embedded default')).flatMap((section) => Object.values(section.definition).map((spec) => spec.env));
    expect(documented.length).toBeGreaterThan(40);
    expect(documented.filter((name) => !deployed.has(name))).toEqual([]);
  });
});
