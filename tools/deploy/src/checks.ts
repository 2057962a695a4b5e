/**
 * What an operator relies on in every rendering (the chart's and the kustomize overlays'),
 * each as a list of problems: `[]` when the workloads are as they should be.
 */
import { environmentMap } from './components';
import { componentOf, workloads, type Json, type K8sObject } from './manifests';

const subgraphNames = ['test-cases', 'generation', 'orchestrator', 'simulation', 'evaluation'];

/** Our own workloads (not a dev overlay's PostgreSQL or Kafka). */
export function platformWorkloads(objects: K8sObject[]): K8sObject[] {
  return workloads(objects).filter((o) => o.spec.template.metadata?.labels?.['app.kubernetes.io/name'] === 'conversation-simulations');
}

/** Non-root, read-only root filesystem, no capabilities, no API token, no service links, bounded memory. */
export function hardeningProblems(workload: K8sObject): string[] {
  const name = `${workload.kind} ${workload.metadata.name}`;
  const pod = workload.spec.template.spec;
  const problems: string[] = [];
  if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name}: runAsNonRoot is not set`);
  if (!(pod.securityContext?.runAsUser > 0)) problems.push(`${name}: no non-root runAsUser`);
  if (pod.automountServiceAccountToken !== false) problems.push(`${name}: mounts a service account token it does not need`);
  if (pod.enableServiceLinks !== false) problems.push(`${name}: service links put <SERVICE>_PORT variables into the process`);
  for (const container of pod.containers) {
    const where = `${name}/${container.name}`;
    const security = container.securityContext ?? {};
    if (security.allowPrivilegeEscalation !== false) problems.push(`${where}: privilege escalation allowed`);
    if (security.readOnlyRootFilesystem !== true) problems.push(`${where}: writable root filesystem`);
    if (!security.capabilities?.drop?.includes('ALL')) problems.push(`${where}: capabilities not dropped`);
    if (!container.resources?.requests?.cpu || !container.resources?.requests?.memory) problems.push(`${where}: no CPU and memory requests`);
    if (!container.resources?.limits?.memory) problems.push(`${where}: no memory limit`);
    // The root filesystem is read-only: SWC's compile cache needs a writable /tmp.
    if (!container.volumeMounts?.some((m: Json) => m.mountPath === '/tmp')) problems.push(`${where}: no writable /tmp`);
  }
  return problems;
}

const probePath = (probe: Json) => (probe?.httpGet ? `GET ${probe.httpGet.path} on ${probe.httpGet.port}` : probe?.tcpSocket ? `TCP ${probe.tcpSocket.port}` : 'none');

/**
 * Readiness asks each process what it knows about its dependencies: a service's /health (its
 * database and bus), the gateway's /health (every subgraph), the web app's front page (503 until
 * Next.js is ready). Liveness never depends on a database, so an outage does not restart everything.
 */
export function probeProblems(workload: K8sObject): string[] {
  if (workload.kind !== 'Deployment') return [];
  const component = componentOf(workload)!;
  const container = workload.spec.template.spec.containers[0];
  const expected: Record<string, [string, string]> = {
    gateway: ['GET /health on http', 'GET /health/live on http'],
    web: ['GET / on http', 'TCP http'],
    ...Object.fromEntries(subgraphNames.map((name) => [name, ['GET /health on http', 'TCP http'] as [string, string]])),
  };
  const [readiness, liveness] = expected[component] ?? ['?', '?'];
  const problems: string[] = [];
  if (probePath(container.readinessProbe) !== readiness) problems.push(`${component}: readiness is ${probePath(container.readinessProbe)}, expected ${readiness}`);
  if (probePath(container.livenessProbe) !== liveness) problems.push(`${component}: liveness is ${probePath(container.livenessProbe)}, expected ${liveness}`);
  if (!container.startupProbe) problems.push(`${component}: no startup probe (migrations on boot take time)`);
  if (!container.ports?.some((p: Json) => p.name === 'http')) problems.push(`${component}: no port named http`);
  return problems;
}

/** A file the environment names must be mounted from a Secret volume. */
function mountedFromSecret(workload: K8sObject, file: string | undefined): boolean {
  if (!file) return false;
  const pod = workload.spec.template.spec;
  const mount = pod.containers[0].volumeMounts?.find((m: Json) => file.startsWith(m.mountPath.replace(/\/?$/, '/')));
  const volume = mount && pod.volumes?.find((v: Json) => v.name === mount.name);
  return Boolean(volume?.secret?.secretName && volume.secret.items?.some((item: Json) => file.endsWith('/' + item.path)));
}

/** Kafka over TLS (the brokers' CA mounted where KAFKA_SSL_CA_FILE says) with SASL (the password from a Secret). */
export function kafkaTlsSaslProblems(workload: K8sObject, objects: K8sObject[]): string[] {
  const env = environmentMap(workload, objects);
  const name = workload.metadata.name;
  const problems: string[] = [];
  if (env.get('KAFKA_SSL')?.value !== 'true') problems.push(`${name}: KAFKA_SSL is not true`);
  if (!mountedFromSecret(workload, env.get('KAFKA_SSL_CA_FILE')?.value)) problems.push(`${name}: KAFKA_SSL_CA_FILE is not a file mounted from a Secret`);
  if (!/^scram-sha-(256|512)$|^plain$/.test(env.get('KAFKA_SASL_MECHANISM')?.value ?? '')) problems.push(`${name}: no KAFKA_SASL_MECHANISM`);
  if (!env.get('KAFKA_SASL_USERNAME')?.value) problems.push(`${name}: no KAFKA_SASL_USERNAME`);
  if (env.get('KAFKA_SASL_PASSWORD')?.source !== 'secret') problems.push(`${name}: KAFKA_SASL_PASSWORD is not from a Secret`);
  return problems;
}

/** PostgreSQL over verified TLS, with the server's CA mounted where DATABASE_SSL_CA_FILE says. */
export function postgresTlsProblems(workload: K8sObject, objects: K8sObject[]): string[] {
  const env = environmentMap(workload, objects);
  const name = workload.metadata.name;
  const problems: string[] = [];
  if (env.get('DATABASE_SSL_MODE')?.value !== 'verify-full') problems.push(`${name}: DATABASE_SSL_MODE is not verify-full`);
  if (!mountedFromSecret(workload, env.get('DATABASE_SSL_CA_FILE')?.value)) problems.push(`${name}: DATABASE_SSL_CA_FILE is not a file mounted from a Secret`);
  if (env.get('DATABASE_URL')?.source !== 'secret') problems.push(`${name}: DATABASE_URL is not from a Secret`);
  return problems;
}

const matches = (selector: Json, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (selector?.matchExpressions ?? []).every((e: Json) => e.operator === 'In' && e.values.includes(labels[e.key]));

/**
 * Each subgraph's pods are selected by an ingress policy, and every peer Json policy lets in is
 * the gateway's pods or (when `scraper` is given) the metrics scraper. No rule admits everyone.
 */
export function subgraphIsolationProblems(objects: K8sObject[], scraper?: { namespaceLabels: Record<string, string>; podLabels: Record<string, string> }): string[] {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const problems: string[] = [];
  for (const subgraph of subgraphNames) {
    const deployment = platformWorkloads(objects).find((w) => componentOf(w) === subgraph);
    if (!deployment) {
      problems.push(`${subgraph}: no Deployment`);
      continue;
    }
    const podLabels = deployment.spec.template.metadata.labels;
    const selecting = policies.filter((p) => p.spec.policyTypes?.includes('Ingress') && matches(p.spec.podSelector, podLabels));
    if (selecting.length === 0) problems.push(`${subgraph}: no ingress policy selects its pods`);
    const gatewayLabels = platformWorkloads(objects).find((w) => componentOf(w) === 'gateway')!.spec.template.metadata.labels;
    let gatewayAdmitted = false;
    for (const rule of selecting.flatMap((p) => p.spec.ingress ?? [])) {
      if (!rule.from || rule.from.length === 0) problems.push(`${subgraph}: a rule admits every peer`);
      for (const peer of rule.from ?? []) {
        const fromGateway = peer.podSelector && !peer.namespaceSelector && matches(peer.podSelector, gatewayLabels) && Object.keys(peer.podSelector.matchLabels ?? {}).length > 0;
        const fromScraper = scraper && peer.namespaceSelector && matches(peer.namespaceSelector, scraper.namespaceLabels) && matches(peer.podSelector, scraper.podLabels);
        if (fromGateway) gatewayAdmitted = true;
        else if (!fromScraper) problems.push(`${subgraph}: admits ${JSON.stringify(peer)}`);
      }
      if (!rule.ports?.every((p: Json) => p.port === 'http' || p.port === deployment.spec.template.spec.containers[0].ports[0].containerPort)) {
        problems.push(`${subgraph}: a rule opens a port other than its HTTP port`);
      }
    }
    if (!gatewayAdmitted) problems.push(`${subgraph}: the gateway is not let in`);
  }
  return problems;
}
