/**
 * What keeps one tenant's data away from another at the database: after every service's
 * migrations on a fresh PostgreSQL database, each tenant table has forced row-level
 * security, the application role cannot get around it, and a transaction that runs as that
 * role only ever sees and writes the tenant it names.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { Database, DEFAULT_APP_ROLE } from '@sim/persistence';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { loadAllServices } from '@sim/embedded';
import type { ServiceDefinition } from '@sim/subgraph';

jest.setTimeout(60_000);

const schemaNames = ['test_cases', 'generation', 'orchestrator', 'simulation', 'evaluation'];
let allServices: ServiceDefinition[] = [];
beforeAll(async () => {
  allServices = await loadAllServices();
  expect(allServices.map((s) => s.schema).sort()).toEqual([...schemaNames].sort());
});
const schemas = schemaNames;

/** Tables with a `tenant_id` that are deliberately not under row-level security, and why. */
const TENANT_COLUMN_WITHOUT_RLS = schemas.map((schema) => `${schema}.outbox`); // read by the relay across tenants
/** Every table without row-level security. A new table must either get RLS or be added here on purpose. */
const TABLES_WITHOUT_RLS = [
  ...TENANT_COLUMN_WITHOUT_RLS,
  ...schemas.map((schema) => `${schema}.processed_message`), // consumer dedupe log, no tenant data
  ...schemas.map((schema) => `${schema}.migrations`), // TypeORM's migration log
  'orchestrator.tenant', // the platform's tenant registry, managed by platform admins
].sort();

