import { randomUUID } from 'node:crypto';
import { signInternalHeaders, type Principal } from '@sim/auth';
import { InProcessBus, MessageHeaders, type BusMessage, type Subscription } from '@sim/bus';
import { decode, encode, GenerationJobStatus, GenerationSource, TestCaseSourceKind, Topics, type TopicMessage } from '@sim/contracts';
import { generatedCaseId, LlmError, OfflineGenerator } from '@sim/llm';
import { startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { generationService } from '../service.definition';
import { SourcesReader } from '../sources';
import { GenerationRequestedConsumer } from './generation-requested.consumer';
import { GENERATION_JOBS_CONFIG } from './jobs.config';

jest.setTimeout(60_000);

const SECRET = 'generation-spec-secret';
const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';
const editor = (tenantId: string): Principal => ({ tenantId, userId: `editor@${tenantId}`, roles: ['editor'] });

describe('generation jobs (PostgreSQL, in-process bus, offline generator)', () => {
  let database: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;
  let collector: Subscription;
  const generated: TopicMessage<'testcases.generated'>[] = [];
  const updates: TopicMessage<'generation.updated'>[] = [];

  beforeAll(async () => {
    delete process.env.LLM_BASE_URL; // the offline generator
    database = await createTestDatabase('sim_generation_jobs');
    bus = new InProcessBus();
    service = await startService(generationService, { database: { kind: 'postgres', url: database.url, poolSize: 5 }, bus, port: 0, internalSecret: SECRET, logLevels: ['error'] });
    collector = await bus.subscribe({
      groupId: 'spec.collector',
      topics: [Topics.testcasesGenerated, Topics.generationUpdated],
      fromBeginning: true,
      handler: async (message) => {
        if (message.topic === Topics.testcasesGenerated) generated.push(decode(Topics.testcasesGenerated, message.value));
        else updates.push(decode(Topics.generationUpdated, message.value));
      },
    });
  });

  afterAll(async () => {
    await collector?.close();
    await service?.close();
    await bus?.close();
    await database?.drop();
  });

  async function graphql(query: string, variables: Record<string, unknown>, principal: Principal = editor(TENANT_A)) {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalHeaders(principal, SECRET) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: Record<string, any> }[] };
  }

  const GENERATE = `mutation ($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id status requested generated error } }`;
  const JOB = `query ($id: ID!) { generationJob(id: $id) { id status requested generated error } }`;

  async function eventually<T>(read: () => Promise<T> | T, ok: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const value = await read();
      if (ok(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }

  async function paiCollection(tenantId: string, items: { kind: string; data: Record<string, string> }[]): Promise<string> {
    const id = randomUUID();
    await service.db.withTenant(tenantId, async (m) => {
      await m.query('INSERT INTO generation.pai_collection (id, tenant_id, name, created_at) VALUES ($1, $2, $3, now())', [id, tenantId, `PAI ${id}`]);
      for (const [position, item] of items.entries()) {
        await m.query('INSERT INTO generation.pai_item (id, tenant_id, collection_id, position, kind, data) VALUES ($1, $2, $3, $4, $5, $6)', [
          randomUUID(),
          tenantId,
          id,
          position,
          item.kind,
          JSON.stringify(item.data),
        ]);
      }
    });
    return id;
  }

  async function emptyKnowledgeCollection(tenantId: string): Promise<string> {
    const id = randomUUID();
    await service.db.withTenant(tenantId, (m) => m.query('INSERT INTO generation.knowledge_collection (id, tenant_id, name, created_at) VALUES ($1, $2, $3, now())', [id, tenantId, `KB ${id}`]));
    return id;
  }

  const fieldOf = (result: Awaited<ReturnType<typeof graphql>>) => [result.errors?.[0]?.extensions?.code, result.errors?.[0]?.extensions?.field];

  describe('validation', () => {
    it.each([
      [{ count: 5 }, 'source'],
      [{ source: 'KNOWLEDGE_SOURCE' }, 'knowledgeCollectionId'],
      [{ source: 'PURCHASE_AI' }, 'paiCollectionId'],
      [{ source: 'INTENTS', casesPerIntent: 1 }, 'intentIds'],
      [{ source: 'INTENTS', intentIds: [randomUUID()], casesPerIntent: 4 }, 'casesPerIntent'],
      [{ source: 'INTENTS', intentIds: [randomUUID()] }, 'casesPerIntent'],
      [{ source: 'PURCHASE_AI', paiCollectionId: randomUUID(), count: 21 }, 'count'],
      [{ source: 'PURCHASE_AI', paiCollectionId: randomUUID(), count: 0 }, 'count'],
      [{ source: 'PURCHASE_AI', paiCollectionId: randomUUID(), language: 'not a tag!' }, 'language'],
      [{ source: 'HISTORICAL_TICKETS', ticketFilter: { minCsat: 6 } }, 'ticketFilter.minCsat'],
    ] as [Record<string, unknown>, string][])('refuses %j naming %s', async (input, field) => {
      const result = await graphql(GENERATE, { input });
      if (field === 'source') {
        // A missing enum value is refused by GraphQL itself, before the resolver.
        expect(result.errors?.[0]?.message).toMatch(/source/);
        return;
      }
      expect(fieldOf(result)).toEqual(['BAD_USER_INPUT', field]);
    });

    it('refuses an unknown collection or intent as NOT_FOUND, and another tenant’s too', async () => {
      const unknown = await graphql(GENERATE, { input: { source: 'PURCHASE_AI', paiCollectionId: randomUUID() } });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const others = await paiCollection(TENANT_B, [{ kind: 'order', data: { order_number: 'B-1001' } }]);
      const foreign = await graphql(GENERATE, { input: { source: 'PURCHASE_AI', paiCollectionId: others } });
      expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
      const intent = await graphql(GENERATE, { input: { source: 'INTENTS', intentIds: [randomUUID()], casesPerIntent: 1 } });
      expect(intent.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses an empty source at once, saying it is empty', async () => {
      const knowledge = await graphql(GENERATE, { input: { source: 'KNOWLEDGE_SOURCE', knowledgeCollectionId: await emptyKnowledgeCollection(TENANT_A) } });
      expect(fieldOf(knowledge)).toEqual(['BAD_USER_INPUT', 'knowledgeCollectionId']);
      expect(knowledge.errors?.[0]?.message).toMatch(/source is empty/);
      const pai = await graphql(GENERATE, { input: { source: 'PURCHASE_AI', paiCollectionId: await paiCollection(TENANT_A, []) } });
      expect(fieldOf(pai)).toEqual(['BAD_USER_INPUT', 'paiCollectionId']);
      const tickets = await graphql(GENERATE, { input: { source: 'HISTORICAL_TICKETS', ticketFilter: { channels: ['nowhere'] } } });
      expect(fieldOf(tickets)).toEqual(['BAD_USER_INPUT', 'ticketFilter']);
      expect(tickets.errors?.[0]?.message).toMatch(/source is empty/);
    });
  });

  it('runs a job to COMPLETED and hands test-cases grounded cases with the real order numbers', async () => {
    const collection = await paiCollection(TENANT_A, [
      { kind: 'order', data: { order_number: 'DG-882341', customer_name: 'Sarah Mitchell', status: 'shipped' } },
      { kind: 'product', data: { name: 'Trail Runner 2', price: '129.00 EUR', stock: 'in stock' } },
    ]);
    const started = await graphql(GENERATE, { input: { source: 'PURCHASE_AI', paiCollectionId: collection, count: 3, language: 'de-de' } });
    expect(started.errors).toBeUndefined();
    const job = started.data!.generateTestCases;
    expect(job).toMatchObject({ status: 'QUEUED', requested: 3, generated: 0, error: null });

    const done = await eventually(() => graphql(JOB, { id: job.id }), (r) => r.data?.generationJob?.status === 'COMPLETED', 'the job to complete');
    const message = await eventually(() => generated.find((g) => g.jobId === job.id), Boolean, 'testcases.generated');
    expect(message!.tenantId).toBe(TENANT_A);
    expect(message!.cases).toHaveLength(3);
    const [order, product] = message!.cases;
    expect(order.personaFacts).toContainEqual(expect.objectContaining({ name: 'order_number', value: 'DG-882341' }));
    expect(order.sourceKind).toBe(TestCaseSourceKind.PURCHASE_AI);
    expect(order.language).toBe('de-DE');
    expect(product.behaviour).toContain('Trail Runner 2');
    expect(message!.cases.map((c) => c.dedupeKey)).toEqual([0, 1, 2].map((i) => `${job.id}:${i}`));

    // The ids test-cases will store the cases under are known to both sides.
    const ids = message!.cases.map((c) => generatedCaseId(TENANT_A, c.dedupeKey));
    expect(new Set(ids).size).toBe(3);
    expect(done.data!.generationJob).toMatchObject({ status: 'COMPLETED', requested: 3, generated: 3, error: null });
    await eventually(() => updates.filter((u) => u.jobId === job.id).map((u) => u.status), (s) => s.includes(GenerationJobStatus.COMPLETED), 'generation.updated');
    expect(updates.filter((u) => u.jobId === job.id).map((u) => u.status)).toEqual([GenerationJobStatus.QUEUED, GenerationJobStatus.RUNNING, GenerationJobStatus.COMPLETED]);

    // Another tenant cannot read the job.
    const foreign = await graphql(JOB, { id: job.id }, editor(TENANT_B));
    expect(foreign.data!.generationJob).toBeNull();
  });

  it('runs nothing twice when generation.requested is redelivered', async () => {
    const collection = await paiCollection(TENANT_A, [{ kind: 'order', data: { order_number: 'DG-100200' } }]);
    const job = (await graphql(GENERATE, { input: { source: 'PURCHASE_AI', paiCollectionId: collection, count: 1 } })).data!.generateTestCases;
    await eventually(() => graphql(JOB, { id: job.id }), (r) => r.data?.generationJob?.status === 'COMPLETED', 'the job to complete');
    const redelivered: BusMessage = {
      topic: Topics.generationRequested,
      partition: 0,
      offset: '0',
      key: job.id,
      value: encode(Topics.generationRequested, { tenantId: TENANT_A, jobId: job.id, source: GenerationSource.PURCHASE_AI, requestedBy: 'x' }),
      headers: { [MessageHeaders.tenantId]: TENANT_A, [MessageHeaders.messageId]: randomUUID() },
      attempt: 1,
    };
    expect(await service.app.get(GenerationRequestedConsumer).handle(redelivered)).toBe('not-startable');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(generated.filter((g) => g.jobId === job.id)).toHaveLength(1);
  });

  it('ends a job FAILED with the reason when the generator fails', async () => {
    const failing = { engine: 'failing/v1', generate: () => Promise.reject(new LlmError('model refused the request', false)) };
    const worker = new GenerationRequestedConsumer(bus, service.db, service.relay, failing, service.app.get(GENERATION_JOBS_CONFIG), service.app.get(SourcesReader));
    const collection = await paiCollection(TENANT_A, [{ kind: 'order', data: { order_number: 'DG-300400' } }]);
    const jobId = randomUUID();
    await service.db.withTenant(TENANT_A, (m) =>
      m.query(
        `INSERT INTO generation.generation_job (id, tenant_id, status, source, request, requested, requested_by, created_at, updated_at)
         VALUES ($1, $2, 'QUEUED', 'PURCHASE_AI', $3, 1, 'spec', now(), now())`,
        [jobId, TENANT_A, JSON.stringify({ source: 'PURCHASE_AI', paiCollectionId: collection, count: 1, language: 'en' })],
      ),
    );
    const outcome = await worker.handle({
      topic: Topics.generationRequested,
      partition: 0,
      offset: '0',
      key: jobId,
      value: encode(Topics.generationRequested, { tenantId: TENANT_A, jobId, source: GenerationSource.PURCHASE_AI }),
      headers: { [MessageHeaders.tenantId]: TENANT_A, [MessageHeaders.messageId]: randomUUID() },
      attempt: 1,
    });
    expect(outcome).toBe('failed');
    const job = (await graphql(JOB, { id: jobId })).data!.generationJob;
    expect(job).toMatchObject({ status: 'FAILED', generated: 0 });
    expect(job.error).toMatch(/model refused the request/);
  });

  it('uses the offline generator when no LLM endpoint is configured', () => {
    expect(new OfflineGenerator().engine).toBe('offline-rules/v1');
  });
});
