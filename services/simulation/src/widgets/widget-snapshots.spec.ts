/**
 * What the orchestrator learns of chat widgets: every create, update and delete is announced
 * on `chatwidgets.snapshot` with a growing version, and widgets created before snapshots
 * existed are announced when the service starts, once, however many replicas start.
 * Real PostgreSQL, migrated first as it was before this change, and the in-process bus.
 */
import { randomUUID } from 'node:crypto';
import { signInternalHeaders, type Principal } from '@sim/auth';
import { InProcessBus, MessageHeaders, type Subscription } from '@sim/bus';
import { decode, Topics, type ChatWidgetSnapshot } from '@sim/contracts';
import { Database, DEFAULT_APP_ROLE, type OutboxRelay } from '@sim/persistence';
import { startService, type RunningService } from '@sim/subgraph';
import { createOwnerRole, createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { simulationMigrations } from '../migrations';
import { defineSimulationService } from '../service.definition';
import { SIMULATION_SCHEMA } from './chat-widget.entity';
import { WidgetSnapshotBackfill } from './widget-snapshot-backfill';

jest.setTimeout(60_000);

const SECRET = 'widget-snapshots-spec-secret';
const editor: Principal = { tenantId: 'acme', userId: 'ed', roles: ['viewer', 'editor'] };

/** The migrations as they were before widgets had versions. */
const MIGRATIONS_BEFORE_SNAPSHOTS = simulationMigrations.slice(0, 2);

type StoredWidget = { id: string; tenantId: string; name: string };

/** Widgets stored as the service stored them before this change; each in its tenant's transaction. */
async function insertUnannounced(db: Database, widgets: StoredWidget[]): Promise<void> {
  for (const w of widgets) {
    await db.withTenant(w.tenantId, (m) =>
      m.query(`INSERT INTO chat_widget (id, tenant_id, name, connector, created_at, updated_at) VALUES ($1, $2, $3, 'DEMO', now(), now())`, [w.id, w.tenantId, w.name]),
    );
  }
}

const openDatabase = (url: string, migrations: typeof simulationMigrations) =>
  Database.open({ target: { kind: 'postgres', url, poolSize: 2 }, schema: SIMULATION_SCHEMA, entities: [], migrations });

describe('chat widget snapshots (PostgreSQL)', () => {
  let testDb: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;
  let observer: Subscription;
  const seen: { snapshot: ChatWidgetSnapshot; key: string; tenantHeader: string | undefined }[] = [];
  /** Widgets stored by the service as it was before this change. */
  const earlier = [
    { id: randomUUID(), tenantId: 'acme', name: 'Old storefront bot' },
    { id: randomUUID(), tenantId: 'globex', name: 'Old helpdesk bot' },
  ];

  const gql = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalHeaders(editor, SECRET) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };
  const snapshotsOf = (id: string) => seen.filter((s) => s.key === id).map((s) => s.snapshot);
  const waitForSnapshots = async (id: string, count: number) => {
    const until = Date.now() + 10_000;
    while (snapshotsOf(id).length < count && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    return snapshotsOf(id);
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('sim_widget_snapshots');
    const before = await openDatabase(testDb.url, MIGRATIONS_BEFORE_SNAPSHOTS);
    await insertUnannounced(before, earlier);
    await before.close();

    bus = new InProcessBus({ onError: () => undefined });
    observer = await bus.subscribe({
      groupId: 'spec-widget-snapshots',
      topics: [Topics.chatWidgetsSnapshot],
      fromBeginning: true,
      handler: async (message) => {
        seen.push({ snapshot: decode(Topics.chatWidgetsSnapshot, message.value), key: message.key, tenantHeader: message.headers[MessageHeaders.tenantId] });
      },
    });
    service = await startService(defineSimulationService(), {
      database: { kind: 'postgres', url: testDb.url, poolSize: 5 },
      bus,
      port: 0,
      internalSecret: SECRET,
      logLevels: false,
    });
  });

  afterAll(async () => {
    await observer?.close();
    await service?.close();
    await bus?.close();
    await testDb?.drop();
  });

  it('announces the widgets created before snapshots existed when the service starts, each once, under its own tenant', async () => {
    for (const widget of earlier) {
      const [snapshot] = await waitForSnapshots(widget.id, 1);
      expect(snapshot).toMatchObject({ tenantId: widget.tenantId, widgetId: widget.id, name: widget.name, deleted: false, version: 1n });
      expect(seen.find((s) => s.key === widget.id)?.tenantHeader).toBe(widget.tenantId);
    }
    // A second start (this replica again, or another) finds nothing left to announce.
    expect(await service.app.get(WidgetSnapshotBackfill).announceUnannounced()).toBe(0);
    await service.relay.flush();
    for (const widget of earlier) expect(snapshotsOf(widget.id)).toHaveLength(1);
  });

  it('shares the backfill between replicas starting together: each widget is announced by exactly one', async () => {
    const pending = Array.from({ length: 450 }, (_, i) => ({ id: randomUUID(), tenantId: i % 2 ? 'acme' : 'globex', name: `Pending ${i}` }));
    await insertUnannounced(service.db, pending);
    const backfill = service.app.get(WidgetSnapshotBackfill);
    const counts = await Promise.all([backfill.announceUnannounced(), backfill.announceUnannounced(), backfill.announceUnannounced()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(pending.length);
    await service.relay.flush();
    for (const widget of pending) expect(snapshotsOf(widget.id).map((s) => s.version)).toEqual([1n]);
  });

  it('announces a create, an update and a delete with growing versions, the delete as deleted', async () => {
    const created = await gql(`mutation { createChatWidget(input: { name: "Demo shop", connector: DEMO }) { id } }`);
    const id: string = created.data.createChatWidget.id;
    await gql(`mutation($id: ID!) { updateChatWidget(id: $id, input: { name: "Demo shop (renamed)", connector: DEMO }) { id } }`, { id });
    expect((await gql(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id })).data.deleteChatWidget).toBe(true);

    const snapshots = await waitForSnapshots(id, 3);
    expect(snapshots.map((s) => [s.version, s.name, s.deleted, s.tenantId])).toEqual([
      [1n, 'Demo shop', false, 'acme'],
      [2n, 'Demo shop (renamed)', false, 'acme'],
      [3n, 'Demo shop (renamed)', true, 'acme'],
    ]);
    // Each change marked itself announced: the next start has nothing to add.
    expect(await service.app.get(WidgetSnapshotBackfill).announceUnannounced()).toBe(0);
  });

  it('announces nothing for a change that fails', async () => {
    const before = seen.length;
    const missing = randomUUID();
    const result = await gql(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: missing });
    expect(result.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const refused = await gql(`mutation { createChatWidget(input: { name: "", connector: DEMO }) { id } }`);
    expect(refused.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    await service.relay.flush();
    expect(seen.length).toBe(before);
  });
});

describe('chat widget backfill as a login role that owns the schema and is no superuser (as in production)', () => {
  let testDb: TestPostgresDatabase;
  let owner: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    testDb = await createTestDatabase('sim_widget_owner');
    owner = await createOwnerRole(testDb, DEFAULT_APP_ROLE);
  });

  afterAll(async () => {
    await testDb?.drop();
    await owner?.drop();
  });

  it("sees every tenant's widgets through its own policy, where forced row-level security would hide them all", async () => {
    const widgets = [
      { id: randomUUID(), tenantId: 'acme', name: 'Old storefront bot' },
      { id: randomUUID(), tenantId: 'globex', name: 'Old helpdesk bot' },
    ];
    const before = await openDatabase(owner.url, MIGRATIONS_BEFORE_SNAPSHOTS);
    await insertUnannounced(before, widgets);
    await before.close();

    const db = await openDatabase(owner.url, simulationMigrations);
    try {
      const relay = { kick: () => undefined } as unknown as OutboxRelay;
      expect(await new WidgetSnapshotBackfill(db, relay).announceUnannounced()).toBe(2);
      const queued: { message_key: string; tenant_id: string }[] = await db.withSystem((m) =>
        m.query(`SELECT message_key, tenant_id FROM outbox WHERE topic = $1 ORDER BY tenant_id`, [Topics.chatWidgetsSnapshot]),
      );
      expect(queued).toEqual(widgets.map((w) => ({ message_key: w.id, tenant_id: w.tenantId })));
    } finally {
      await db.close();
    }
  });
});
