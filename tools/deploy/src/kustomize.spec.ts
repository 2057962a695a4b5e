/**
 * The kustomize overlays (the system without Helm): each rendered with `kubectl kustomize`, every
 * object valid for the Kubernetes API, and the same guarantees as the chart.
 */
import { hpaProblems, kedaProblems } from './autoscaling';
import { hardeningProblems, kafkaTlsSaslProblems, platformWorkloads, postgresTlsProblems, probeProblems, subgraphIsolationProblems } from './checks';
import { environmentMap, environmentOf, subgraphs } from './components';
import { kustomize } from './kustomize';
import { componentOf, validationProblems, workloadOf, type K8sObject } from './manifests';
import { kustomizeOverlays } from './paths';
import { topicsCreatedBy } from './topics';
import { TopicSpecs } from '@sim/contracts';

const rendered = new Map<string, K8sObject[]>();
beforeAll(() => {
  for (const overlay of kustomizeOverlays) rendered.set(overlay, kustomize(overlay));
});
const objectsOf = (overlay: string) => rendered.get(overlay)!;

describe.each(kustomizeOverlays)('k8s/overlays/%s', (overlay) => {
  it('renders only objects the Kubernetes API accepts', () => {
    expect(objectsOf(overlay).length).toBeGreaterThan(25);
    expect(objectsOf(overlay).flatMap(validationProblems)).toEqual([]);
  });

  it('runs every component, the migration Job included, in its own namespace', () => {
    const workloads = platformWorkloads(objectsOf(overlay));
    expect(workloads.map((w) => `${w.kind} ${componentOf(w)}`).sort()).toEqual(
      [...subgraphs, 'gateway', 'web'].map((c) => `Deployment ${c}`).concat('Job migrate').sort(),
    );
    const namespaced = objectsOf(overlay).filter((o) => o.kind !== 'Namespace');
    expect(new Set(namespaced.map((o) => o.metadata.namespace))).toEqual(new Set([overlay === 'dev' ? 'conversation-simulations-dev' : 'conversation-simulations']));
  });

  it('runs every pod hardened, with probes that ask the right question, and resources', () => {
    expect(platformWorkloads(objectsOf(overlay)).flatMap(hardeningProblems)).toEqual([]);
    expect(platformWorkloads(objectsOf(overlay)).flatMap(probeProblems)).toEqual([]);
  });

  it('isolates the subgraphs: only the gateway reaches them', () => {
    const scraper = overlay === 'prod' ? { namespaceLabels: { 'kubernetes.io/metadata.name': 'monitoring' }, podLabels: { 'app.kubernetes.io/name': 'prometheus' } } : undefined;
    expect(subgraphIsolationProblems(objectsOf(overlay), scraper)).toEqual([]);
  });

  it('runs the migrations with tools/migrate.ts in the orchestrator image', () => {
    const job = workloadOf(objectsOf(overlay), 'migrate');
    const container = job.spec.template.spec.containers[0];
    expect(container.image).toMatch(/conversation-simulations\/orchestrator:/);
    expect(container.command.at(-1)).toBe('tools/migrate.ts');
    // Jobs are immutable: a finished one must go away before the next apply changes its image.
    expect(job.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
  });

  it('gives every component a PodDisruptionBudget', () => {
    const budgets = objectsOf(overlay).filter((o) => o.kind === 'PodDisruptionBudget');
    expect(budgets.map((b) => b.spec.selector.matchLabels['app.kubernetes.io/component']).sort()).toEqual([...subgraphs, 'gateway', 'web'].sort());
  });
});

describe('k8s/overlays/dev', () => {
  it('brings its own PostgreSQL and Kafka, and a Secret with every key the workloads need', () => {
    const objects = objectsOf('dev');
    expect(objects.filter((o) => o.kind === 'Service').map((s) => s.metadata.name)).toEqual(expect.arrayContaining(['postgres', 'kafka']));
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'conversation-simulations')!;
    const missing = platformWorkloads(objects)
      .flatMap((w) => environmentOf(w, objects))
      .filter((e) => e.secret && !e.secret.optional && (e.secret.name !== secret.metadata.name || !(e.secret.key in (secret.data ?? {}))))
      .map((e) => `${e.name} from ${e.secret!.name}/${e.secret!.key}`);
    expect(missing).toEqual([]);
  });

  it('creates every topic (and its dead-letter topic) as libs/contracts specifies', () => {
    const job = objectsOf('dev').find((o) => o.kind === 'Job' && o.metadata.name === 'kafka-topics')!;
    const script: string = job.spec.template.spec.containers[0].command.join('\n');
    expect(topicsCreatedBy(script)).toEqual(TopicSpecs.map((t) => ({ name: t.name, partitions: t.partitions, compacted: t.compacted })));
  });

  it('reaches the in-namespace PostgreSQL and Kafka by their Service names', () => {
    const objects = objectsOf('dev');
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'conversation-simulations')!;
    expect(Buffer.from(secret.data.DATABASE_URL, 'base64').toString()).toMatch(/@postgres:5432\//);
    expect(environmentMap(workloadOf(objects, 'simulation'), objects).get('KAFKA_BROKERS')?.value).toBe('kafka:9092');
  });
});

describe('k8s/overlays/prod', () => {
  it('scales the gateway and the web app with HPAs, and the workers on Kafka lag with KEDA', () => {
    expect(hpaProblems(objectsOf('prod'))).toEqual([]);
    expect(kedaProblems(objectsOf('prod'))).toEqual([]);
  });

  it('reaches Kafka over TLS with SASL from every Kafka client, and PostgreSQL over verified TLS', () => {
    const objects = objectsOf('prod');
    expect([...subgraphs, 'gateway'].flatMap((c) => kafkaTlsSaslProblems(workloadOf(objects, c), objects))).toEqual([]);
    expect([...subgraphs, 'migrate'].flatMap((c) => postgresTlsProblems(workloadOf(objects, c), objects))).toEqual([]);
  });

  it('pulls versioned images from the registry and runs more replicas than dev', () => {
    const objects = objectsOf('prod');
    for (const workload of platformWorkloads(objects)) expect(workload.spec.template.spec.containers[0].image).toMatch(/^registry\.example\.com\/.+:\d+\.\d+\.\d+$/);
    expect(workloadOf(objects, 'orchestrator').spec.replicas).toBeGreaterThan(workloadOf(objectsOf('dev'), 'orchestrator').spec.replicas);
  });
});
