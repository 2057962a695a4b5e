import { InProcessBus } from '@sim/bus';
import { openPGlite } from '@sim/persistence';
import { startService } from '@sim/subgraph';
import { signInternalHeaders } from '@sim/auth';
import { testCasesService } from '@sim/service-test-cases';

async function main() {
  const t0 = Date.now();
  const pg = await openPGlite();
  const bus = new InProcessBus();
  const svc = await startService(testCasesService, { database: { kind: 'pglite', instance: pg }, bus, port: 0, internalSecret: 's' });
  console.log('started in', Date.now() - t0);
  const gql = async (query: string, variables = {}) => {
    const r = await fetch(svc.url, { method: 'POST', headers: { 'content-type': 'application/json', ...signInternalHeaders({ tenantId: 'acme', userId: 'u', roles: ['editor'] }, 's') }, body: JSON.stringify({ query, variables }) });
    return r.status + ' ' + (await r.text());
  };
  console.log(await gql(`mutation { createTestCase(input: {name: "Where is my order", toneOfVoice: "polite", behaviour: "Ask where the order is", successCriteria: "gets tracking link", language: "en-gb", personaFacts: [{name: "order_number", value: "DG-1"}]}) { id name language personaFacts { name value } source { kind } } }`));
  console.log(await gql(`mutation { createTestCase(input: {name: "", toneOfVoice: "polite", behaviour: "x", successCriteria: "y", language: "english"}) { id } }`));
  console.log(await gql(`{ testCases(filter: {search: "ord"}) { totalCount edges { cursor node { name } } } testCaseFacets { languages types } }`));
  console.log(await gql(`{ exportTestCases(format: CSV) }`));
  console.log(await gql(`{ _service { sdl } }`).then((s) => s.slice(0, 300)));
  const r = await fetch(svc.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ testCaseFacets { types } }"}' });
  console.log(r.status, await r.text());
  await svc.close(); await bus.close(); await pg.close();
}
main().catch((e) => { console.error(e); process.exit(1); });
