import { spawnSync } from 'node:child_process';
import { fromRoot } from './paths';
import { parseManifests, type K8sObject } from './manifests';

const kubectl = process.env.KUBECTL ?? 'kubectl';

/** `kubectl kustomize k8s/overlays/<overlay>`: the objects `kubectl apply -k` would send. */
export function kustomize(overlay: string): K8sObject[] {
  const result = spawnSync(kubectl, ['kustomize', fromRoot('k8s', 'overlays', overlay)], { encoding: 'utf8', timeout: 60_000, maxBuffer: 32 * 1024 * 1024 });
  if (result.error) throw new Error(`${kubectl} kustomize: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`kubectl kustomize k8s/overlays/${overlay} failed:\n${result.stderr}`);
  return parseManifests(result.stdout);
}
