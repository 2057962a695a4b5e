import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Where tests find a real PostgreSQL server: a role allowed to create databases. */
export const TEST_POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestPostgresDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database on the real server, for one test file. Fails with a clear
 * message (never skips) when PostgreSQL is not up.
 */
export async function createTestDatabase(prefix = 'sim_test'): Promise<TestPostgresDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${TEST_POSTGRES_ADMIN_URL} (${(error as Error).message}); start it or set TEST_POSTGRES_URL`,
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(TEST_POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * A login role for `database` as production has one: it may create the schemas it will own
 * and become the application role `appRole`, and it is no superuser, so forced row-level
 * security applies to it. Returns the database's URL as that role; `drop` removes the role
 * once the database is dropped.
 */
export async function createOwnerRole(database: TestPostgresDatabase, appRole: string): Promise<{ url: string; drop(): Promise<void> }> {
  const owner = `sim_owner_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: database.url });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE "${owner}" LOGIN NOSUPERUSER NOBYPASSRLS`);
    await admin.query(`GRANT CREATE ON DATABASE "${database.name}" TO "${owner}"`);
    await admin.query(`DO $$ BEGIN CREATE ROLE "${appRole}" NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    await admin.query(`GRANT "${appRole}" TO "${owner}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(database.url);
  url.username = owner;
  return {
    url: url.toString(),
    async drop() {
      const client = new Client({ connectionString: TEST_POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP ROLE IF EXISTS "${owner}"`);
      } finally {
        await client.end();
      }
    },
  };
}
