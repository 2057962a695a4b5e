/**
 * Autoscaling as the renderings should declare it: HPAs on CPU for the gateway and the web app,
 * KEDA on consumer-group lag for the simulation and evaluation workers.
 */
import { readFileSync } from 'node:fs';
import { Topics, TopicSpecs } from '@sim/contracts';
import { environmentMap } from './components';
import { componentOf, workloads, type Json, type K8sObject } from './manifests';
import { fromRoot } from './paths';

/** The consumer groups whose lag is the workers' backlog, and where the code subscribes them. */
export const workerGroups = [
  { component: 'simulation', group: 'simulation.steps', topic: Topics.simulationStep, source: 'services/simulation/src/conversations/conversation-consumers.ts' },
  { component: 'simulation', group: 'simulation.requests', topic: Topics.simulationRequested, source: 'services/simulation/src/conversations/conversation-consumers.ts' },
  { component: 'evaluation', group: 'evaluation.judge', topic: Topics.simulationCompleted, source: 'services/evaluation/src/evaluations/simulation-completed.consumer.ts' },
];

/** The topic the code subscribes a group to: found from the group's literal to its `subscribe({ groupId, topics })`. */
export function topicSubscribedBy(source: string, group: string): string | undefined {
  const text = readFileSync(fromRoot(source), 'utf8');
  const literal = group.replace(/\./g, '\\.');
  const constant = new RegExp(`const (\\w+) = '${literal}'`).exec(text)?.[1];
  const member = new RegExp(`export const (\\w+) = \\{[^}]*?\\b(\\w+): '${literal}'`, 's').exec(text);
  const reference = constant ?? (member ? `${member[1]}.${member[2]}` : undefined);
  if (!reference) return undefined;
  const subscription = new RegExp(`groupId: ${reference.replace('.', '\\.')},\\s*topics: \\[Topics\\.(\\w+)\\]`).exec(text);
  return subscription ? (Topics as Record<string, string>)[subscription[1]] : undefined;
}

const deploymentOf = (objects: K8sObject[], component: string) => workloads(objects).find((w) => w.kind === 'Deployment' && componentOf(w) === component);

export function hpaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const hpas = objects.filter((o) => o.kind === 'HorizontalPodAutoscaler');
  for (const component of ['gateway', 'web']) {
    const deployment = deploymentOf(objects, component);
    const hpa = hpas.find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === deployment?.metadata.name);
    if (!hpa) problems.push(`${component}: no HorizontalPodAutoscaler targets its Deployment`);
    else if (!hpa.spec.metrics?.some((m: Json) => m.resource?.name === 'cpu')) problems.push(`${component}: its HPA does not scale on CPU`);
    if (deployment?.spec.replicas !== undefined) problems.push(`${component}: the Deployment sets replicas, which every apply would reset under the HPA`);
  }
  return problems;
}

export function kedaProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  const scaledObjects = objects.filter((o) => o.kind === 'ScaledObject');
  for (const component of ['simulation', 'evaluation']) {
    const deployment = deploymentOf(objects, component);
    const scaled = scaledObjects.find((s) => s.spec.scaleTargetRef.name === deployment?.metadata.name);
    if (!deployment || !scaled) {
      problems.push(`${component}: no ScaledObject targets its Deployment`);
      continue;
    }
    if (deployment.spec.replicas !== undefined) problems.push(`${component}: the Deployment sets replicas, which KEDA owns`);
    // The worker is also a subgraph: it never scales to zero.
    if (!(scaled.spec.minReplicaCount >= 1)) problems.push(`${component}: minReplicaCount below 1`);
    const expected = workerGroups.filter((g) => g.component === component);
    const triggers = scaled.spec.triggers.map((t: Json) => `${t.metadata.consumerGroup} on ${t.metadata.topic}`).sort();
    const wanted = expected.map((g) => `${g.group} on ${g.topic}`).sort();
    if (JSON.stringify(triggers) !== JSON.stringify(wanted)) problems.push(`${component}: triggers ${triggers.join(', ')}; expected ${wanted.join(', ')}`);
    for (const trigger of scaled.spec.triggers) {
      if (trigger.type !== 'kafka') problems.push(`${component}: a ${trigger.type} trigger`);
      const partitions = TopicSpecs.find((t) => t.name === trigger.metadata.topic)?.partitions ?? 0;
      if (scaled.spec.maxReplicaCount > partitions) problems.push(`${component}: maxReplicaCount ${scaled.spec.maxReplicaCount} exceeds the ${partitions} partitions of ${trigger.metadata.topic}`);
      const kafkaBrokers = environmentMap(deployment, objects).get('KAFKA_BROKERS')?.value;
      if (trigger.metadata.bootstrapServers !== kafkaBrokers) problems.push(`${component}: the trigger asks ${trigger.metadata.bootstrapServers}, the worker uses ${kafkaBrokers}`);
      if (trigger.authenticationRef) {
        const auth = objects.find((o) => o.kind === 'TriggerAuthentication' && o.metadata.name === trigger.authenticationRef.name);
        if (!auth) problems.push(`${component}: TriggerAuthentication ${trigger.authenticationRef.name} is not rendered`);
        const env = environmentMap(deployment, objects);
        for (const fromEnv of auth?.spec.env ?? []) {
          if (!env.has(fromEnv.name)) problems.push(`${component}: KEDA reads ${fromEnv.name}, which the worker does not have`);
        }
      }
    }
  }
  return problems;
}
