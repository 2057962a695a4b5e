/**
 * Reading the Dockerfiles and .dockerignore without a Docker engine: which files of the build
 * context end up in an image, where, and what the image runs. The image tests use it to check
 * that every file an entry point loads is in its image.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fromRoot } from './paths';

export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

/** Stages in order, with continuation lines joined and comments dropped. */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('#')) continue;
    if (line.endsWith('\\')) {
      pending += line.slice(0, -1) + ' ';
      continue;
    }
    const joined = (pending + line).trim();
    pending = '';
    if (joined) logical.push(joined);
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [keyword, ...rest] = line.split(/\s+/);
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(' ') };
    if (instruction.keyword === 'FROM') {
      const match = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(instruction.args);
      if (!match) throw new Error(`cannot read FROM ${instruction.args}`);
      stages.push({ from: match[1], name: match[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push(instruction);
    }
    // ARG before the first FROM: only the base image, nothing to check.
  }
  return stages;
}

export interface Copy {
  from?: string;
  sources: string[];
  /** Destination relative to WORKDIR /app, without "./". */
  destination: string;
}

export function copiesOf(stage: Stage): Copy[] {
  return stage.instructions
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const from = flags.find((f) => f.startsWith('--from='))?.slice('--from='.length);
      return { from, sources: paths.slice(0, -1), destination: normalize(paths[paths.length - 1]) };
    });
}

const normalize = (p: string) => path.posix.normalize(p.replace(/^\/app\/?/, '')).replace(/^\.\/?/, '').replace(/\/$/, '');

/** Where a copied source lands: into the destination directory, or as the destination itself. */
export function landingPath(copy: Copy, source: string): string {
  const intoDirectory = copy.sources.length > 1 || copy.destination === '' || /\/$/.test(copy.destination);
  return intoDirectory ? path.posix.join(copy.destination, path.posix.basename(source)) : copy.destination;
}

/** The JSON-form CMD of the final stage. */
export function commandOf(stage: Stage): string[] {
  const cmd = stage.instructions.filter((i) => i.keyword === 'CMD').pop();
  if (!cmd) throw new Error('no CMD');
  return JSON.parse(cmd.args) as string[];
}

export interface ImageContents {
  /** Build-context paths (files or directories) present in the image at the same relative path. */
  contextPaths: string[];
  /** node_modules, from `npm ci` in another stage: whether dev dependencies are left out, and what is removed after. */
  nodeModules?: { omitDev: boolean; removed: string[] };
  /** Copies whose destination is not the source's own path (the code resolves files relative to itself). */
  displaced: string[];
}

/** What the final stage holds, traced back to the build context through the stages it copies from. */
export function imageContents(stages: Stage[]): ImageContents {
  const final = stages[stages.length - 1];
  const contents: ImageContents = { contextPaths: [], displaced: [] };
  for (const copy of copiesOf(final)) {
    for (const source of copy.sources) {
      const landed = landingPath(copy, source);
      if (!copy.from) {
        const contextPath = normalize(source);
        if (contextPath !== landed) contents.displaced.push(`${source} -> ${copy.destination}`);
        contents.contextPaths.push(contextPath);
        continue;
      }
      const stage = stages.find((s) => s.name === copy.from);
      if (!stage) throw new Error(`COPY --from=${copy.from}: no such stage`);
      const stagePath = normalize(source);
      if (stagePath !== landed) contents.displaced.push(`${source} -> ${copy.destination}`);
      if (stagePath === 'node_modules') {
        contents.nodeModules = npmInstallOf(stage);
        continue;
      }
      // A path the other stage copied from the build context (and may have built into).
      const origin = copiesOf(stage)
        .filter((c) => !c.from)
        .flatMap((c) => c.sources.map((s) => ({ source: normalize(s), landed: landingPath(c, s) })))
        .find((c) => c.landed === stagePath || stagePath.startsWith(c.landed + '/'));
      if (!origin) throw new Error(`COPY --from=${copy.from} ${source}: that stage did not copy it from the build context`);
      contents.contextPaths.push(stagePath);
    }
  }
  return contents;
}

function npmInstallOf(stage: Stage): { omitDev: boolean; removed: string[] } {
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN').map((i) => i.args);
  const install = runs.find((r) => /\bnpm ci\b/.test(r));
  if (!install) throw new Error(`stage ${stage.name} copies node_modules but runs no npm ci`);
  const removed = runs.flatMap((r) => [...r.matchAll(/\brm -rf ((?:\s*node_modules\/\S+)+)/g)].flatMap((m) => m[1].trim().split(/\s+/)));
  return { omitDev: /--omit=dev\b/.test(install), removed };
}

/**
 * .dockerignore as the builder applies it: patterns in order, the last one matching a path or
 * one of its parent directories decides; `!` re-includes; `**` spans directories.
 */
export function dockerignoreMatcher(text: string): (relativePath: string) => boolean {
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = path.posix.normalize((include ? line.slice(1) : line).trim().replace(/^\//, '')).replace(/\/$/, '');
      return { include, regex: globToRegExp(pattern) };
    });
  return (relativePath) => {
    const candidates = relativePath.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const rule of rules) {
      if (candidates.some((candidate) => rule.regex.test(candidate))) excluded = !rule.include;
    }
    return excluded;
  };
}

function globToRegExp(pattern: string): RegExp {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      regex += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') regex += '[^/]*';
    else if (char === '?') regex += '[^/]';
    else regex += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${regex}$`);
}

export function readDockerfile(relativePath: string): Stage[] {
  return parseDockerfile(readFileSync(fromRoot(relativePath), 'utf8'));
}

export function readDockerignore(): (relativePath: string) => boolean {
  return dockerignoreMatcher(readFileSync(fromRoot('.dockerignore'), 'utf8'));
}
