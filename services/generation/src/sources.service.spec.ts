import { signInternalHeaders, type Principal, type Role } from '@sim/auth';
import { InProcessBus } from '@sim/bus';
import type { Database } from '@sim/persistence';
import { DATABASE, startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import type { EntityManager } from 'typeorm';
import { generationService } from './service.definition';
import { SourcesReader } from './sources';

jest.setTimeout(60_000);

const SECRET = 'generation-spec-secret';
const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';

type GraphQLResult = { data?: any; errors?: any[] };

describe('generation sources (GraphQL on PostgreSQL)', () => {
  let database: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;

  beforeAll(async () => {
    database = await createTestDatabase('sim_generation');
    bus = new InProcessBus();
    service = await startService(generationService, {
      database: { kind: 'postgres', url: database.url, poolSize: 5 },
      bus,
      port: 0,
      internalSecret: SECRET,
      logLevels: ['error'],
    });
  });

  afterAll(async () => {
    await service?.close();
    await bus?.close();
    await database?.drop();
  });

  const as = (tenantId: string, role: Role = 'editor'): Principal => ({ tenantId, userId: 'user-1', roles: [role] });

  async function gql(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult> {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalHeaders(principal, SECRET) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult;
  }

  async function ok(principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const result = await gql(principal, query, variables);
    if (result.errors?.length) throw new Error(JSON.stringify(result.errors));
    return result.data;
  }

  /** Runs a SourcesReader call the way a generation job does: in the tenant's transaction. */
  function readAs<T>(tenantId: string, work: (reader: SourcesReader, manager: EntityManager) => Promise<T>): Promise<T> {
    const reader = service.app.get(SourcesReader);
    return service.app.get<Database>(DATABASE).withTenant(tenantId, (manager) => work(reader, manager));
  }

  const code = (result: GraphQLResult) => result.errors?.[0]?.extensions?.code;

  // -------------------------------------------------------------------------------------
  describe('knowledge collections', () => {
    it('adds documents split into chunks and lists them', async () => {
      const { createKnowledgeCollection: collection } = await ok(as(TENANT_A), 'mutation { createKnowledgeCollection(name: "Help centre") { id name documentCount } }');
      expect(collection).toMatchObject({ name: 'Help centre', documentCount: 0 });
      const long = Array.from({ length: 30 }, (_, i) => `Paragraph ${i} explains returns in some detail for customers.`).join('\n\n');
      const add = await ok(
        as(TENANT_A),
        `mutation($c: ID!, $t: String!, $x: String!, $f: DocumentFormat) { addKnowledgeDocument(collectionId: $c, title: $t, content: $x, format: $f) { id title format chunkCount } }`,
        { c: collection.id, t: 'Returns', x: `# Returns\n\n${long}`, f: 'MARKDOWN' },
      );
      expect(add.addKnowledgeDocument).toMatchObject({ title: 'Returns', format: 'MARKDOWN' });
      expect(add.addKnowledgeDocument.chunkCount).toBeGreaterThan(1);
      const plain = await ok(as(TENANT_A), `mutation($c: ID!) { addKnowledgeDocument(collectionId: $c, title: "FAQ", content: "<p>Hi &amp; bye</p>") { format chunkCount } }`, {
        c: collection.id,
      });
      expect(plain.addKnowledgeDocument).toEqual({ format: 'TEXT', chunkCount: 1 });

      const list = await ok(as(TENANT_A, 'viewer'), '{ knowledgeCollections { id name documentCount createdAt documents { title format chunkCount } } }');
      const found = list.knowledgeCollections.find((c: any) => c.id === collection.id);
      expect(found.documentCount).toBe(2);
      expect(found.documents.map((d: any) => d.title)).toEqual(['Returns', 'FAQ']);

      const chunks = await readAs(TENANT_A, (reader, m) => reader.knowledgeChunks(m, TENANT_A, collection.id));
      expect(chunks.length).toBe(add.addKnowledgeDocument.chunkCount + 1);
      expect(chunks[0]).toMatchObject({ documentId: add.addKnowledgeDocument.id, title: 'Returns' });
      expect(chunks[0].text.startsWith('# Returns\n\nParagraph 0')).toBe(true);
      expect(chunks.at(-1)).toMatchObject({ title: 'FAQ', text: '<p>Hi &amp; bye</p>' });
      expect(await readAs(TENANT_B, (reader, m) => reader.knowledgeChunks(m, TENANT_B, collection.id))).toEqual([]);
    });

    it('rejects empty or oversized content naming the field', async () => {
      const { createKnowledgeCollection: c } = await ok(as(TENANT_A), 'mutation { createKnowledgeCollection(name: "Limits") { id } }');
      const empty = await gql(as(TENANT_A), 'mutation($c: ID!) { addKnowledgeDocument(collectionId: $c, title: "x", content: "  ") { id } }', { c: c.id });
      expect(code(empty)).toBe('BAD_USER_INPUT');
      expect(empty.errors![0].extensions.field).toBe('content');
      const big = await gql(as(TENANT_A), 'mutation($c: ID!, $x: String!) { addKnowledgeDocument(collectionId: $c, title: "x", content: $x) { id } }', {
        c: c.id,
        x: 'a'.repeat(1024 * 1024 + 1),
      });
      expect(big.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'content' });
      const noName = await gql(as(TENANT_A), 'mutation { createKnowledgeCollection(name: "") { id } }');
      expect(noName.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    });

    it('removes documents and deletes collections', async () => {
      const { createKnowledgeCollection: c } = await ok(as(TENANT_A), 'mutation { createKnowledgeCollection(name: "Temp") { id } }');
      const { addKnowledgeDocument: d } = await ok(as(TENANT_A), 'mutation($c: ID!) { addKnowledgeDocument(collectionId: $c, title: "x", content: "text") { id } }', { c: c.id });
      expect(await ok(as(TENANT_A), 'mutation($id: ID!) { removeKnowledgeDocument(id: $id) }', { id: d.id })).toEqual({ removeKnowledgeDocument: true });
      expect(code(await gql(as(TENANT_A), 'mutation($id: ID!) { removeKnowledgeDocument(id: $id) }', { id: d.id }))).toBe('NOT_FOUND');
      expect(await ok(as(TENANT_A), 'mutation($id: ID!) { deleteKnowledgeCollection(id: $id) }', { id: c.id })).toEqual({ deleteKnowledgeCollection: true });
      expect(code(await gql(as(TENANT_A), 'mutation($id: ID!) { deleteKnowledgeCollection(id: $id) }', { id: 'not-a-uuid' }))).toBe('NOT_FOUND');
    });
  });

  // -------------------------------------------------------------------------------------
  describe('Purchase AI collections', () => {
    const importItems = (principal: Principal, collectionId: string, format: string, content: string) =>
      gql(
        principal,
        `mutation($c: ID!, $f: ExportFormat!, $x: String!) { importPaiItems(collectionId: $c, format: $f, content: $x) { imported errors { row line field message } } }`,
        { c: collectionId, f: format, x: content },
      );

    it('imports JSON, YAML and CSV records, guesses their kind and pages through them', async () => {
      const { createPaiCollection: c } = await ok(as(TENANT_A), 'mutation { createPaiCollection(name: "Shop") { id name itemCount } }');
      expect(c).toMatchObject({ name: 'Shop', itemCount: 0 });
      const json = JSON.stringify([{ sku: 'AB-1', name: 'Kettle', price: 39.99 }, { orderId: 'DG-882341', status: 'shipped', tracking: 'TR1' }], null, 2);
      expect((await importItems(as(TENANT_A), c.id, 'JSON', json)).data.importPaiItems).toEqual({ imported: 2, errors: [] });
      const yaml = '- sku: 00123\n  name: Toaster\n- note: nothing known\n  ref: x\n';
      expect((await importItems(as(TENANT_A), c.id, 'YAML', yaml)).data.importPaiItems).toEqual({ imported: 2, errors: [] });
      const csv = 'orderNumber,status\nDG-1,delivered\nDG-2,lost\n';
      expect((await importItems(as(TENANT_A), c.id, 'CSV', csv)).data.importPaiItems).toEqual({ imported: 2, errors: [] });

      const first = await ok(as(TENANT_A, 'viewer'), 'query($c: ID!) { paiItems(collectionId: $c, first: 4) { totalCount edges { cursor node { kind fields { name value } } } pageInfo { hasNextPage endCursor } } }', { c: c.id });
      expect(first.paiItems.totalCount).toBe(6);
      expect(first.paiItems.edges.map((e: any) => e.node.kind)).toEqual(['PRODUCT', 'ORDER', 'PRODUCT', 'OTHER']);
      expect(first.paiItems.edges[0].node.fields).toEqual([
        { name: 'sku', value: 'AB-1' },
        { name: 'name', value: 'Kettle' },
        { name: 'price', value: '39.99' },
      ]);
      expect(first.paiItems.edges[2].node.fields[0]).toEqual({ name: 'sku', value: '00123' });
      expect(first.paiItems.pageInfo.hasNextPage).toBe(true);
      const second = await ok(as(TENANT_A), 'query($c: ID!, $a: String) { paiItems(collectionId: $c, first: 4, after: $a) { edges { node { kind } } pageInfo { hasNextPage } } }', {
        c: c.id,
        a: first.paiItems.pageInfo.endCursor,
      });
      expect(second.paiItems.edges.map((e: any) => e.node.kind)).toEqual(['ORDER', 'ORDER']);
      expect(second.paiItems.pageInfo.hasNextPage).toBe(false);

      const list = await ok(as(TENANT_A), '{ paiCollections { id itemCount } }');
      expect(list.paiCollections.find((x: any) => x.id === c.id).itemCount).toBe(6);

      const items = await readAs(TENANT_A, (reader, m) => reader.paiItems(m, TENANT_A, c.id));
      expect(items.map((x) => x.kind)).toEqual(['product', 'order', 'product', 'other', 'order', 'order']);
      expect(items[1].data).toEqual({ orderId: 'DG-882341', status: 'shipped', tracking: 'TR1' });
      expect(await readAs(TENANT_B, (reader, m) => reader.paiItems(m, TENANT_B, c.id))).toEqual([]);
    });

    it('imports nothing when any record is bad and reports each bad record with its line', async () => {
      const { createPaiCollection: c } = await ok(as(TENANT_A), 'mutation { createPaiCollection(name: "Bad") { id } }');
      const json = '[\n  {"sku": "A"},\n  "just text",\n  {},\n  {"sku": "B", "dims": {"w": 1}}\n]';
      const result = (await importItems(as(TENANT_A), c.id, 'JSON', json)).data.importPaiItems;
      expect(result.imported).toBe(0);
      expect(result.errors.map((e: any) => [e.row, e.line, e.field])).toEqual([
        [2, 3, null],
        [3, 4, null],
        [4, 5, 'dims'],
      ]);
      const yaml = '- sku: A\n- [1, 2]\n';
      expect((await importItems(as(TENANT_A), c.id, 'YAML', yaml)).data.importPaiItems.errors.map((e: any) => [e.row, e.line])).toEqual([[2, 2]]);
      const csv = 'sku,name\nA,Kettle\n,\nB,"multi\nline",extra\n';
      expect((await importItems(as(TENANT_A), c.id, 'CSV', csv)).data.importPaiItems.errors.map((e: any) => [e.row, e.line])).toEqual([[2, 4]]);
      const items = await ok(as(TENANT_A), 'query($c: ID!) { paiItems(collectionId: $c) { totalCount } }', { c: c.id });
      expect(items.paiItems.totalCount).toBe(0);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('intents', () => {
    it('creates, lists and deletes intents; names are unique per tenant', async () => {
      const created = await ok(as(TENANT_A), 'mutation { createIntent(input: { name: "Where is my order", description: "WISMO", examples: ["where is it?", " "] }) { id name description examples } }');
      expect(created.createIntent).toMatchObject({ name: 'Where is my order', description: 'WISMO', examples: ['where is it?'] });
      const again = await gql(as(TENANT_A), 'mutation { createIntent(input: { name: "where is my order" }) { id } }');
      expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      // Another tenant may use the same name.
      await ok(as(TENANT_B), 'mutation { createIntent(input: { name: "Where is my order" }) { id } }');
      const list = await ok(as(TENANT_A, 'viewer'), '{ intents { id name } }');
      expect(list.intents.map((i: any) => i.name)).toEqual(['Where is my order']);
      expect(await ok(as(TENANT_A), 'mutation($id: ID!) { deleteIntent(id: $id) }', { id: created.createIntent.id })).toEqual({ deleteIntent: true });
    });

    it('creates one intent when creations of the same name, in any case, race; the others are told the name is taken', async () => {
      const tenant = 'tenant-race';
      const names = ['Refund status', 'refund status', 'REFUND STATUS', 'Refund Status'];
      const answers = await Promise.all(names.map((name) => gql(as(tenant), 'mutation($n: String!) { createIntent(input: { name: $n }) { id } }', { n: name })));

      expect(answers.filter((answer) => answer.data?.createIntent)).toHaveLength(1);
      for (const refused of answers.filter((answer) => answer.errors)) {
        expect(refused.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
      }
      expect((await ok(as(tenant, 'viewer'), '{ intents { name } }')).intents).toHaveLength(1);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('tickets', () => {
    const importTickets = (principal: Principal, format: string, content: string) =>
      gql(principal, 'mutation($f: ExportFormat!, $x: String!) { importTickets(format: $f, content: $x) { imported errors { row line field message } } }', { f: format, x: content });

    const ticket = (n: number, changes: Record<string, unknown> = {}) => ({
      externalId: `T-${n}`,
      channel: n % 2 ? 'chat' : 'email',
      createdAt: `2024-03-${String(n).padStart(2, '0')}T10:00:00Z`,
      tags: n % 3 === 0 ? ['refund', 'vip'] : ['delivery'],
      intent: n % 2 ? 'wismo' : 'refund',
      csat: (n % 5) + 1,
      resolution: `Resolved; mailed jane${n}@example.com`,
      turns: [
        { role: 'CUSTOMER', text: `Where is order DG-88234${n}? Call me on +44 7700 900${100 + n}, card 4111 1111 1111 1111` },
        { role: 'AGENT', text: 'It ships tomorrow.' },
      ],
      ...changes,
    });

    it('imports JSON with redaction and filters, pages newest first', async () => {
      const tickets = Array.from({ length: 9 }, (_, i) => ticket(i + 1));
      expect((await importTickets(as(TENANT_A), 'JSON', JSON.stringify(tickets))).data.importTickets).toEqual({ imported: 9, errors: [] });

      const all = await ok(as(TENANT_A, 'viewer'), '{ tickets(first: 4) { totalCount edges { node { externalId resolution turns { role text } } } pageInfo { hasNextPage endCursor } } }');
      expect(all.tickets.totalCount).toBe(9);
      expect(all.tickets.edges.map((e: any) => e.node.externalId)).toEqual(['T-9', 'T-8', 'T-7', 'T-6']);
      expect(all.tickets.edges[0].node.resolution).toBe('Resolved; mailed [email]');
      expect(all.tickets.edges[0].node.turns[0]).toEqual({ role: 'CUSTOMER', text: 'Where is order DG-882349? Call me on [phone], card [card]' });
      const next = await ok(as(TENANT_A), 'query($a: String) { tickets(first: 4, after: $a) { edges { node { externalId } } pageInfo { hasNextPage endCursor } } }', { a: all.tickets.pageInfo.endCursor });
      expect(next.tickets.edges.map((e: any) => e.node.externalId)).toEqual(['T-5', 'T-4', 'T-3', 'T-2']);
      const last = await ok(as(TENANT_A), 'query($a: String) { tickets(first: 4, after: $a) { edges { node { externalId } } pageInfo { hasNextPage } } }', { a: next.tickets.pageInfo.endCursor });
      expect(last.tickets).toEqual({ edges: [{ node: { externalId: 'T-1' } }], pageInfo: { hasNextPage: false } });

      const filtered = async (filter: Record<string, unknown>) =>
        (await ok(as(TENANT_A), 'query($f: TicketFilter) { tickets(filter: $f, first: 50) { totalCount edges { node { externalId } } } }', { f: filter })).tickets.edges.map(
          (e: any) => e.node.externalId,
        );
      expect(await filtered({ channels: ['email'] })).toEqual(['T-8', 'T-6', 'T-4', 'T-2']);
      expect(await filtered({ tags: ['vip'] })).toEqual(['T-9', 'T-6', 'T-3']);
      expect(await filtered({ intents: ['wismo'], minCsat: 3 })).toEqual(['T-9', 'T-7', 'T-3']);
      expect(await filtered({ from: '2024-03-03T00:00:00Z', to: '2024-03-05T23:59:59Z' })).toEqual(['T-5', 'T-4', 'T-3']);
      expect(await filtered({ maxCsat: 1 })).toEqual(['T-5']);

      const facets = await ok(as(TENANT_A), '{ ticketFacets { channels tags intents } }');
      expect(facets.ticketFacets).toEqual({ channels: ['chat', 'email'], tags: ['delivery', 'refund', 'vip'], intents: ['refund', 'wismo'] });

      const bad = await gql(as(TENANT_A), '{ tickets(filter: { minCsat: 6 }) { totalCount } }');
      expect(bad.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minCsat' });
    });

    it('imports nothing when a record is bad, with rows and lines (JSON)', async () => {
      const records = [
        ticket(20),
        ticket(21, { externalId: '' }),
        ticket(22, { createdAt: 'yesterday', csat: 9 }),
        ticket(23, { turns: [] }),
        ticket(24, { turns: [{ role: 'BOT', text: 'hi' }] }),
        ticket(20),
        ticket(1), // already imported by the previous spec
      ];
      const text = `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]`;
      const result = (await importTickets(as(TENANT_A), 'JSON', text)).data.importTickets;
      expect(result.imported).toBe(0);
      expect(result.errors.map((e: any) => [e.row, e.line, e.field])).toEqual([
        [2, 3, 'externalId'],
        [3, 4, 'createdAt'],
        [3, 4, 'csat'],
        [4, 5, 'turns'],
        [5, 6, 'turns[0].role'],
        [6, 7, 'externalId'],
        [7, 8, 'externalId'],
      ]);
      const count = await ok(as(TENANT_A), '{ tickets { totalCount } }');
      expect(count.tickets.totalCount).toBe(9);
    });

    it('reads YAML and CSV, reporting lines of bad records', async () => {
      const yaml = [
        '- externalId: Y-1',
        '  channel: chat',
        '  createdAt: 2024-04-01',
        '  csat: 4',
        '  turns:',
        '    - role: CUSTOMER',
        '      text: hello, I am bob@example.org',
        '- externalId: Y-2',
        '  channel: chat',
        '  createdAt: 2024-04-02',
        '  turns: []',
      ].join('\n');
      const bad = (await importTickets(as(TENANT_A), 'YAML', yaml)).data.importTickets;
      expect(bad).toMatchObject({ imported: 0 });
      expect(bad.errors.map((e: any) => [e.row, e.line, e.field])).toEqual([[2, 8, 'turns']]);
      const good = (await importTickets(as(TENANT_A), 'YAML', yaml.split('\n').slice(0, 7).join('\n'))).data.importTickets;
      expect(good).toEqual({ imported: 1, errors: [] });

      const turns = JSON.stringify([{ role: 'CUSTOMER', text: 'Refund please, 0612345678' }]).replace(/"/g, '""');
      const csv = [
        'externalId,channel,createdAt,tags,intent,csat,resolution,turns',
        `C-1,phone,2024-05-01T08:00:00Z,refund;vip,refund,5,"Refunded,\nthanks","${turns}"`,
        `C-2,phone,2024-05-02,refund,refund,0,,"${turns}"`,
        `C-3,phone,2024-05-03,,,,,not json`,
      ].join('\n');
      const csvBad = (await importTickets(as(TENANT_A), 'CSV', csv)).data.importTickets;
      expect(csvBad.imported).toBe(0);
      expect(csvBad.errors.map((e: any) => [e.row, e.line, e.field])).toEqual([
        [2, 4, 'csat'],
        [3, 5, 'turns'],
      ]);
      const csvGood = (await importTickets(as(TENANT_A), 'CSV', csv.split('\n').slice(0, 3).join('\n'))).data.importTickets;
      expect(csvGood).toEqual({ imported: 1, errors: [] });
      const c1 = await ok(as(TENANT_A), '{ tickets(filter: { channels: ["phone"] }) { edges { node { tags csat resolution turns { text } } } } }');
      expect(c1.tickets.edges[0].node).toEqual({ tags: ['refund', 'vip'], csat: 5, resolution: 'Refunded,\nthanks', turns: [{ text: 'Refund please, [phone]' }] });
    });

    it('imports tickets racing with the same externalIds once: the others report each ticket as already imported', async () => {
      const tenant = 'tenant-race';
      const tickets = JSON.stringify(Array.from({ length: 20 }, (_, i) => ticket(i + 1, { externalId: `R-${i + 1}` })));
      const answers = await Promise.all(Array.from({ length: 4 }, () => importTickets(as(tenant), 'JSON', tickets)));

      expect(answers.map((answer) => answer.errors)).toEqual([undefined, undefined, undefined, undefined]);
      const results = answers.map((answer) => answer.data.importTickets);
      expect(results.filter((r) => r.imported === 20)).toHaveLength(1);
      for (const refused of results.filter((r) => r.imported === 0)) {
        expect(refused.errors).toHaveLength(20);
        expect(refused.errors[0]).toEqual({ row: 1, line: expect.any(Number), field: 'externalId', message: 'a ticket with externalId "R-1" was already imported' });
      }
      expect((await ok(as(tenant, 'viewer'), '{ tickets(first: 1) { totalCount } }')).tickets.totalCount).toBe(20);
    });

    it('gives generation jobs the matching tickets through SourcesReader', async () => {
      const matching = await readAs(TENANT_A, (reader, m) => reader.ticketsMatching(m, TENANT_A, { channels: ['email'], tags: ['vip'] }, 10));
      expect(matching.map((t) => t.externalId)).toEqual(['T-6']);
      expect(matching[0].turns[0].text).toContain('[card]');
      expect(await readAs(TENANT_B, (reader, m) => reader.ticketsMatching(m, TENANT_B, {}, 10))).toEqual([]);
    });
  });

  // -------------------------------------------------------------------------------------
  describe('tenant isolation and roles', () => {
    it('hides every source from another tenant', async () => {
      const { createKnowledgeCollection: k } = await ok(as(TENANT_A), 'mutation { createKnowledgeCollection(name: "A only") { id } }');
      const { addKnowledgeDocument: d } = await ok(as(TENANT_A), 'mutation($c: ID!) { addKnowledgeDocument(collectionId: $c, title: "x", content: "text") { id } }', { c: k.id });
      const { createPaiCollection: p } = await ok(as(TENANT_A), 'mutation { createPaiCollection(name: "A only") { id } }');
      const { createIntent: i } = await ok(as(TENANT_A), 'mutation { createIntent(input: { name: "A only" }) { id } }');

      const b = as(TENANT_B);
      const lists = await ok(b, '{ knowledgeCollections { id } paiCollections { id } intents { name } tickets { totalCount } ticketFacets { channels } }');
      expect(lists.knowledgeCollections).toEqual([]);
      expect(lists.paiCollections).toEqual([]);
      expect(lists.intents.map((x: any) => x.name)).toEqual(['Where is my order']);
      expect(lists.tickets.totalCount).toBe(0);
      expect(lists.ticketFacets.channels).toEqual([]);

      expect(code(await gql(b, 'mutation($c: ID!) { addKnowledgeDocument(collectionId: $c, title: "x", content: "y") { id } }', { c: k.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'mutation($id: ID!) { removeKnowledgeDocument(id: $id) }', { id: d.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'mutation($id: ID!) { deleteKnowledgeCollection(id: $id) }', { id: k.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'query($c: ID!) { paiItems(collectionId: $c) { totalCount } }', { c: p.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'mutation($c: ID!) { importPaiItems(collectionId: $c, format: JSON, content: "[{\\"a\\":\\"b\\"}]") { imported } }', { c: p.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'mutation($id: ID!) { deletePaiCollection(id: $id) }', { id: p.id }))).toBe('NOT_FOUND');
      expect(code(await gql(b, 'mutation($id: ID!) { deleteIntent(id: $id) }', { id: i.id }))).toBe('NOT_FOUND');

      // Tenant A still has everything.
      const mine = await ok(as(TENANT_A), '{ knowledgeCollections { id } paiCollections { id } }');
      expect(mine.knowledgeCollections.map((x: any) => x.id)).toContain(k.id);
      expect(mine.paiCollections.map((x: any) => x.id)).toContain(p.id);
    });

    it('lets a viewer read but not write', async () => {
      const viewer = as(TENANT_A, 'viewer');
      const writes = [
        'mutation { createKnowledgeCollection(name: "x") { id } }',
        'mutation { createPaiCollection(name: "x") { id } }',
        'mutation { createIntent(input: { name: "x" }) { id } }',
        'mutation { importTickets(format: JSON, content: "[]") { imported } }',
        'mutation { deleteIntent(id: "00000000-0000-0000-0000-000000000000") }',
      ];
      for (const write of writes) expect(code(await gql(viewer, write))).toBe('FORBIDDEN');
      await ok(viewer, '{ knowledgeCollections { id } paiCollections { id } intents { id } tickets { totalCount } ticketFacets { tags } }');
    });
  });
});
