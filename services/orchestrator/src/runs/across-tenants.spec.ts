/**
 * The orchestrator's reads across tenants as production runs them: as a login role that
 * owns the schema and is no superuser, for which forced row-level security would hide every
 * tenant's rows but for its own policy (migration 1732510100000).
 */
import { randomUUID } from 'node:crypto';
import { Database, DEFAULT_APP_ROLE } from '@sim/persistence';
import { createOwnerRole, createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { orchestratorMigrations } from '../migrations';
import { runCountsByStatus, tenantsWithExpiredCases, unannouncedRuns } from './across-tenants';

jest.setTimeout(60_000);

describe('reads across tenants, as a login role that owns the schema and is no superuser', () => {
  let testDb: TestPostgresDatabase;
  let owner: { url: string; drop(): Promise<void> };
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase('sim_orchestrator_owner');
    owner = await createOwnerRole(testDb, DEFAULT_APP_ROLE);
    db = await Database.open({ target: { kind: 'postgres', url: owner.url, poolSize: 2 }, schema: 'orchestrator', entities: [], migrations: orchestratorMigrations });
  });

  afterAll(async () => {
    await db?.close();
    await testDb?.drop();
    await owner?.drop();
  });

  /** A run of the tenant with one case, written the way tenant transactions write (as the application role). */
  async function runWithCase(tenantId: string, run: { status: string; announced: boolean }, theCase: { status: string; deadlineAt: Date | null }) {
    const runId = randomUUID();
    await db.withTenant(tenantId, async (manager) => {
      await manager.query(
        `INSERT INTO test_run (id, tenant_id, name, widget_id, max_turns, created_by, created_at, status, version, announced_version)
         VALUES ($1, $2, 'Nightly', $3, 12, 'ed', now(), $4, 2, $5)`,
        [runId, tenantId, randomUUID(), run.status, run.announced ? 2 : 1],
      );
      await manager.query(
        `INSERT INTO test_run_case (id, tenant_id, run_id, position, test_case_id, name, snapshot, status, deadline_at)
         VALUES ($1, $2, $3, 1, $4, 'Where is my order', '\\x00', $5, $6)`,
        [randomUUID(), tenantId, runId, randomUUID(), theCase.status, theCase.deadlineAt],
      );
    });
    return runId;
  }

  it("sees every tenant's runs and cases through its own policy", async () => {
    const now = new Date();
    const past = new Date(now.getTime() - 60_000);
    const future = new Date(now.getTime() + 60_000);
    const acmeRun = await runWithCase('acme', { status: 'RUNNING', announced: false }, { status: 'RUNNING', deadlineAt: past });
    await runWithCase('globex', { status: 'RUNNING', announced: true }, { status: 'EVALUATING', deadlineAt: past });
    await runWithCase('initech', { status: 'RUNNING', announced: true }, { status: 'RUNNING', deadlineAt: future });
    const initechDone = await runWithCase('initech', { status: 'COMPLETED', announced: false }, { status: 'COMPLETED', deadlineAt: past });

    // Open and past its deadline: acme's and globex's, not initech's (one not due yet, one ended).
    expect(await tenantsWithExpiredCases(db, now)).toEqual(['acme', 'globex']);
    expect(await unannouncedRuns(db)).toEqual(
      [
        { tenantId: 'acme', runId: acmeRun },
        { tenantId: 'initech', runId: initechDone },
      ].sort((a, b) => a.tenantId.localeCompare(b.tenantId) || a.runId.localeCompare(b.runId)),
    );
    expect(Object.fromEntries(await runCountsByStatus(db))).toEqual({ RUNNING: 3, COMPLETED: 1 });
  });
});