describe('database security after every service migration (PostgreSQL)', () => {
  let testDb: TestPostgresDatabase;
  let databases: Database[] = [];
  let catalog: Client;

  const openAll = async () => {
    const opened: Database[] = [];
    for (const service of allServices) {
      opened.push(
        await Database.open({
          target: { kind: 'postgres', url: testDb.url, poolSize: 3 },
          schema: service.schema,
          entities: service.entities,
          migrations: service.migrations,
        }),
      );
    }
    return opened;
  };

  const migrationCounts = async () => {
    const counts: Record<string, number> = {};
    for (const schema of schemas) {
      const { rows } = await catalog.query(`SELECT count(*)::int AS n FROM "${schema}".migrations`);
      counts[schema] = rows[0].n;
    }
    return counts;
  };

  beforeAll(async () => {
    testDb = await createTestDatabase('sim_security');
    databases = await openAll();
    catalog = new Client({ connectionString: testDb.url });
    await catalog.connect();
  });

  afterAll(async () => {
    await catalog?.end().catch(() => undefined);
    for (const db of databases) await db.close();
    await testDb?.drop();
  });

  it('creates every service schema with its migrations applied', async () => {
    const { rows } = await catalog.query(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) ORDER BY nspname`, [schemas]);
    expect(rows.map((r) => r.nspname)).toEqual([...schemas].sort());
    const counts = await migrationCounts();
    for (const service of allServices) expect(counts[service.schema]).toBe((service.migrations as unknown[]).length);
  });

  it('puts every tenant table under forced row-level security with a policy on app.tenant_id', async () => {
    const { rows } = await catalog.query(
      `SELECT n.nspname || '.' || c.relname AS name,
              c.relrowsecurity AS rls,
              c.relforcerowsecurity AS forced,
              EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped) AS has_tenant,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
              (SELECT string_agg(pg_get_expr(p.polqual, p.polrelid) || ' ' || pg_get_expr(p.polwithcheck, p.polrelid), ' ')
                 FROM pg_policy p WHERE p.polrelid = c.oid) AS policy_text
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY($1)
        ORDER BY 1`,
      [schemas],
    );
    const tenantTables = rows.filter((r) => r.has_tenant);
    // The domain tables that exist today must be among them, so the check below is not vacuous.
    expect(tenantTables.map((r) => r.name)).toEqual(expect.arrayContaining(['test_cases.test_case', 'orchestrator.tenant_settings']));

    const unprotectedTenantTables = tenantTables.filter((r) => !(r.rls && r.forced && r.policies > 0)).map((r) => r.name);
    expect(unprotectedTenantTables.sort()).toEqual([...TENANT_COLUMN_WITHOUT_RLS].sort());

    for (const table of tenantTables.filter((r) => r.rls)) {
      expect([table.name, table.policy_text]).toEqual([table.name, expect.stringContaining("current_setting('app.tenant_id'")]);
    }
    expect(rows.filter((r) => !r.rls).map((r) => r.name).sort()).toEqual(TABLES_WITHOUT_RLS);
  });

  it('gives the application role no way around row-level security', async () => {
    const role = await catalog.query(`SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1`, [DEFAULT_APP_ROLE]);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false }]);
    const owned = await catalog.query(
      `SELECT n.nspname || '.' || c.relname AS name
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY($1) AND pg_get_userbyid(c.relowner) = $2`,
      [schemas, DEFAULT_APP_ROLE],
    );
    expect(owned.rows).toEqual([]);
    const schemaOwners = await catalog.query(`SELECT nspname FROM pg_namespace WHERE nspname = ANY($1) AND pg_get_userbyid(nspowner) = $2`, [schemas, DEFAULT_APP_ROLE]);
    expect(schemaOwners.rows).toEqual([]);
  });

  it('applies nothing when every service opens its database again', async () => {
    const before = await migrationCounts();
    const again = await openAll();
    try {
      for (const db of again) expect([db.schema, await db.migrate()]).toEqual([db.schema, []]);
    } finally {
      for (const db of again) await db.close();
    }
    expect(await migrationCounts()).toEqual(before);
  });

  describe('a pooled connection running as the application role', () => {
    const insertCase = (tenantId: string) => ({
      sql: `INSERT INTO test_cases.test_case (id, tenant_id, name, tone_of_voice, behaviour, success_criteria, source_kind, created_at, updated_at)
            VALUES ($1, $2, 'Where is my order?', 'calm', 'Ask where the order is', 'Learns the delivery date', 'MANUAL', now(), now())`,
      params: [randomUUID(), tenantId],
    });

    /** One transaction on one pooled connection: as the app role, with the tenant set locally when given. */
    const asApp = async <T>(tenantId: string | null, work: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<T>): Promise<T> => {
      const testCases = databases.find((db) => db.schema === 'test_cases')!;
      const runner = testCases.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL ROLE ${DEFAULT_APP_ROLE}`);
        if (tenantId !== null) await runner.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
        const result = await work((sql, params) => runner.query(sql, params));
        await runner.commitTransaction();
        return result;
      } catch (error) {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        throw error;
      } finally {
        await runner.release();
      }
    };

    const caught = async (promise: Promise<unknown>): Promise<{ code?: string; message: string }> => {
      try {
        await promise;
      } catch (error) {
        const e = error as { code?: string; driverError?: { code?: string }; message: string };
        return { code: e.code ?? e.driverError?.code, message: e.message };
      }
      throw new Error('expected the statement to fail');
    };

    it('writes its own tenant, refuses another tenant, and sees nothing without a tenant', async () => {
      const acmeRow = insertCase('acme');
      await asApp('acme', (q) => q(acmeRow.sql, acmeRow.params));

      const globexRow = insertCase('globex');
      const refused = await caught(asApp('acme', (q) => q(globexRow.sql, globexRow.params)));
      expect(refused).toMatchObject({ code: '42501', message: expect.stringMatching(/row-level security/) });

      // Moving acme's row to another tenant is refused the same way.
      const moved = await caught(asApp('acme', (q) => q(`UPDATE test_cases.test_case SET tenant_id = 'globex' WHERE id = $1`, [acmeRow.params[0]])));
      expect(moved.message).toMatch(/row-level security/);

      const count = (tenantId: string | null) => asApp(tenantId, async (q) => (await q(`SELECT count(*)::int AS n FROM test_cases.test_case`))[0].n);
      expect(await count(null)).toBe(0);
      expect(await count('globex')).toBe(0);
      expect(await count('acme')).toBe(1);
      // Only the acme row exists: the owner (outside RLS) sees exactly it.
      const all = await catalog.query(`SELECT tenant_id FROM test_cases.test_case`);
      expect(all.rows).toEqual([{ tenant_id: 'acme' }]);
    });

    it('does not leak the tenant or the role to the next transaction on the same pooled connection', async () => {
      const testCases = databases.find((db) => db.schema === 'test_cases')!;
      const runner = testCases.dataSource.createQueryRunner();
      await runner.connect();
      try {
        await runner.startTransaction();
        await runner.query(`SET LOCAL ROLE ${DEFAULT_APP_ROLE}`);
        await runner.query(`SELECT set_config('app.tenant_id', 'acme', true)`);
        await runner.commitTransaction();
        const [after] = await runner.query(`SELECT coalesce(current_setting('app.tenant_id', true), '') AS tenant, current_user AS role`);
        expect(after.tenant).toBe('');
        expect(after.role).not.toBe(DEFAULT_APP_ROLE);
        await runner.startTransaction();
        await runner.query(`SET LOCAL ROLE ${DEFAULT_APP_ROLE}`);
        const [seen] = await runner.query(`SELECT count(*)::int AS n FROM test_cases.test_case`);
        await runner.commitTransaction();
        expect(seen.n).toBe(0);
      } finally {
        if (runner.isTransactionActive) await runner.rollbackTransaction();
        await runner.release();
      }
    });

    it('isolates tenants the same way through Database.withTenant', async () => {
      const testCases = databases.find((db) => db.schema === 'test_cases')!;
      expect(await testCases.withTenant('acme', async (m) => (await m.query(`SELECT count(*)::int AS n FROM test_case`))[0].n)).toBe(1);
      expect(await testCases.withTenant('globex', async (m) => (await m.query(`SELECT count(*)::int AS n FROM test_case`))[0].n)).toBe(0);
      const row = insertCase('acme');
      const refused = await caught(testCases.withTenant('globex', (m) => m.query(row.sql, row.params)));
      expect(refused.message).toMatch(/row-level security/);
    });
  });
});
