/**
 * Prints one service's subgraph SDL. It runs in a process of its own because NestJS keeps
 * code-first type metadata in a process-wide store: a process that loads several
 * services' types would print them all into every subgraph (docs/adr/0004-graphql-federation.md).
 *   node tools/run.js tools/schema-sdl.ts <service-name> <output-file>
 */
import { writeFileSync } from 'node:fs';
import { signInternalHeaders } from '@sim/auth';
import { InProcessBus } from '@sim/bus';
import { openPGlite } from '@sim/persistence';
import { startService } from '@sim/subgraph';
import { serviceLoaders } from '../embedded/src/service-loaders';

const SECRET = 'schema-generation';

async function main(name: string, output: string) {
  if (!output) throw new Error('usage: schema-sdl.ts <service> <output-file>');
  const load = serviceLoaders[name];
  if (!load) throw new Error(`unknown service "${name}"`);
  const definition = await load();
  const pglite = await openPGlite();
  const bus = new InProcessBus();
  const service = await startService(definition, { database: { kind: 'pglite', instance: pglite }, bus, port: 0, internalSecret: SECRET });
  try {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalHeaders({ tenantId: 'schema', userId: 'schema', roles: ['viewer'] }, SECRET) },
      body: JSON.stringify({ query: '{ _service { sdl } }' }),
    });
    const body = (await response.json()) as { data?: { _service: { sdl: string } }; errors?: unknown };
    if (!body.data) throw new Error(`${name} did not return its SDL: ${JSON.stringify(body.errors)}`);
    writeFileSync(output, body.data._service.sdl.trimEnd() + '\n');
  } finally {
    await service.close();
    await bus.close();
    await pglite.close();
  }
}

main(process.argv[2] ?? '', process.argv[3] ?? '').catch((error) => {
  console.error(error);
  process.exit(1);
});
