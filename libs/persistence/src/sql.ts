/**
 * The rows of a `manager.query` answer: TypeORM answers UPDATE/DELETE ... RETURNING with
 * [rows, affected], and other statements with the rows.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

/** Identifiers we interpolate into SQL (schema and role names) must match this. */
export function isSqlIdentifier(value: string): boolean {
  return /^[a-z_][a-z0-9_]{0,62}$/.test(value);
}

/**
 * A string as an SQL literal, for statements that cannot take parameters (several
 * statements in one simple query). As PostgreSQL's quote_literal does it: quotes doubled, and
 * with a backslash the E'' form with backslashes doubled, so the literal means the same
 * whatever standard_conforming_strings says. NUL cannot be stored in text at all.
 */
export function sqlLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('an SQL literal cannot contain NUL');
  const quoted = value.includes("'") ? value.replace(/'/g, "''") : value;
  return value.includes('\\') ? `E'${quoted.replace(/\\/g, '\\\\')}'` : `'${quoted}'`;
}

/** A parameter as PostgreSQL's text input, following node-postgres's `prepareValue`. */
export function toPostgresText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayLiteral(items: unknown[]): string {
  const elements = items.map((item) => {
    if (item === null || item === undefined) return 'NULL';
    if (Array.isArray(item)) return arrayLiteral(item);
    const text = toPostgresText(item) as string;
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${elements.join(',')}}`;
}

/**
 * A statement with its `$n` parameters written in as literals, for a simple query. Each
 * literal is untyped, as a parameter is, so PostgreSQL resolves it from its context in the
 * same way; a `$n` must not appear inside the statement's own string literals.
 */
export function inlineParameters(sql: string, params: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index >= params.length) throw new Error(`the statement has $${n} but only ${params.length} parameter(s)`);
    const value = params[index];
    // Bytes are hex digits after one backslash: written as they are, without scanning them.
    if (value instanceof Uint8Array) return `E'\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}'`;
    const text = toPostgresText(value);
    return text === null ? 'NULL' : sqlLiteral(text);
  });
}

function assertIdentifier(value: string): string {
  if (!isSqlIdentifier(value)) throw new Error(`invalid SQL identifier "${value}"`);
  return value;
}

/**
 * Statements for migrations. The application role is created once per cluster (races
 * between services migrating at the same time are tolerated) and gets only DML rights.
 */
export function ensureAppRoleSql(role: string, schema: string): string[] {
  assertIdentifier(role);
  assertIdentifier(schema);
  return [
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
         CREATE ROLE "${role}" NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
       END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
    // The pool's login role must be able to SET ROLE to the application role.
    `DO $$ BEGIN
       IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
         EXECUTE format('GRANT %I TO %I', '${role}', current_user);
       END IF;
     EXCEPTION WHEN duplicate_object OR insufficient_privilege THEN NULL;
     END $$`,
    `GRANT USAGE ON SCHEMA "${schema}" TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${role}"`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT USAGE, SELECT ON SEQUENCES TO "${role}"`,
  ];
}

/** Row-level security, enabled and forced, keyed on the transaction's `app.tenant_id`. */
export function tenantRlsSql(schema: string, table: string, column = 'tenant_id'): string[] {
  assertIdentifier(schema);
  assertIdentifier(table);
  assertIdentifier(column);
  const qualified = `"${schema}"."${table}"`;
  return [
    `ALTER TABLE ${qualified} ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${qualified} FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON ${qualified}
       USING (${column} = current_setting('app.tenant_id', true))
       WITH CHECK (${column} = current_setting('app.tenant_id', true))`,
  ];
}

/**
 * A policy for the login role that owns the tables, so that its cross-tenant work
 * (`Database.withSystem`: a sweeper, a backfill) sees rows that FORCE ROW LEVEL SECURITY
 * hides from a non-superuser owner. Tenant transactions run as the application role and never
 * match it; a superuser (or a role that bypasses RLS) needs none, and gets none.
 */
export function loginRolePolicySql(schema: string, table: string, policy: string, appRole = 'sim_app'): string {
  for (const identifier of [schema, table, policy, appRole]) assertIdentifier(identifier);
  return `DO $$ BEGIN
     IF current_user <> '${appRole}' AND NOT (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) THEN
       EXECUTE format('CREATE POLICY ${policy} ON "${schema}"."${table}" TO %I USING (true) WITH CHECK (true)', current_user);
     END IF;
   END $$`;
}

/** Infrastructure tables every service has: the transactional outbox and the consumer dedupe log. */
export function messagingTablesSql(schema: string): string[] {
  assertIdentifier(schema);
  return [
    `CREATE TABLE "${schema}".outbox (
       id bigserial PRIMARY KEY,
       tenant_id text NOT NULL,
       topic text NOT NULL,
       message_key text NOT NULL,
       payload bytea NOT NULL,
       headers jsonb NOT NULL DEFAULT '{}'::jsonb,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE "${schema}".processed_message (
       consumer text NOT NULL,
       message_id text NOT NULL,
       processed_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (consumer, message_id)
     )`,
  ];
}

export function dropMessagingTablesSql(schema: string): string[] {
  assertIdentifier(schema);
  return [`DROP TABLE "${schema}".processed_message`, `DROP TABLE "${schema}".outbox`];
}
