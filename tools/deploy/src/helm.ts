/**
 * Real Helm with no Helm binary: helm-java (Helm compiled into a native library, from Maven
 * Central) behind tools/deploy/helm/src/HelmRunner.java. The first run resolves the jars with
 * Maven (into ~/.m2) and compiles the runner with the Eclipse compiler those jars include (so a
 * JRE is enough); both are kept under tmp/deploy/ until the pom or the runner changes.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { cacheDir, chartDir, fromRoot } from './paths';
import { parseManifests, type K8sObject } from './manifests';

const runnerDir = fromRoot('tools', 'deploy', 'helm');
const pom = path.join(runnerDir, 'pom.xml');
const runnerSource = path.join(runnerDir, 'src', 'HelmRunner.java');
/** The Kubernetes version charts are rendered for (Helm's offline default is older than the chart allows). */
export const KUBE_VERSION = '1.31.0';
const MAVEN_TIMEOUT_MS = 15 * 60_000;

export interface HelmResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

const sha1 = (...parts: (string | Buffer)[]) => parts.reduce((hash, part) => hash.update(part), createHash('sha1')).digest('hex');

function java(): string {
  return process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
}

function run(command: string, args: string[], timeout: number): HelmResult {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { ok: false, stdout: result.stdout ?? '', stderr: `${command}: ${result.error.message}` };
  return { ok: result.status === 0, stdout: result.stdout, stderr: result.stderr };
}

let runnerClasspath: string | undefined;

/** The classpath of a compiled HelmRunner, building it on first use. */
function ensureRunner(): string {
  if (runnerClasspath) return runnerClasspath;
  const key = sha1(readFileSync(pom), readFileSync(runnerSource)).slice(0, 12);
  const dir = path.join(cacheDir, `helm-runner-${key}`);
  if (!existsSync(path.join(dir, 'ready'))) build(dir);
  runnerClasspath = `${path.join(dir, 'classes')}${path.delimiter}${readFileSync(path.join(dir, 'classpath.txt'), 'utf8').trim()}`;
  return runnerClasspath;
}

/** Builds into a fresh directory and renames it into place, so concurrent test files never see half a build. */
function build(dir: string): void {
  mkdirSync(cacheDir, { recursive: true });
  const work = mkdtempSync(path.join(cacheDir, 'helm-runner-build-'));
  try {
    const classpathFile = path.join(work, 'classpath.txt');
    const mvn = run('mvn', ['-q', '-B', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], MAVEN_TIMEOUT_MS);
    if (!mvn.ok || !existsSync(classpathFile)) throw new Error(`resolving helm-java with Maven failed:\n${mvn.stdout}\n${mvn.stderr}`);
    const classpath = readFileSync(classpathFile, 'utf8').trim();
    const compile = run(java(), ['-cp', classpath, 'org.eclipse.jdt.internal.compiler.batch.Main', '-17', '-nowarn', '-cp', classpath, '-d', path.join(work, 'classes'), runnerSource], 120_000);
    if (!compile.ok) throw new Error(`compiling ${runnerSource} failed:\n${compile.stdout}\n${compile.stderr}`);
    writeFileSync(path.join(work, 'ready'), new Date().toISOString());
    try {
      renameSync(work, dir);
    } catch (error) {
      // Another test file finished the same build first: use theirs.
      if (!existsSync(path.join(dir, 'ready'))) throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function helm(args: string[]): HelmResult {
  return run(java(), ['-cp', ensureRunner(), 'HelmRunner', ...args], 120_000);
}

/** `helm lint --strict` of a chart directory. */
export function lint(chart: string = chartDir): HelmResult {
  return helm(['lint', chart]);
}

/**
 * `helm lint --strict` with a values file: helm-java's lint takes the chart's own values only,
 * so this lints a copy whose values.yaml is the chart's merged with the file, as `-f` would.
 */
export function lintWithValues(valuesFile: string): HelmResult {
  const copy = chartCopy();
  const merged = mergeValues(parse(readFileSync(path.join(chartDir, 'values.yaml'), 'utf8')), parse(readFileSync(valuesFile, 'utf8')));
  writeFileSync(path.join(copy, 'values.yaml'), stringify(merged));
  try {
    return lint(copy);
  } finally {
    rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

/** Helm's coalescing of values: maps merge key by key, anything else replaces, null removes. */
export function mergeValues(base: unknown, override: unknown): unknown {
  if (!isMap(base) || !isMap(override)) return override === undefined ? base : override;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete merged[key];
    else merged[key] = mergeValues(base[key], value);
  }
  return merged;
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export interface Rendered {
  objects: K8sObject[];
  text: string;
}

/** Annotations helm-java's template would drop with the hook: renamed in a copy, restored after. */
const HOOK_PREFIX = 'helm.sh/hook';
const RENAMED_HOOK_PREFIX = 'deploy-test.local/hook';

/**
 * `helm template` with the given values files (after `helm install --dry-run=client`, which
 * checks them against values.schema.json). helm-java leaves hooks out of its output, so the
 * chart is rendered from a copy whose hook annotations are renamed and then named back: the
 * migration Job is rendered by Helm from its real template like everything else.
 * Renders are cached by the content of the chart and the values.
 */
export function template(valuesFiles: string[] = [], release = 'cs', namespace = 'simulations'): Rendered {
  const result = templateRaw(valuesFiles, release, namespace);
  if (!result.ok) throw new Error(`helm template failed:\n${result.stderr}`);
  const text = result.stdout.replaceAll(RENAMED_HOOK_PREFIX, HOOK_PREFIX);
  return { text, objects: parseManifests(text) };
}

/** Like template(), but returns Helm's failure instead of throwing (for values that must be refused). */
export function templateRaw(valuesFiles: string[], release = 'cs', namespace = 'simulations'): HelmResult {
  const key = sha1(chartFingerprint(), ...valuesFiles.map((file) => readFileSync(file)), release, namespace, KUBE_VERSION, readFileSync(runnerSource), readFileSync(pom));
  const cached = path.join(cacheDir, 'renders', `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as HelmResult;
  const copy = chartCopy();
  try {
    for (const file of templateFiles(copy)) {
      const text = readFileSync(file, 'utf8');
      if (text.includes(HOOK_PREFIX)) writeFileSync(file, text.replaceAll(HOOK_PREFIX, RENAMED_HOOK_PREFIX));
    }
    const result = helm(['template', copy, release, namespace, KUBE_VERSION, ...valuesFiles]);
    mkdirSync(path.dirname(cached), { recursive: true });
    writeFileSync(cached, JSON.stringify(result));
    return result;
  } finally {
    rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

/** A copy of the chart in a temporary directory of its own (remove that directory after). */
function chartCopy(): string {
  mkdirSync(cacheDir, { recursive: true });
  const copy = path.join(mkdtempSync(path.join(cacheDir, 'chart-')), path.basename(chartDir));
  cpSync(chartDir, copy, { recursive: true });
  return copy;
}

function templateFiles(chart: string): string[] {
  const dir = path.join(chart, 'templates');
  return readdirSync(dir).map((name) => path.join(dir, name));
}

function chartFingerprint(): string {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else files.push(file);
    }
  };
  walk(chartDir);
  return sha1(...files.flatMap((file) => [path.relative(chartDir, file), readFileSync(file)]));
}
