/**
 * Rendered Kubernetes objects: parsing multi-document YAML and validating every object against
 * the Kubernetes API schemas (kubernetes-models). KEDA's objects have no model there: their
 * required shape is checked here, after KEDA's CRDs (keda.sh/v1alpha1).
 */
import { parseAllDocuments } from 'yaml';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Namespace } from 'kubernetes-models/v1/Namespace';
import { Secret } from 'kubernetes-models/v1/Secret';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1/PodDisruptionBudget';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1/NetworkPolicy';

/** Rendered YAML, read field by field: each check names the fields it relies on, so a loose type hides nothing. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** A rendered object: its identity typed, the rest read as the checks need it. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: Json;
};

export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors.map((e) => e.message).join('; ')}`);
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null && typeof object === 'object');
}

type Model = { validate(): void };
const models: Record<string, (object: Json) => Model> = {
  'v1/ConfigMap': (o) => new ConfigMap(o),
  'v1/Namespace': (o) => new Namespace(o),
  // kubectl kustomize wraps long base64 values over lines; the API server's decoder skips newlines.
  'v1/Secret': (o) => new Secret({ ...o, data: o.data && Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, String(v).replace(/[\r\n]/g, '')])) }),
  'v1/Service': (o) => new Service(o),
  'apps/v1/Deployment': (o) => new Deployment(o),
  'batch/v1/Job': (o) => new Job(o),
  'autoscaling/v2/HorizontalPodAutoscaler': (o) => new HorizontalPodAutoscaler(o),
  'policy/v1/PodDisruptionBudget': (o) => new PodDisruptionBudget(o),
  'networking.k8s.io/v1/Ingress': (o) => new Ingress(o),
  'networking.k8s.io/v1/NetworkPolicy': (o) => new NetworkPolicy(o),
  'keda.sh/v1alpha1/ScaledObject': (o) => ({ validate: () => assertNoProblems(scaledObjectProblems(o)) }),
  'keda.sh/v1alpha1/TriggerAuthentication': (o) => ({ validate: () => assertNoProblems(triggerAuthenticationProblems(o)) }),
};

/** Problems of one object, `[]` when the API server would accept it (as far as the schemas tell). */
export function validationProblems(object: K8sObject): string[] {
  const key = `${object.apiVersion}/${object.kind}`;
  const model = models[key];
  if (!model) return [`${key} ${object.metadata?.name}: no schema to validate it against`];
  try {
    model(object).validate();
    return [];
  } catch (error) {
    return [`${key} ${object.metadata?.name}: ${(error as Error).message}`];
  }
}

function assertNoProblems(problems: string[]): void {
  if (problems.length > 0) throw new Error(problems.join('; '));
}

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;

function unknownFields(value: Record<string, unknown>, allowed: string[], where: string): string[] {
  return Object.keys(value)
    .filter((field) => !allowed.includes(field))
    .map((field) => `${where}.${field} is not a field of the CRD`);
}

function metadataProblems(object: Json): string[] {
  return isObject(object.metadata) && typeof object.metadata.name === 'string' && object.metadata.name.length > 0 ? [] : ['metadata.name is required'];
}

