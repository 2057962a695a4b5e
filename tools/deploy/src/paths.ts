import path from 'node:path';

/** The repository root: every path the deployment files name is relative to it. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const chartDir = path.join(repoRoot, 'charts', 'conversation-simulations');
export const productionValues = path.join(chartDir, 'ci', 'production-values.yaml');
export const kustomizeOverlays = ['dev', 'prod'] as const;
/** Compiled runner, resolved classpath and cached renders (tmp/ is ignored by git). */
export const cacheDir = path.join(repoRoot, 'tmp', 'deploy');

export const fromRoot = (...segments: string[]): string => path.join(repoRoot, ...segments);
