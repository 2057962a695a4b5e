/**
 * Generates each subgraph's `schema.graphql` from its code and composes the supergraph the
 * gateway serves (`gateway/supergraph.graphql`); both are committed.
 *   generate: writes the files.   check: fails when the committed files differ, or composition fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { allServices } from '../embedded/src/services';

const root = join(__dirname, '..');
const run = promisify(execFile);

async function sdlOf(name: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sdl-'));
  try {
    await run(process.execPath, [join(root, 'tools/run.js'), join(root, 'tools/schema-sdl.ts'), name, join(dir, 'schema.graphql')], {
      cwd: root,
      maxBuffer: 16 * 1024 * 1024,
    });
    return readFileSync(join(dir, 'schema.graphql'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(mode: string) {
  if (mode !== 'generate' && mode !== 'check') throw new Error('usage: schema.ts generate|check');
  const files = new Map<string, string>();
  const subgraphs = [];
  // Two at a time: each child boots an embedded database.
  const sdls = new Map<string, string>();
  for (let i = 0; i < allServices.length; i += 2) {
    const pair = allServices.slice(i, i + 2);
    const results = await Promise.all(pair.map((d) => sdlOf(d.name)));
    pair.forEach((d, j) => sdls.set(d.name, results[j]));
  }
  for (const definition of allServices) {
    const sdl = sdls.get(definition.name)!;
    files.set(`services/${definition.name}/schema.graphql`, sdl);
    subgraphs.push({ name: definition.name, url: `http://127.0.0.1:${definition.defaultPort}/graphql`, typeDefs: parse(sdl) });
  }
  const composed = composeServices(subgraphs);
  if (composed.errors?.length) {
    console.error('composition failed:\n' + composed.errors.map((e) => `  - ${e.message}`).join('\n'));
    process.exit(1);
  }
  files.set('gateway/supergraph.graphql', composed.supergraphSdl!.trimEnd() + '\n');
  const drifted: string[] = [];
  for (const [path, content] of files) {
    const full = join(root, path);
    if (mode === 'generate') writeFileSync(full, content);
    else if (!existsSync(full) || readFileSync(full, 'utf8') !== content) drifted.push(path);
  }
  if (drifted.length) {
    console.error(`GraphQL schemas drifted from the code; run \`npm run schema:generate\` and commit:\n  ${drifted.join('\n  ')}`);
    process.exit(1);
  }
  console.log(mode === 'generate' ? `wrote ${[...files.keys()].join(', ')}` : 'subgraph schemas and supergraph are up to date; composition succeeds');
}

main(process.argv[2] ?? '').catch((error) => {
  console.error(error);
  process.exit(1);
});
