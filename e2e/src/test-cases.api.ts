/**
 * What a user of the GraphQL API notices about test cases, run against the platform in
 * both ways it runs (embedded default and distributed). Each spec file supplies the stack.
 */
import { parse as parseYaml } from 'yaml';
import { callerFor, rawCaller, type Caller } from './support/graphql-client';
import { eventually } from './support/eventually';

export interface ApiStack {
  gatewayUrl: string;
  jwtSecret: string;
  /** Resolves with the snapshot's decoded `deleted` flag when `testcases.snapshot` carries the case. */
  waitForSnapshot(testCaseId: string, version: number, timeoutMs?: number): Promise<{ deleted: boolean; name: string }>;
  close(): Promise<void>;
}

const CASE_FIELDS = 'id name toneOfVoice behaviour personaFacts { name value } successCriteria language agentCriteria type intent source { kind ref } createdAt updatedAt';

export const sampleInput = {
  name: 'Cancel an order before it ships',
  toneOfVoice: 'Hurried, slightly stressed.',
  behaviour: 'Ask to cancel your order before it is dispatched. Give the order number if asked. Confirm the cancellation and end.',
  personaFacts: [
    { name: 'order_number', value: 'DG-120044' },
    { name: 'email', value: 'li.wei@example.com' },
  ],
  successCriteria: 'The customer receives confirmation that the order is cancelled.',
  language: 'en-gb',
  agentCriteria: 'The agent checks the dispatch status before confirming.',
  type: 'Order Management',
  intent: 'Order Management :: Cancel Order',
};

