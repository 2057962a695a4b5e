/**
 * Generates each subgraph's `schema.graphql` from its code and composes the supergraph the
 * gateway serves (`gateway/supergraph.graphql`) and the public API schema clients are typed
 * against (`gateway/api-schema.graphql`, read by the web app's graphql-codegen); all are committed.
 *   generate: writes the files.   check: fails when the committed files differ, or composition fails.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lexicographicSortSchema, parse, printSchema } from 'graphql';
import { composeServices } from '@apollo/composition';
import { signInternalHeaders } from '@sim/auth';
import { InProcessBus } from '@sim/bus';
import { openPGlite } from '@sim/persistence';
import type { ServiceDefinition } from '@sim/subgraph';
import { loadAllServices, startScopedService } from '../embedded/src/services';

const root = join(__dirname, '..');
const SECRET = 'schema-generation';

/** Starts each service in its own GraphQL metadata scope and asks it for its SDL. */
async function subgraphSdls(definitions: ServiceDefinition[]): Promise<Map<string, string>> {
  const pglite = await openPGlite();
  const bus = new InProcessBus();
  const sdls = new Map<string, string>();
  try {
    for (const definition of definitions) {
      const service = await startScopedService(definition, { database: { kind: 'pglite', instance: pglite }, bus, port: 0, internalSecret: SECRET });
      try {
        const response = await fetch(service.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...signInternalHeaders({ tenantId: 'schema', userId: 'schema', roles: ['viewer'] }, SECRET) },
          body: JSON.stringify({ query: '{ _service { sdl } }' }),
        });
        const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
        if (!body.data) throw new Error(`${definition.name} did not return its SDL: ${JSON.stringify(body.errors)}`);
        sdls.set(definition.name, body.data._service.sdl.trimEnd() + '\n');
      } finally {
        await service.close();
      }
    }
  } finally {
    await bus.close();
    await pglite.close();
  }
  return sdls;
}

async function main(mode: string) {
  if (mode !== 'generate' && mode !== 'check') throw new Error('usage: schema.ts generate|check');
  const files = new Map<string, string>();
  const subgraphs = [];
  const allServices = await loadAllServices();
  const sdls = await subgraphSdls(allServices);
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
  // What clients see: the supergraph without federation's join/link machinery.
  const apiSchema = lexicographicSortSchema(composed.schema!.toAPISchema().toGraphQLJSSchema());
  files.set('gateway/api-schema.graphql', printSchema(apiSchema).trimEnd() + '\n');
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
