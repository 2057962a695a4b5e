/**
 * The Helm chart, through real Helm (helm-java): lint, render with the default values and with
 * ci/production-values.yaml, every object valid for the Kubernetes API, and values.schema.json
 * refusing bad values at install.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { KAFKA_SASL_MECHANISMS } from '@sim/bus';
import { LOG_FORMATS, LOG_LEVELS } from '@sim/observability';
import { DATABASE_SSL_MODES } from '@sim/persistence';
import { hpaProblems, kedaProblems, topicSubscribedBy, workerGroups } from './autoscaling';
import { hardeningProblems, kafkaTlsSaslProblems, platformWorkloads, postgresTlsProblems, probeProblems, subgraphIsolationProblems } from './checks';
import { environmentMap, servicePorts, subgraphs } from './components';
import { helm, lint, lintWithValues, template, templateRaw, type Rendered } from './helm';
import { componentOf, validationProblems, workloadOf, type K8sObject } from './manifests';
import { chartDir, productionValues } from './paths';

let defaults: Rendered;
let production: Rendered;

beforeAll(() => {
  // The first run on a machine resolves helm-java with Maven and compiles the runner.
  defaults = template();
  production = template([productionValues]);
}, 15 * 60_000);

const kinds = (objects: K8sObject[]) => objects.map((o) => `${o.kind} ${o.metadata.name}`).sort();

describe('helm lint --strict', () => {
  it('runs Helm itself (helm-java)', () => {
    expect(helm(['version']).stdout).toMatch(/^v3\.\d+\.\d+/);
  });

  it('passes with the default values', () => {
    const result = lint();
    expect(result.stdout).not.toMatch(/\[(ERROR|WARNING)\]/);
    expect(result.ok).toBe(true);
  });

  it('passes with ci/production-values.yaml', () => {
    const result = lintWithValues(productionValues);
    expect(result.stdout).not.toMatch(/\[(ERROR|WARNING)\]/);
    expect(result.ok).toBe(true);
  });
});

describe.each([
  ['default values', () => defaults],
  ['ci/production-values.yaml', () => production],
])('helm template with %s', (_name, rendered) => {
  it('renders only objects the Kubernetes API accepts', () => {
    expect(rendered().objects.length).toBeGreaterThan(25);
    expect(rendered().objects.flatMap(validationProblems)).toEqual([]);
  });

  it('runs every component as a Deployment with a Service on its port', () => {
    const objects = rendered().objects;
    const deployments = objects.filter((o) => o.kind === 'Deployment').map(componentOf).sort();
    expect(deployments).toEqual([...subgraphs, 'gateway', 'web'].sort());
    for (const subgraph of subgraphs) {
      const service = objects.find((o) => o.kind === 'Service' && o.spec.selector['app.kubernetes.io/component'] === subgraph);
      expect([subgraph, service?.spec.ports[0].port]).toEqual([subgraph, servicePorts[subgraph]]);
    }
  });

  it('runs every pod hardened, with probes that ask the right question, and resources', () => {
    const objects = platformWorkloads(rendered().objects);
    expect(objects.flatMap(hardeningProblems)).toEqual([]);
    expect(objects.flatMap(probeProblems)).toEqual([]);
  });

  it('gives every component a PodDisruptionBudget that lets one pod go at a time', () => {
    const budgets = rendered().objects.filter((o) => o.kind === 'PodDisruptionBudget');
    expect(budgets.map((b) => b.spec.selector.matchLabels['app.kubernetes.io/component']).sort()).toEqual([...subgraphs, 'gateway', 'web'].sort());
    expect(budgets.every((b) => b.spec.maxUnavailable === 1)).toBe(true);
  });

  it('scales the gateway and the web app with HorizontalPodAutoscalers', () => {
    expect(hpaProblems(rendered().objects)).toEqual([]);
  });

  it('points the gateway at every subgraph Service and the web app at the gateway Service', () => {
    const objects = rendered().objects;
    const serviceUrl = (component: string) => {
      const service = objects.find((o) => o.kind === 'Service' && o.spec.selector['app.kubernetes.io/component'] === component)!;
      return `http://${service.metadata.name}:${service.spec.ports[0].port}`;
    };
    const gatewayEnv = environmentMap(workloadOf(objects, 'gateway'), objects);
    expect(gatewayEnv.get('TEST_CASES_URL')?.value).toBe(`${serviceUrl('test-cases')}/graphql`);
    expect(gatewayEnv.get('EVALUATION_URL')?.value).toBe(`${serviceUrl('evaluation')}/graphql`);
    expect(environmentMap(workloadOf(objects, 'web'), objects).get('GATEWAY_URL')?.value).toBe(serviceUrl('gateway'));
  });

  it('migrates in a pre-install/pre-upgrade hook Job that runs tools/migrate.ts in the orchestrator image', () => {
    const job = workloadOf(rendered().objects, 'migrate');
    expect(job.kind).toBe('Job');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(job.metadata.annotations?.['helm.sh/hook-delete-policy']).toContain('before-hook-creation');
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toMatch(/\/orchestrator:/);
    expect(container.command.at(-1)).toBe('tools/migrate.ts');
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
    expect(environmentMap(job, rendered().objects).get('DATABASE_URL')?.source).toBe('secret');
  });
});

describe('helm template with the default values', () => {
  it('isolates the subgraphs: only the gateway reaches them', () => {
    expect(subgraphIsolationProblems(defaults.objects)).toEqual([]);
  });

  it('leaves KEDA out (it needs KEDA installed) and uses the image tag of the chart', () => {
    expect(defaults.objects.filter((o) => o.apiVersion.startsWith('keda.sh/'))).toEqual([]);
    expect(workloadOf(defaults.objects, 'simulation').spec.template.spec.containers[0].image).toBe('conversation-simulations/simulation:0.1.0');
  });
});

describe('helm template with ci/production-values.yaml', () => {
  it('adds autoscaling on Kafka lag (KEDA), an ingress and a TriggerAuthentication', () => {
    expect(kinds(production.objects).filter((k) => /^(ScaledObject|TriggerAuthentication|Ingress) /.test(k))).toEqual([
      'Ingress cs-conversation-simulations',
      'ScaledObject cs-conversation-simulations-evaluation',
      'ScaledObject cs-conversation-simulations-simulation',
      'TriggerAuthentication cs-conversation-simulations-kafka',
    ]);
  });

  it('scales simulation and evaluation on the lag of the consumer groups they work through', () => {
    expect(kedaProblems(production.objects)).toEqual([]);
  });

  it('lets the metrics scraper reach /metrics, and still nobody else but the gateway', () => {
    expect(subgraphIsolationProblems(production.objects, { namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } })).toEqual([]);
    // Without the scraper allowed, the same policies would be a finding.
    expect(subgraphIsolationProblems(production.objects).length).toBeGreaterThan(0);
  });

  it('reaches Kafka over TLS with SASL from every Kafka client, and PostgreSQL over verified TLS', () => {
    const kafkaClients = [...subgraphs, 'gateway'].map((c) => workloadOf(production.objects, c));
    expect(kafkaClients.flatMap((w) => kafkaTlsSaslProblems(w, production.objects))).toEqual([]);
    const databaseClients = [...subgraphs, 'migrate'].map((c) => workloadOf(production.objects, c));
    expect(databaseClients.flatMap((w) => postgresTlsProblems(w, production.objects))).toEqual([]);
  });

  it('signs users in through the identity provider: JWKS, and no HS256 secret', () => {
    const env = environmentMap(workloadOf(production.objects, 'gateway'), production.objects);
    expect(env.get('JWT_JWKS_URL')?.value).toMatch(/^https:\/\/.+jwks/);
    expect(env.has('JWT_SECRET')).toBe(false);
  });

  it('runs more replicas than the defaults', () => {
    for (const component of ['test-cases', 'orchestrator']) {
      expect(workloadOf(production.objects, component).spec.replicas).toBeGreaterThan(workloadOf(defaults.objects, component).spec.replicas);
    }
    const hpa = (objects: K8sObject[], name: string) => objects.find((o) => o.kind === 'HorizontalPodAutoscaler' && o.metadata.name.endsWith(name))!;
    expect(hpa(production.objects, '-gateway').spec.minReplicas).toBeGreaterThan(hpa(defaults.objects, '-gateway').spec.minReplicas);
  });
});

describe('the consumer groups KEDA watches', () => {
  it.each(workerGroups)('$group is what $component subscribes to $topic', ({ source, group, topic }) => {
    expect(topicSubscribedBy(source, group)).toBe(topic);
  });
});

describe('values.schema.json refuses bad values at install', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'deploy-values-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const refusals: [string, object, string][] = [
    ['replicas that are not a number', { gateway: { replicas: 'two' } }, "at '/gateway/replicas': got string, want integer"],
    ['more KEDA replicas than partitions', { services: { simulation: { keda: { maxReplicas: 64 } } } }, "'/services/simulation/keda/maxReplicas': maximum: got 64, want 32"],
    ['a variable the service does not read', { services: { simulation: { env: { SIMULATION_PARTITION_CONCURENCY: '8' } } } }, "invalid propertyName 'SIMULATION_PARTITION_CONCURENCY'"],
    ['a setting given as a number', { services: { orchestrator: { env: { RUN_CASE_DEADLINE_MS: 900000 } } } }, "'/services/orchestrator/env/RUN_CASE_DEADLINE_MS': got number, want string"],
    ['an unknown log format', { logging: { format: 'xml' } }, "'/logging/format': value must be one of 'json', 'pretty'"],
    ['no Secret for the database URL', { secrets: { database: { name: '' } } }, "'/secrets/database/name': minLength: got 0, want 1"],
    ['SASL without a password Secret', { kafka: { sasl: { enabled: true, username: 'svc' } } }, "'/kafka/sasl/passwordSecret/name': minLength: got 0, want 1"],
    ['no JWT secret and no JWKS', { secrets: { jwt: { name: '' } } }, "'/secrets/jwt/name': minLength: got 0, want 1"],
    ['a misspelt top-level key', { keda_enabled: true }, "additional properties 'keda_enabled' not allowed"],
  ];

  it.each(refusals)('refuses %s', (_name, values, message) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(file, stringify(values));
    const result = templateRaw([file]);
    expect(result.ok).toBe(false);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    expect(result.stderr).toContain(message);
  });

  it('offers exactly the choices the code accepts', () => {
    const schema = JSON.parse(readFileSync(path.join(chartDir, 'values.schema.json'), 'utf8'));
    expect(schema.properties.logging.properties.level.enum).toEqual([...LOG_LEVELS]);
    expect(schema.properties.logging.properties.format.enum).toEqual([...LOG_FORMATS]);
    expect(schema.properties.kafka.properties.sasl.properties.mechanism.enum).toEqual([...KAFKA_SASL_MECHANISMS]);
    // "" leaves DATABASE_SSL_MODE unset.
    expect(schema.properties.postgresql.properties.ssl.properties.mode.enum).toEqual(['', ...DATABASE_SSL_MODES]);
  });

  it('accepts a valid override of the same values (the refusals are about the values, not the mechanism)', () => {
    const file = path.join(dir, 'valid.yaml');
    writeFileSync(file, stringify({ gateway: { replicas: 3 }, services: { simulation: { keda: { maxReplicas: 32 }, env: { SIMULATION_PARTITION_CONCURRENCY: '8' } } } }));
    expect(templateRaw([file]).ok).toBe(true);
  });
});