export function describeTestCasesApi(label: string, start: () => Promise<ApiStack>) {
  describe(`Test cases through the gateway (${label})`, () => {
    let stack: ApiStack;
    let acme: Caller;
    let acmeViewer: Caller;
    let globex: Caller;
    let platformAdmin: Caller;

    beforeAll(async () => {
      stack = await start();
      acme = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'erin.editor', ['editor']);
      acmeViewer = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'victor.viewer', ['viewer']);
      globex = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'globex', 'gina.editor', ['editor']);
      platformAdmin = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'platform', 'pat.platform', ['platform-admin']);
    });
    afterAll(async () => {
      await stack?.close();
    });

    const create = async (caller: Caller, input: Record<string, unknown> = sampleInput) => {
      const result = await caller(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { ${CASE_FIELDS} } }`, { input });
      expect(result.errors).toBeUndefined();
      return result.data!.createTestCase;
    };

    it('opens on the seeded demo: acme has a dozen cases including the product example, globex none', async () => {
      const acmeList = await acme(`{ testCases(first: 50) { totalCount edges { node { name language type intent } } } }`);
      expect(acmeList.data!.testCases.totalCount).toBeGreaterThanOrEqual(12);
      const names = acmeList.data!.testCases.edges.map((e: any) => e.node.name);
      expect(names).toContain('Where is my order? — Standard tracked delivery');
      const globexList = await globex(`{ testCases { totalCount edges { node { id } } } testCaseFacets { types languages intents } }`);
      expect(globexList.data!.testCases.totalCount).toBe(0);
      expect(globexList.data!.testCaseFacets).toEqual({ types: [], languages: [], intents: [] });
    });

    it('creates a case with every field, canonicalises the language and announces it on testcases.snapshot', async () => {
      const created = await create(acme);
      expect(created).toMatchObject({ ...sampleInput, language: 'en-GB', source: { kind: 'MANUAL', ref: null } });
      const snapshot = await stack.waitForSnapshot(created.id, 1);
      expect(snapshot).toEqual({ deleted: false, name: sampleInput.name });
      const read = await acme(`query($id: ID!) { testCase(id: $id) { ${CASE_FIELDS} } }`, { id: created.id });
      expect(read.data!.testCase).toEqual(created);
    });

    it('finds cases by multi-select filters, by prefix search over name, behaviour and criteria, and lists facets', async () => {
      const created = await create(acme, { ...sampleInput, name: 'Zephyr delivery to Reykjavik', type: 'Delivery QA', language: 'is', intent: 'Delivery :: Iceland' });
      const byFilter = await acme(
        `query($f: TestCaseFilter) { testCases(filter: $f) { totalCount edges { node { id } } } }`,
        { f: { types: ['Delivery QA', 'Nonexistent'], languages: ['is'], intents: ['Delivery :: Iceland'] } },
      );
      expect(byFilter.data!.testCases.edges.map((e: any) => e.node.id)).toEqual([created.id]);
      const byName = await acme(`{ testCases(filter: { search: "zeph reykj" }) { edges { node { id } } } }`);
      expect(byName.data!.testCases.edges.map((e: any) => e.node.id)).toEqual([created.id]);
      const byCriteria = await acme(`{ testCases(filter: { search: "dispatch status" }) { totalCount } }`);
      expect(byCriteria.data!.testCases.totalCount).toBeGreaterThanOrEqual(2);
      const english = await acme(`{ testCases(filter: { languages: ["en"] }, first: 100) { edges { node { language } } } }`);
      // A case without a language is an English case.
      expect(new Set(english.data!.testCases.edges.map((e: any) => e.node.language ?? 'en'))).toEqual(new Set(['en']));
      const facets = await acme(`{ testCaseFacets { types languages intents } }`);
      expect(facets.data!.testCaseFacets.types).toEqual(expect.arrayContaining(['Delivery QA', 'Order Status', 'Refunds']));
      expect(facets.data!.testCaseFacets.languages).toEqual(expect.arrayContaining(['is', 'de', 'en', 'fr']));
      expect(facets.data!.testCaseFacets.intents).toContain('Delivery :: Iceland');
    });

    it('pages with cursors through every case exactly once, with a stable total count', async () => {
      const seen: string[] = [];
      let after: string | null = null;
      let total = -1;
      for (let page = 0; page < 20; page++) {
        const result: any = await acme(`query($after: String) { testCases(first: 4, after: $after) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, { after });
        const connection = result.data.testCases;
        total = connection.totalCount;
        seen.push(...connection.edges.map((e: any) => e.node.id));
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(total);
      expect(new Set(seen).size).toBe(total);
      const garbage = await acme(`{ testCases(after: "not-a-cursor") { totalCount } }`);
      expect(garbage.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });

    it('updates, duplicates with " (copy)" and deletes, each announced on the snapshot topic', async () => {
      const created = await create(acme);
      const updated = await acme(`mutation($id: ID!, $input: TestCaseInput!) { updateTestCase(id: $id, input: $input) { ${CASE_FIELDS} } }`, {
        id: created.id,
        input: { ...sampleInput, name: 'Cancel an order — updated', language: null, personaFacts: [] },
      });
      expect(updated.data!.updateTestCase).toMatchObject({ id: created.id, name: 'Cancel an order — updated', language: null, personaFacts: [] });
      expect(new Date(updated.data!.updateTestCase.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(created.updatedAt).getTime());
      expect(await stack.waitForSnapshot(created.id, 2)).toEqual({ deleted: false, name: 'Cancel an order — updated' });

      const copy = await acme(`mutation($id: ID!) { duplicateTestCase(id: $id) { ${CASE_FIELDS} } }`, { id: created.id });
      expect(copy.data!.duplicateTestCase.name).toBe('Cancel an order — updated (copy)');
      expect(copy.data!.duplicateTestCase.id).not.toBe(created.id);
      expect(copy.data!.duplicateTestCase.behaviour).toBe(sampleInput.behaviour);

      const deleted = await acme(`mutation($id: ID!) { deleteTestCase(id: $id) }`, { id: created.id });
      expect(deleted.data!.deleteTestCase).toBe(true);
      expect(await stack.waitForSnapshot(created.id, 3)).toMatchObject({ deleted: true });
      const gone = await acme(`query($id: ID!) { testCase(id: $id) { id } }`, { id: created.id });
      expect(gone.errors![0].extensions!.code).toBe('NOT_FOUND');
      const again = await acme(`mutation($id: ID!) { deleteTestCase(id: $id) }`, { id: created.id });
      expect(again.errors![0].extensions!.code).toBe('NOT_FOUND');
    });

    it('exports as JSON, YAML and CSV with the input field names, and each imports back unchanged', async () => {
      const filter = { types: ['Order Status', 'Returns'] };
      for (const format of ['JSON', 'YAML', 'CSV']) {
        const exported = await acme(`query($f: TestCaseFilter, $format: ExportFormat!) { exportTestCases(filter: $f, format: $format) }`, { f: filter, format });
        const content: string = exported.data!.exportTestCases;
        if (format === 'JSON') expect(Object.keys(JSON.parse(content)[0])).toEqual(['name', 'toneOfVoice', 'behaviour', 'personaFacts', 'successCriteria', 'language', 'agentCriteria', 'type', 'intent']);
        if (format === 'YAML') expect(parseYaml(content)).toHaveLength(JSON.parse((await acme(`query($f: TestCaseFilter) { exportTestCases(filter: $f, format: JSON) }`, { f: filter })).data!.exportTestCases).length);
        if (format === 'CSV') expect(content.split(/\r?\n/)[0]).toBe('name,toneOfVoice,behaviour,personaFacts,successCriteria,language,agentCriteria,type,intent');
        // Into a fresh tenant, and out again: the same file.
        const tenantId = `imp-${format.toLowerCase()}-${Date.now().toString(36)}`;
        const created = await platformAdmin(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, { input: { id: tenantId, name: `Import ${format}` } });
        expect(created.errors).toBeUndefined();
        const importer = await callerFor(stack.gatewayUrl, stack.jwtSecret, tenantId, 'importer', ['editor']);
        const imported = await importer(`mutation($format: ExportFormat!, $content: String!) { importTestCases(format: $format, content: $content) { imported errors { line message } } }`, { format, content });
        expect(imported.data!.importTestCases.errors).toEqual([]);
        expect(imported.data!.importTestCases.imported).toBeGreaterThanOrEqual(3);
        const listed = await importer(`{ testCases(first: 100) { edges { node { source { kind } } } } }`);
        expect(new Set(listed.data!.testCases.edges.map((e: any) => e.node.source.kind))).toEqual(new Set(['IMPORT']));
        const reexported = await importer(`query($format: ExportFormat!) { exportTestCases(format: $format) }`, { format });
        expect(reexported.data!.exportTestCases).toBe(content);
      }
    });

    it('imports a file of a thousand cases in one request', async () => {
      const tenantId = `bulk-${Date.now().toString(36)}`;
      expect((await platformAdmin(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, { input: { id: tenantId, name: 'Bulk Ltd' } })).errors).toBeUndefined();
      const bulk = await callerFor(stack.gatewayUrl, stack.jwtSecret, tenantId, 'bo.editor', ['editor']);
      const cases = Array.from({ length: 1000 }, (_, i) => ({ ...sampleInput, name: `Bulk import ${i}` }));
      const content = JSON.stringify(cases);
      expect(content.length).toBeGreaterThan(300_000);
      const result = await bulk(`mutation($content: String!) { importTestCases(format: JSON, content: $content) { imported errors { message } } }`, { content });
      expect(result.errors).toBeUndefined();
      expect(result.data!.importTestCases).toEqual({ imported: 1000, errors: [] });
      expect((await bulk(`{ testCases { totalCount } }`)).data!.testCases.totalCount).toBe(1000);
    });

    it('imports nothing from a file with a bad row, and reports every bad row with its line', async () => {
      const before = (await acme(`{ testCases { totalCount } }`)).data!.testCases.totalCount;
      const csv = [
        'name,toneOfVoice,behaviour,successCriteria,language',
        'Good one,calm,Ask about returns,Learns the policy,en',
        ',calm,Missing a name,Something,en',
        'Bad language,calm,Asks things,Something,english',
        'Good two,calm,Ask about refunds,Learns the timeline,de',
      ].join('\n');
      const result = await acme(`mutation($content: String!) { importTestCases(format: CSV, content: $content) { imported errors { row line field message } } }`, { content: csv });
      expect(result.data!.importTestCases.imported).toBe(0);
      expect(result.data!.importTestCases.errors).toEqual([
        expect.objectContaining({ line: 3, field: 'name' }),
        expect.objectContaining({ line: 4, field: 'language', message: expect.stringContaining('BCP 47') }),
      ]);
      for (const [format, content] of [
        ['JSON', '[{"name": "x",'],
        ['YAML', '- name: [unclosed'],
        ['CSV', 'name,toneOfVoice,behaviour,successCriteria\n"unclosed,a,b,c'],
        ['JSON', '{"not": "a list"}'],
        ['CSV', ''],
      ]) {
        const bad = await acme(`mutation($format: ExportFormat!, $content: String!) { importTestCases(format: $format, content: $content) { imported errors { line message } } }`, { format, content });
        expect(bad.status).toBe(200);
        expect(bad.data!.importTestCases.imported).toBe(0);
        expect(bad.data!.importTestCases.errors.length).toBeGreaterThan(0);
        expect(bad.data!.importTestCases.errors[0].message).toMatch(/\w/);
      }
      const after = (await acme(`{ testCases { totalCount } }`)).data!.testCases.totalCount;
      expect(after).toBe(before);
    });

    it('rejects bad input with BAD_USER_INPUT naming each field, never an HTTP 500', async () => {
      const attempt = (input: Record<string, unknown>) => acme(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input });
      const blank = await attempt({ ...sampleInput, name: '   ', successCriteria: '' });
      expect(blank.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
      expect(blank.errors![0].extensions!.fieldErrors!.map((e) => e.field)).toEqual(['name', 'successCriteria']);
      const long = await attempt({ ...sampleInput, name: 'x'.repeat(201), behaviour: 'y'.repeat(5001) });
      expect(long.errors![0].extensions!.fieldErrors!.map((e) => e.field)).toEqual(['name', 'behaviour']);
      const language = await attempt({ ...sampleInput, language: 'klingonese' });
      expect(language.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'language' });
      const facts = await attempt({ ...sampleInput, personaFacts: [{ name: 'order', value: '1' }, { name: 'ORDER', value: '2' }, { name: ' ', value: '3' }] });
      expect(facts.errors![0].extensions!.fieldErrors!.map((e) => e.field).sort()).toEqual(['personaFacts[1].name', 'personaFacts[2].name']);
      const missing = await attempt({ name: 'Only a name' });
      expect(missing.status).toBe(400);
      expect(missing.errors![0].message).toMatch(/toneOfVoice/);
      const wrongType = await attempt({ ...sampleInput, name: 42 });
      expect(wrongType.status).toBe(400);
      expect(wrongType.errors![0].message).toMatch(/name/);
      const badEnum = await acme(`{ exportTestCases(format: XML) }`);
      expect(badEnum.status).toBe(400);
      for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
        const unknown = await acme(`mutation($id: ID!, $input: TestCaseInput!) { updateTestCase(id: $id, input: $input) { id } }`, { id, input: sampleInput });
        expect(unknown.errors![0].extensions!.code).toBe('NOT_FOUND');
      }
    });

    it("keeps tenants apart: another tenant's token gets NOT_FOUND on every read and write, and never sees the cases", async () => {
      const secret = await create(acme, { ...sampleInput, name: 'Acme secret scenario quokka', type: 'Acme Only', intent: 'Acme :: Private' });
      const id = secret.id;
      const attempts = [
        globex(`query($id: ID!) { testCase(id: $id) { id name } }`, { id }),
        globex(`mutation($id: ID!, $input: TestCaseInput!) { updateTestCase(id: $id, input: $input) { id } }`, { id, input: sampleInput }),
        globex(`mutation($id: ID!) { duplicateTestCase(id: $id) { id } }`, { id }),
        globex(`mutation($id: ID!) { deleteTestCase(id: $id) }`, { id }),
        globex(`query($ids: [ID!]) { exportTestCases(filter: { ids: $ids }, format: JSON) }`, { ids: [id] }),
        globex(`query($ids: [ID!]) { testCases(filter: { ids: $ids }) { totalCount } }`, { ids: [id] }),
      ];
      for (const [i, result] of (await Promise.all(attempts)).entries()) {
        expect([i, result.errors?.[0]?.extensions?.code, result.errors?.[0]?.message]).toEqual([i, 'NOT_FOUND', expect.any(String)]);
        expect(JSON.stringify(result.data ?? {})).not.toContain('quokka');
      }
      const list = await globex(`{ testCases(filter: { search: "quokka" }) { totalCount } all: testCases(first: 100) { edges { node { id } } } testCaseFacets { types intents } }`);
      expect(list.data!.testCases.totalCount).toBe(0);
      expect(list.data!.all.edges.map((e: any) => e.node.id)).not.toContain(id);
      expect(list.data!.testCaseFacets.types).not.toContain('Acme Only');
      expect(list.data!.testCaseFacets.intents).not.toContain('Acme :: Private');
      const exported = await globex(`{ exportTestCases(format: CSV) }`);
      expect(exported.data!.exportTestCases).not.toContain('quokka');
      // The case is untouched for its owner.
      const still = await acme(`query($id: ID!) { testCase(id: $id) { name } }`, { id });
      expect(still.data!.testCase.name).toBe('Acme secret scenario quokka');
    });

    it('lets viewers read but not write, and refuses callers without valid credentials', async () => {
      expect((await acmeViewer(`{ testCases { totalCount } }`)).errors).toBeUndefined();
      const write = await acmeViewer(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input: sampleInput });
      expect(write.errors![0].extensions!.code).toBe('FORBIDDEN');
      const anonymous = await rawCaller(stack.gatewayUrl, {})(`{ testCases { totalCount } }`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
      const forged = await rawCaller(stack.gatewayUrl, { authorization: 'Bearer not.a.jwt' })(`{ testCases { totalCount } }`);
      expect(forged.status).toBe(401);
    });

    it('answers FORBIDDEN saying the feature is off while a platform admin has turned simulations off for the tenant', async () => {
      const off = await platformAdmin(`mutation { updateTenantSettings(tenantId: "globex", input: { simulationsEnabled: false }) { simulationsEnabled } }`);
      expect(off.data!.updateTenantSettings.simulationsEnabled).toBe(false);
      try {
        const refused = await eventually(() => globex(`{ testCases { totalCount } }`), (r) => r.errors?.[0]?.extensions?.code === 'FORBIDDEN');
        expect(refused.errors![0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/turned off/) });
        expect(refused.data ?? null).toBeNull();
      } finally {
        await platformAdmin(`mutation { updateTenantSettings(tenantId: "globex", input: { simulationsEnabled: true }) { simulationsEnabled } }`);
      }
      const back = await eventually(() => globex(`{ testCases { totalCount } }`), (r) => !r.errors);
      expect(back.errors).toBeUndefined();
    });

    it('creates a tenant once however many creations of the same id race', async () => {
      const id = `race-${Date.now().toString(36)}`;
      const results = await Promise.all(
        Array.from({ length: 6 }, () => platformAdmin(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, { input: { id, name: 'Race' } })),
      );
      expect(results.filter((r) => r.data?.createTenant?.id === id)).toHaveLength(1);
      const refused = results.filter((r) => r.errors);
      expect(refused).toHaveLength(5);
      for (const r of refused) expect(r.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('limits query depth at the gateway', async () => {
      const deep = `{ testCases { edges { node { source { kind } } } } ${'a: testCaseFacets { types } '.repeat(1)} }`;
      expect((await acme(deep)).errors).toBeUndefined();
      // __Type.fields.type.fields... cycles as deep as a client likes; the gateway must cut it off.
      const nested = `{ __schema { types { ${'fields { type { '.repeat(8)}name${' } }'.repeat(8)} } } }`;
      const tooDeep = await acme(nested);
      expect(tooDeep.status).toBe(400);
      expect(tooDeep.errors![0].message).toMatch(/depth/);
    });
  });
}