/** keda.sh/v1alpha1 ScaledObject: the fields KEDA's CRD requires and the types it declares. */
export function scaledObjectProblems(object: Json): string[] {
  const problems = metadataProblems(object);
  const spec = object.spec;
  if (!isObject(spec)) return [...problems, 'spec is required'];
  problems.push(
    ...unknownFields(spec, ['scaleTargetRef', 'pollingInterval', 'cooldownPeriod', 'initialCooldownPeriod', 'idleReplicaCount', 'minReplicaCount', 'maxReplicaCount', 'advanced', 'fallback', 'triggers'], 'spec'),
  );
  if (!isObject(spec.scaleTargetRef) || typeof spec.scaleTargetRef.name !== 'string' || !spec.scaleTargetRef.name) problems.push('spec.scaleTargetRef.name is required');
  for (const field of ['pollingInterval', 'cooldownPeriod', 'minReplicaCount', 'maxReplicaCount']) {
    if (spec[field] !== undefined && !isCount(spec[field])) problems.push(`spec.${field} must be a non-negative integer`);
  }
  if (isCount(spec.minReplicaCount) && isCount(spec.maxReplicaCount) && spec.minReplicaCount > spec.maxReplicaCount) problems.push('spec.minReplicaCount exceeds spec.maxReplicaCount');
  if (!Array.isArray(spec.triggers) || spec.triggers.length === 0) return [...problems, 'spec.triggers needs at least one trigger'];
  spec.triggers.forEach((trigger: Json, i: number) => {
    const where = `spec.triggers[${i}]`;
    if (!isObject(trigger)) return problems.push(`${where} must be an object`);
    problems.push(...unknownFields(trigger, ['type', 'name', 'metadata', 'authenticationRef', 'metricType', 'useCachedMetrics'], where));
    if (typeof trigger.type !== 'string' || !trigger.type) problems.push(`${where}.type is required`);
    if (!isObject(trigger.metadata)) problems.push(`${where}.metadata is required`);
    else {
      for (const [key, value] of Object.entries(trigger.metadata)) {
        if (typeof value !== 'string') problems.push(`${where}.metadata.${key} must be a string (the CRD declares map[string]string)`);
      }
      if (trigger.type === 'kafka') {
        for (const key of ['bootstrapServers', 'consumerGroup', 'topic', 'lagThreshold']) {
          if (!trigger.metadata[key]) problems.push(`${where}.metadata.${key} is required for a kafka trigger here`);
        }
        if (trigger.metadata.lagThreshold && !/^[1-9][0-9]*$/.test(trigger.metadata.lagThreshold)) problems.push(`${where}.metadata.lagThreshold must be a positive integer`);
      }
    }
    if (trigger.authenticationRef !== undefined && (!isObject(trigger.authenticationRef) || typeof trigger.authenticationRef.name !== 'string')) {
      problems.push(`${where}.authenticationRef.name is required`);
    }
  });
  return problems;
}

/** keda.sh/v1alpha1 TriggerAuthentication: parameters from Secrets or from the target's environment. */
export function triggerAuthenticationProblems(object: Json): string[] {
  const problems = metadataProblems(object);
  const spec = object.spec;
  if (!isObject(spec)) return [...problems, 'spec is required'];
  problems.push(...unknownFields(spec, ['secretTargetRef', 'env', 'configMapTargetRef', 'podIdentity', 'hashiCorpVault', 'azureKeyVault', 'awsSecretManager', 'gcpSecretManager'], 'spec'));
  const lists: [string, string[]][] = [
    ['secretTargetRef', ['parameter', 'name', 'key']],
    ['env', ['parameter', 'name']],
  ];
  for (const [field, required] of lists) {
    if (spec[field] === undefined) continue;
    if (!Array.isArray(spec[field])) {
      problems.push(`spec.${field} must be a list`);
      continue;
    }
    spec[field].forEach((entry: Json, i: number) => {
      for (const key of required) if (typeof entry?.[key] !== 'string' || !entry[key]) problems.push(`spec.${field}[${i}].${key} is required`);
    });
  }
  return problems;
}

/** The Deployments and Jobs: what runs, with its pod template. */
export function workloads(objects: K8sObject[]): K8sObject[] {
  return objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job');
}

export const componentOf = (object: K8sObject): string | undefined =>
  object.spec?.template?.metadata?.labels?.['app.kubernetes.io/component'] ?? object.metadata.labels?.['app.kubernetes.io/component'];

export function findObject(objects: K8sObject[], kind: string, predicate: (o: K8sObject) => boolean): K8sObject {
  const found = objects.filter((o) => o.kind === kind && predicate(o));
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/** The Deployment or Job of a component (by its app.kubernetes.io/component label). */
export function workloadOf(objects: K8sObject[], component: string): K8sObject {
  const found = workloads(objects).filter((o) => componentOf(o) === component);
  if (found.length !== 1) throw new Error(`expected one workload of ${component}, found ${found.length}`);
  return found[0];
}
