/**
 * The pipeline's hottest statements on a real PostgreSQL database full of chat widgets, the
 * tenant's own and others': each step reads its one widget by its id through an index,
 * however many widgets the table or the tenant holds.
 */
import { randomUUID } from 'node:crypto';
import { Database } from '@sim/persistence';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { simulationMigrations } from '../migrations';
import { claimStepStatement, recordStepStatement, startConversationStatement, type Statement } from './conversation.store';

jest.setTimeout(60_000);

describe('conversation statements (PostgreSQL)', () => {
  let testDb: TestPostgresDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('sim_conversation_store');
    db = await Database.open({ target: { kind: 'postgres', url: testDb.url, poolSize: 2 }, schema: 'simulation', entities: [], migrations: simulationMigrations });
    // 5,000 widgets of 500 other tenants, 2,000 of the tenant's own, and the planner's statistics about them.
    await db.dataSource.query(
      `INSERT INTO simulation.chat_widget (id, tenant_id, name, connector, settings, created_at, updated_at)
       SELECT gen_random_uuid(), CASE WHEN i <= 2000 THEN 'acme' ELSE 'tenant-' || (i % 500) END, 'widget ' || i, 'DEMO', '{"timeoutMs": 1000}', now(), now()
         FROM generate_series(1, 7000) AS i`,
    );
    await db.dataSource.query('ANALYZE simulation.chat_widget');
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
  });

  /** The plan PostgreSQL picks for the statement, as the service runs it (its role, its tenant). */
  const planOf = async (statement: Statement): Promise<string> => {
    const rows = await db.withTenant('acme', (manager) => manager.query(`EXPLAIN ${statement.sql}`, [...statement.params]));
    return rows.map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
  };

  /** Every read of a widget goes through its primary key: no scan of many widgets to pick one out. */
  const expectWidgetByIndex = (plan: string) => {
    const widgetReads = plan.split('\n').filter((line) => / on chat_widget /.test(line));
    expect(widgetReads.length).toBeGreaterThan(0);
    for (const read of widgetReads) expect(read).toMatch(/Index Scan using chat_widget_pkey on chat_widget /);
  };

  const message = (topic: string) => ({ tenantId: 'acme', topic, key: randomUUID(), value: new Uint8Array([1]) });

  it('claims a step without reading every widget', async () => {
    const plan = await planOf(claimStepStatement('acme', randomUUID(), 1, 2, 30_000, null));
    expectWidgetByIndex(plan);
  });

  it('records a step that goes on without reading every widget', async () => {
    const plan = await planOf(recordStepStatement('acme', { runCaseId: randomUUID(), attempt: 1, step: 1 }, { promptTokens: 1, completionTokens: 1, costUsd: 0 }, { kind: 'continue', leaseMs: 30_000 }, [], []));
    expectWidgetByIndex(plan);
  });

  it('starts a conversation without reading every widget', async () => {
    const start = { runCaseId: randomUUID(), runId: randomUUID(), attempt: 1, widgetId: randomUUID(), request: new Uint8Array([1]) };
    const plan = await planOf(startConversationStatement('acme', start, 'no such widget', message('simulation.step'), message('simulation.completed')));
    expectWidgetByIndex(plan);
  });
});
