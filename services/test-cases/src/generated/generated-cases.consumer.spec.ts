import { randomUUID } from 'node:crypto';
import { InProcessBus, MessageHeaders, type BusMessage } from '@sim/bus';
import { encode, TestCaseSourceKind, Topics } from '@sim/contracts';
import { generatedCaseId } from '@sim/llm';
import { startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { testCasesService } from '../service.definition';
import { GeneratedCasesConsumer } from './generated-cases.consumer';

jest.setTimeout(60_000);

const TENANT_A = 'tenant-a';
const TENANT_B = 'tenant-b';

interface CaseInit {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: { name: string; value: string }[];
  successCriteria: string;
  language?: string;
  agentCriteria?: string;
  type?: string;
  intent?: string;
  sourceKind: TestCaseSourceKind;
  sourceRef?: string;
  dedupeKey: string;
}

function generatedCase(jobId: string, index: number, changes: Partial<CaseInit> = {}): CaseInit {
  return {
    name: `Where is my order? — order DG-${jobId.slice(0, 6)}-${index}`,
    toneOfVoice: 'Polite but impatient.',
    behaviour: `Ask where your order is (case ${index} of ${jobId}). Provide your order number if asked.`,
    personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
    successCriteria: 'The customer receives a tracking link.',
    language: 'en',
    agentCriteria: 'The agent looks up the order within 4 turns.',
    type: 'Order status',
    intent: 'Order Status :: Where Is My Order',
    sourceKind: TestCaseSourceKind.PURCHASE_AI,
    sourceRef: `item-${index}`,
    dedupeKey: `${jobId}:${index}`,
    ...changes,
  };
}

function message(tenantId: string, jobId: string, cases: CaseInit[], headerTenant = tenantId): BusMessage {
  return {
    topic: Topics.testcasesGenerated,
    partition: 0,
    offset: '0',
    key: jobId,
    value: encode(Topics.testcasesGenerated, { tenantId, jobId, cases }),
    headers: { [MessageHeaders.tenantId]: headerTenant, [MessageHeaders.messageId]: randomUUID() },
    attempt: 1,
  };
}

describe('test-cases: storing generated cases (PostgreSQL)', () => {
  let database: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;
  const consumer = () => service.app.get(GeneratedCasesConsumer);
  const rowsOf = (tenantId: string, ids: string[]) =>
    service.db.withTenant(tenantId, (m) => m.query('SELECT id, name, source_kind, source_ref, language FROM test_case WHERE tenant_id = $1 AND id = ANY($2::uuid[]) ORDER BY created_at', [tenantId, ids]));
  const snapshotsFor = (ids: string[]) =>
    service.db.withSystem((m) => m.query(`SELECT message_key FROM outbox WHERE topic = $1 AND message_key = ANY($2)`, [Topics.testcasesSnapshot, ids]));

  beforeAll(async () => {
    database = await createTestDatabase('sim_test_cases_generated');
    bus = new InProcessBus();
    service = await startService(testCasesService, { database: { kind: 'postgres', url: database.url, poolSize: 5 }, bus, port: 0, internalSecret: 'spec', logLevels: ['error'] });
    await service.relay.stop(); // keep the outbox rows to look at
  });

  afterAll(async () => {
    await service?.close();
    await bus?.close();
    await database?.drop();
  });

  it('stores each case under the id generation derived, with its source kind and ref, and announces its snapshot', async () => {
    const jobId = randomUUID();
    const outcome = await consumer().handle(message(TENANT_A, jobId, [generatedCase(jobId, 0), generatedCase(jobId, 1, { sourceKind: TestCaseSourceKind.KNOWLEDGE_SOURCE, sourceRef: 'chunk-1', language: 'de-de' })]));
    const ids = [generatedCaseId(TENANT_A, `${jobId}:0`), generatedCaseId(TENANT_A, `${jobId}:1`)];
    expect(outcome.created).toEqual(ids);
    const rows = await rowsOf(TENANT_A, ids);
    expect(rows.map((r: { source_kind: string; source_ref: string; language: string }) => [r.source_kind, r.source_ref, r.language])).toEqual([
      ['PURCHASE_AI', 'item-0', 'en'],
      ['KNOWLEDGE_SOURCE', 'chunk-1', 'de-DE'],
    ]);
    expect((await snapshotsFor(ids)).map((r: { message_key: string }) => r.message_key).sort()).toEqual([...ids].sort());
  });

  it('creates nothing twice when the message is redelivered', async () => {
    const jobId = randomUUID();
    const cases = [generatedCase(jobId, 0), generatedCase(jobId, 1)];
    await consumer().handle(message(TENANT_A, jobId, cases));
    const again = await consumer().handle(message(TENANT_A, jobId, cases));
    expect(again.created).toEqual([]);
    expect(again.alreadyStored).toHaveLength(2);
    const ids = cases.map((c) => generatedCaseId(TENANT_A, c.dedupeKey));
    expect(await rowsOf(TENANT_A, ids)).toHaveLength(2);
    expect(await snapshotsFor(ids)).toHaveLength(2);
  });

  it('does not create a duplicate of an existing case (same name and behaviour, normalised), nor an invalid case', async () => {
    const first = randomUUID();
    const original = generatedCase(first, 0);
    await consumer().handle(message(TENANT_A, first, [original]));
    const second = randomUUID();
    const duplicate = generatedCase(second, 0, { name: `  ${original.name.toUpperCase()}!`, behaviour: original.behaviour.replace(/ /g, '  ') });
    const invalid = generatedCase(second, 1, { name: '' });
    const fresh = generatedCase(second, 2);
    const outcome = await consumer().handle(message(TENANT_A, second, [duplicate, invalid, fresh]));
    expect(outcome.duplicates).toEqual([generatedCaseId(TENANT_A, `${second}:0`)]);
    expect(outcome.invalid).toEqual([generatedCaseId(TENANT_A, `${second}:1`)]);
    expect(outcome.created).toEqual([generatedCaseId(TENANT_A, `${second}:2`)]);
  });

  it("keeps tenants apart: another tenant's message never touches this tenant", async () => {
    const jobId = randomUUID();
    const ownCase = generatedCase(jobId, 0);
    await consumer().handle(message(TENANT_A, jobId, [ownCase]));
    // The same content and dedupe key for tenant B: a different id, created for B only, not a duplicate of A's.
    const outcome = await consumer().handle(message(TENANT_B, jobId, [ownCase]));
    const idB = generatedCaseId(TENANT_B, `${jobId}:0`);
    expect(outcome.created).toEqual([idB]);
    expect(await rowsOf(TENANT_A, [idB])).toHaveLength(0);
    expect(await rowsOf(TENANT_B, [idB])).toHaveLength(1);
    expect(await rowsOf(TENANT_B, [generatedCaseId(TENANT_A, `${jobId}:0`)])).toHaveLength(0);
    // A message whose header names another tenant is refused outright.
    await expect(consumer().handle(message(TENANT_B, randomUUID(), [generatedCase(randomUUID(), 0)], TENANT_A))).rejects.toThrow(/tenant header/);
  });

  it('picks messages up from the bus', async () => {
    const jobId = randomUUID();
    await bus.publish(Topics.testcasesGenerated, [{ key: jobId, value: message(TENANT_A, jobId, [generatedCase(jobId, 0)]).value, headers: { [MessageHeaders.tenantId]: TENANT_A, [MessageHeaders.messageId]: randomUUID() } }]);
    const id = generatedCaseId(TENANT_A, `${jobId}:0`);
    const deadline = Date.now() + 10_000;
    while ((await rowsOf(TENANT_A, [id])).length === 0) {
      if (Date.now() > deadline) throw new Error('the case was not stored');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
