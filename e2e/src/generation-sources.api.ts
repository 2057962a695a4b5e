/**
 * The sources test cases are generated from, as a user of the API meets them: the demo
 * tenant's seeded sources, imports that are all or nothing, redaction before storing,
 * ticket filters, and another tenant seeing none of it.
 */
import { callerFor, type Caller } from './support/graphql-client';
import { eventually } from './support/eventually';
import { Subscriber } from './support/subscriber';

export interface SourcesStack {
  gatewayUrl: string;
  jwtSecret: string;
  close(): Promise<void>;
}

export function describeGenerationSourcesApi(label: string, start: () => Promise<SourcesStack>) {
  describe(`Generation sources through the gateway (${label})`, () => {
    let stack: SourcesStack;
    let acme: Caller;
    let acmeViewer: Caller;
    let globex: Caller;

    beforeAll(async () => {
      stack = await start();
      acme = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'erin.editor', ['editor']);
      acmeViewer = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'victor.viewer', ['viewer']);
      globex = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'globex', 'gina.editor', ['editor']);
    });
    afterAll(async () => {
      await stack?.close();
    });

    it('opens on the demo store: help centre, catalog and orders, intents and past tickets, all redacted', async () => {
      const result = await acme(`{
        knowledgeCollections { name documentCount documents { title format chunkCount } }
        paiCollections { name itemCount }
        intents { name examples }
        tickets(first: 50) { totalCount edges { node { externalId channel turns { role text } } } }
      }`);
      expect(result.errors).toBeUndefined();
      const data = result.data!;
      expect(data.knowledgeCollections).toEqual([expect.objectContaining({ name: 'Demo Store Help Centre', documentCount: 4 })]);
      expect(data.knowledgeCollections[0].documents.every((d: { chunkCount: number }) => d.chunkCount >= 1)).toBe(true);
      expect(data.paiCollections).toEqual(
        expect.arrayContaining([expect.objectContaining({ name: 'Demo Store Orders', itemCount: 10 }), expect.objectContaining({ name: 'Demo Store Catalog', itemCount: 10 })]),
      );
      expect(data.intents.length).toBeGreaterThanOrEqual(7);
      expect(data.tickets.totalCount).toBe(36);
      const texts = data.tickets.edges.flatMap((e: { node: { turns: { text: string }[] } }) => e.node.turns.map((t) => t.text)).join('\n');
      expect(texts).not.toMatch(/@example\.com|4111 1111 1111 1111|7700 900/);
      expect(texts).toMatch(/\[email\]/);
      expect(texts).toMatch(/\[card\]/);
      expect(texts).toMatch(/DG-\d{6}/); // order numbers are not mistaken for phone numbers
    });

    it('imports Purchase AI records and tickets all or nothing, naming each bad row', async () => {
      const collection = (await acme(`mutation { createPaiCollection(name: "Spare parts") { id } }`)).data!.createPaiCollection;
      const bad = await acme(`mutation($c: ID!, $x: String!) { importPaiItems(collectionId: $c, format: JSON, content: $x) { imported errors { row message } } }`, {
        c: collection.id,
        x: JSON.stringify([{ sku: 'SP-1', name: 'Lace set' }, 'just text', { sku: 'SP-3', size: { w: 1 } }]),
      });
      expect(bad.errors).toBeUndefined();
      expect(bad.data!.importPaiItems.imported).toBe(0);
      expect(bad.data!.importPaiItems.errors.map((e: { row: number }) => e.row)).toEqual([2, 3]);
      const good = await acme(`mutation($c: ID!, $x: String!) { importPaiItems(collectionId: $c, format: CSV, content: $x) { imported errors { line } } }`, {
        c: collection.id,
        x: 'sku,name,price\nSP-1,Lace set,4.00\nSP-3,Insoles,9.00\n',
      });
      expect(good.data!.importPaiItems).toEqual({ imported: 2, errors: [] });
      expect((await acme(`query($c: ID!) { paiItems(collectionId: $c) { totalCount } }`, { c: collection.id })).data!.paiItems.totalCount).toBe(2);

      const tickets = [
        { externalId: 'E2E-1', channel: 'email', createdAt: '2026-10-01T10:00:00Z', tags: ['vip'], intent: 'Refunds :: Refund Status', csat: 2, resolution: 'Refunded', turns: [{ role: 'CUSTOMER', text: 'Mail me at a.b@example.org or call 020 7946 0958' }] },
        { externalId: 'E2E-2', channel: 'chat', createdAt: 'not a date', tags: [], turns: [] },
      ];
      const refused = await acme(`mutation($x: String!) { importTickets(format: JSON, content: $x) { imported errors { line message } } }`, { x: JSON.stringify(tickets) });
      expect(refused.data!.importTickets.imported).toBe(0);
      expect(JSON.stringify(refused.data!.importTickets.errors)).toMatch(/createdAt|turns/);
      const accepted = await acme(`mutation($x: String!) { importTickets(format: JSON, content: $x) { imported } }`, { x: JSON.stringify([tickets[0]]) });
      expect(accepted.data!.importTickets.imported).toBe(1);
      const found = await acme(`{ tickets(filter: { tags: ["vip"], channels: ["email"], maxCsat: 2 }) { totalCount edges { node { externalId turns { text } } } } }`);
      expect(found.data!.tickets.totalCount).toBe(1);
      expect(found.data!.tickets.edges[0].node.turns[0].text).toBe('Mail me at [email] or call [phone]');
    });

    it('generates grounded cases from the order list, lists them with their source, and creates no duplicates on a second job', async () => {
      const orders = (await acme(`{ paiCollections { id name } }`)).data!.paiCollections.find((c: { name: string }) => c.name === 'Demo Store Orders');
      const JOB = `query($id: ID!) { generationJob(id: $id) { id status requested generated created error testCases { id name language personaFacts { name value } source { kind ref } type intent } } }`;
      const run = async () => {
        const started = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id status requested } }`, {
          input: { source: 'PURCHASE_AI', paiCollectionId: orders.id, language: 'de', count: 3 },
        });
        expect(started.errors).toBeUndefined();
        expect(started.data!.generateTestCases).toMatchObject({ status: 'QUEUED', requested: 3 });
        return eventually(
          async () => (await acme(JOB, { id: started.data!.generateTestCases.id })).data!.generationJob,
          (job) => job.status === 'COMPLETED',
          30_000,
        );
      };
      const completed = await run();
      // test-cases stores the generated cases from `testcases.generated`, just after the job completes.
      const first = await eventually(async () => (await acme(JOB, { id: completed.id })).data!.generationJob, (job) => job.created === 3, 15_000);
      expect(first).toMatchObject({ status: 'COMPLETED', generated: 3, created: 3, error: null });
      for (const generated of first.testCases) {
        expect(generated).toMatchObject({ language: 'de', source: { kind: 'PURCHASE_AI' } });
        expect(generated.source.ref).toBeTruthy();
        expect(generated.type).toBeTruthy();
      }
      const facts = first.testCases.flatMap((c: { personaFacts: { value: string }[] }) => c.personaFacts.map((f) => f.value));
      expect(facts.some((value: string) => /^DG-\d{6}$/.test(value))).toBe(true); // a real order number from the collection
      const listed = await acme(`query($ids: [ID!]) { testCases(filter: { ids: $ids }) { totalCount } }`, { ids: first.testCases.map((c: { id: string }) => c.id) });
      expect(listed.data!.testCases.totalCount).toBe(3);

      // The offline generator is deterministic: the same job again would only repeat the cases.
      const repeated = await run();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const second = (await acme(JOB, { id: repeated.id })).data!.generationJob;
      expect(second).toMatchObject({ status: 'COMPLETED', generated: 3, created: 0, testCases: [] });

      const tooMany = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id } }`, { input: { source: 'PURCHASE_AI', paiCollectionId: orders.id, count: 21 } });
      expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(tooMany.errors?.[0].extensions)).toContain('count');
      const intents = (await acme(`{ intents { id } }`)).data!.intents;
      const perIntent = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id } }`, {
        input: { source: 'INTENTS', intentIds: [intents[0].id], casesPerIntent: 4 },
      });
      expect(JSON.stringify(perIntent.errors?.[0].extensions)).toContain('casesPerIntent');
      const empty = (await acme(`mutation { createKnowledgeCollection(name: "Empty shelf") { id } }`)).data!.createKnowledgeCollection;
      const fromEmpty = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id } }`, { input: { source: 'KNOWLEDGE_SOURCE', knowledgeCollectionId: empty.id } });
      expect(fromEmpty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(fromEmpty.errors?.[0].message).toMatch(/empty/i);
      expect((await globex(JOB, { id: first.id })).data!.generationJob).toBeNull();
    });

    it('generates from the help centre, from intents and from past tickets, each case pointing at what it came from, and reports progress live', async () => {
      const sources = (await acme(`{ knowledgeCollections { id } intents { id name } }`)).data!;
      const subscriber = await Subscriber.connect(stack.gatewayUrl, stack.jwtSecret, 'acme', 'victor.viewer', ['viewer']);
      try {
        const inputs = [
          { input: { source: 'KNOWLEDGE_SOURCE', knowledgeCollectionId: sources.knowledgeCollections[0].id, count: 3 }, kind: 'KNOWLEDGE_SOURCE', expected: 3 },
          { input: { source: 'INTENTS', intentIds: sources.intents.slice(0, 2).map((i: { id: string }) => i.id), casesPerIntent: 2, language: 'es' }, kind: 'INTENTS', expected: 4 },
          { input: { source: 'HISTORICAL_TICKETS', ticketFilter: { tags: ['refund'] }, count: 2 }, kind: 'HISTORICAL_TICKETS', expected: 2 },
        ];
        for (const { input, kind, expected } of inputs) {
          const started = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id requested } }`, { input });
          expect(started.errors).toBeUndefined();
          const jobId = started.data!.generateTestCases.id;
          expect(started.data!.generateTestCases.requested).toBe(expected);
          const live = subscriber.subscribe(`subscription($id: ID!) { generationJobUpdated(id: $id) { id status } }`, { id: jobId });
          const job = await eventually(
            async () => (await acme(`query($id: ID!) { generationJob(id: $id) { status created testCases { source { kind ref } intent language } } }`, { id: jobId })).data!.generationJob,
            (j) => j.status === 'FAILED' || (j.status === 'COMPLETED' && j.created > 0),
            30_000,
          );
          expect(job.status).toBe('COMPLETED');
          expect(job.created).toBeGreaterThan(0);
          for (const generated of job.testCases) {
            expect(generated.source.kind).toBe(kind);
            expect(generated.source.ref).toBeTruthy();
          }
          if (kind === 'INTENTS') {
            expect(new Set(job.testCases.map((c: { intent: string }) => c.intent))).toEqual(new Set(sources.intents.slice(0, 2).map((i: { name: string }) => i.name)));
            expect(job.testCases.every((c: { language: string }) => c.language === 'es')).toBe(true);
          }
          await eventually(async () => live.results.some((r) => r.data?.generationJobUpdated?.status === 'COMPLETED'), (seen) => seen, 10_000);
          expect(live.results.some((r) => r.data?.generationJobUpdated?.status === 'COMPLETED')).toBe(true);
          live.stop();
        }
      } finally {
        await subscriber.close();
      }
    });

    it('names the field of bad input, lets viewers read but not write, and keeps every source from other tenants', async () => {
      const blank = await acme(`mutation { createIntent(input: { name: " ", description: "x", examples: [] }) { id } }`);
      expect(blank.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(blank.errors?.[0].extensions)).toContain('name');
      expect((await acmeViewer(`mutation { createPaiCollection(name: "Nope") { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await acmeViewer(`{ intents { id } }`)).errors).toBeUndefined();

      const own = (await acme(`{ knowledgeCollections { id } paiCollections { id } intents { id } }`)).data!;
      const theirs = await globex(`{ knowledgeCollections { id } paiCollections { id } intents { id } tickets { totalCount } }`);
      expect(theirs.data).toEqual({ knowledgeCollections: [], paiCollections: [], intents: [], tickets: { totalCount: 0 } });
      const foreign = [
        [`mutation($id: ID!) { addKnowledgeDocument(collectionId: $id, title: "x", content: "y") { id } }`, own.knowledgeCollections[0].id],
        [`mutation($id: ID!) { importPaiItems(collectionId: $id, format: JSON, content: "[]") { imported } }`, own.paiCollections[0].id],
        [`query($id: ID!) { paiItems(collectionId: $id) { totalCount } }`, own.paiCollections[0].id],
        [`mutation($id: ID!) { deleteIntent(id: $id) }`, own.intents[0].id],
      ];
      for (const [query, id] of foreign) {
        const result = await globex(query, { id });
        expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
    });
  });
}
