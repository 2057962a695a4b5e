/**
 * The orchestrator as it runs, for specs: real PostgreSQL (a fresh database per file), the
 * in-process bus, its HTTP GraphQL endpoint, and handles on its services, consumers and
 * sweeper so a spec can drive the pipeline step by step.
 */
import { randomUUID } from 'node:crypto';
import { signInternalHeaders, type Principal, type Role } from '@sim/auth';
import { InProcessBus, MessageHeaders, type BusMessage, type Subscription } from '@sim/bus';
import {
  decode,
  encode,
  TestCaseSourceKind,
  timestampFromDate,
  Topics,
  type RunUpdated,
  type SimulationRequested,
  type Topic,
  type TopicMessageInit,
} from '@sim/contracts';
import { startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { orchestratorService } from '../service.definition';
import { DeadLetterConsumer } from '../runs/consumers/dead-letter.consumer';
import { PipelineConsumer } from '../runs/consumers/pipeline.consumer';
import { ProjectionConsumer } from '../runs/consumers/projection.consumer';
import { RunAnnouncer } from '../runs/run-announcer';
import { RunCaseSweeper } from '../runs/run-case-sweeper';
import { TestRunsService } from '../runs/test-runs.service';
import { TenantsService } from '../tenants/tenants.service';

const SECRET = 'orchestrator-spec-internal-secret';

export interface Harness {
  service: RunningService;
  bus: InProcessBus;
  runs: TestRunsService;
  tenants: TenantsService;
  pipeline: PipelineConsumer;
  deadLetters: DeadLetterConsumer;
  projection: ProjectionConsumer;
  sweeper: RunCaseSweeper;
  announcer: RunAnnouncer;
  /** Every simulation.requested and run.updated the orchestrator published, decoded, in order. */
  requested: SimulationRequested[];
  runUpdates: RunUpdated[];
  close(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<Harness> {
  const previous = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  let database: TestPostgresDatabase | undefined;
  const bus = new InProcessBus();
  const watches: Subscription[] = [];
  try {
    database = await createTestDatabase('sim_orchestrator');
    const service = await startService(orchestratorService, {
      database: { kind: 'postgres', url: database.url, poolSize: 10 },
      bus,
      port: 0,
      internalSecret: SECRET,
      logLevels: ['error'],
    });
    const requested: SimulationRequested[] = [];
    const runUpdates: RunUpdated[] = [];
    watches.push(
      await bus.subscribe({
        groupId: 'spec.watch',
        topics: [Topics.simulationRequested, Topics.runUpdated],
        fromBeginning: true,
        handler: async (message) => {
          if (message.topic === Topics.simulationRequested) requested.push(decode(Topics.simulationRequested, message.value));
          else runUpdates.push(decode(Topics.runUpdated, message.value));
        },
      }),
    );
    const testDb = database;
    return {
      service,
      bus,
      runs: service.app.get(TestRunsService),
      tenants: service.app.get(TenantsService),
      pipeline: service.app.get(PipelineConsumer),
      deadLetters: service.app.get(DeadLetterConsumer),
      projection: service.app.get(ProjectionConsumer),
      sweeper: service.app.get(RunCaseSweeper),
      announcer: service.app.get(RunAnnouncer),
      requested,
      runUpdates,
      async close() {
        for (const watch of watches) await watch.close();
        await service.close();
        await bus.close();
        await testDb.drop();
        restore(previous);
      },
    };
  } catch (error) {
    await bus.close().catch(() => undefined);
    await database?.drop().catch(() => undefined);
    restore(previous);
    throw error;
  }
}

function restore(previous: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(previous)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

export function principalOf(tenantId: string, role: Role = 'editor', userId = 'user-1'): Principal {
  return { tenantId, userId, roles: [role] };
}

/** A message as a consumer receives it, with the headers the outbox would have set. */
export function busMessage<T extends Topic>(topic: T, message: TopicMessageInit<T>, options: { tenantId: string; key: string; messageId?: string; headers?: Record<string, string> }): BusMessage {
  return {
    topic,
    partition: 0,
    offset: '0',
    key: options.key,
    value: encode(topic, message),
    headers: {
      [MessageHeaders.tenantId]: options.tenantId,
      [MessageHeaders.messageId]: options.messageId ?? randomUUID(),
      ...options.headers,
    },
    attempt: 1,
  };
}

export interface TestCaseFixture {
  id?: string;
  name?: string;
  language?: string;
  version?: number;
  deleted?: boolean;
}

/** A TestCaseSnapshot as test-cases publishes it. */
export function snapshotOf(tenantId: string, fixture: TestCaseFixture = {}): TopicMessageInit<'testcases.snapshot'> & { testCaseId: string } {
  const now = new Date();
  return {
    tenantId,
    testCaseId: fixture.id ?? randomUUID(),
    deleted: fixture.deleted ?? false,
    name: fixture.name ?? 'Where is my order?',
    toneOfVoice: 'Polite but impatient',
    behaviour: 'Ask where your order is. Give the order number if asked.',
    personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
    successCriteria: 'The customer receives a tracking link.',
    language: fixture.language,
    sourceKind: TestCaseSourceKind.MANUAL,
    createdAt: timestampFromDate(now),
    updatedAt: timestampFromDate(now),
    version: BigInt(fixture.version ?? 1),
  };
}

/** Stores snapshots in the projection as the consumer would on delivery. */
export async function project(harness: Harness, tenantId: string, fixtures: TestCaseFixture[]): Promise<string[]> {
  const ids: string[] = [];
  for (const fixture of fixtures) {
    const snapshot = snapshotOf(tenantId, fixture);
    await harness.projection.onTestCase(busMessage(Topics.testcasesSnapshot, snapshot, { tenantId, key: snapshot.testCaseId }));
    ids.push(snapshot.testCaseId);
  }
  return ids;
}

export interface ChatWidgetFixture {
  id?: string;
  name?: string;
  version?: number;
  deleted?: boolean;
}

/** A ChatWidgetSnapshot as simulation publishes it. */
export function widgetSnapshotOf(tenantId: string, fixture: ChatWidgetFixture = {}): TopicMessageInit<'chatwidgets.snapshot'> & { widgetId: string } {
  return {
    tenantId,
    widgetId: fixture.id ?? randomUUID(),
    deleted: fixture.deleted ?? false,
    name: fixture.name ?? 'Storefront bot',
    updatedAt: timestampFromDate(new Date()),
    version: BigInt(fixture.version ?? 1),
  };
}

/** Stores a widget's snapshot in the projection as the consumer would on delivery; returns its id. */
export async function projectWidget(harness: Harness, tenantId: string, fixture: ChatWidgetFixture = {}): Promise<string> {
  const snapshot = widgetSnapshotOf(tenantId, fixture);
  await harness.projection.onChatWidget(busMessage(Topics.chatWidgetsSnapshot, snapshot, { tenantId, key: snapshot.widgetId }));
  return snapshot.widgetId;
}

/** POSTs to the subgraph with the gateway's signed identity headers. */
export async function graphql(harness: Harness, principal: Principal, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const response = await fetch(harness.service.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signInternalHeaders(principal, SECRET) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: any[] };
}

/** Retries `probe` until `accept` holds or the time runs out; returns the last value seen. */
export async function eventually<T>(probe: () => Promise<T> | T, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await probe();
  }
  return value;
}
