import { DataSource, type EntityManager, type MixedList, type EntitySchema } from 'typeorm';
import { PGlitePool } from './pglite-pool';
import type { EmbeddedPostgres } from './pglite-thread';
import { SessionStatements } from './session-statements';
import type { PostgresSsl } from './postgres-ssl';
import { inlineParameters, isSqlIdentifier, sqlLiteral } from './sql';

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number; /** TLS to the server (postgres-ssl.ts); default none. */ ssl?: PostgresSsl }
  | { kind: 'pglite'; instance: EmbeddedPostgres };

export interface DatabaseOptions {
  target: DatabaseTarget;
  /** The service's own schema: every table of the service lives in it. */
  schema: string;
  /** The role tenant transactions run as: neither owner nor BYPASSRLS, so row-level security applies. */
  appRole?: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Run pending migrations while opening (the default); the `migrate` command runs them alone. */
  migrate?: boolean;
  logging?: boolean;
}

export const DEFAULT_APP_ROLE = 'sim_app';

/**
 * A service's database: TypeORM over PostgreSQL or PGlite, migrations only (never
 * `synchronize`), and the two ways to open a transaction.
 */
export class Database {
  private constructor(
    readonly dataSource: DataSource,
    readonly schema: string,
    readonly appRole: string,
    readonly kind: DatabaseTarget['kind'],
  ) {}

  static async open(options: DatabaseOptions): Promise<Database> {
    const appRole = options.appRole ?? DEFAULT_APP_ROLE;
    if (!isSqlIdentifier(options.schema)) throw new Error(`invalid schema name "${options.schema}"`);
    if (!isSqlIdentifier(appRole)) throw new Error(`invalid application role "${appRole}"`);
    const dataSource = new DataSource({
      type: 'postgres',
      ...(options.target.kind === 'postgres'
        ? { url: options.target.url, poolSize: options.target.poolSize ?? 10, ...(options.target.ssl ? { ssl: options.target.ssl } : {}) }
        : { driver: pgliteDriver(options.target.instance) }),
      schema: options.schema,
      entities: options.entities,
      migrations: options.migrations,
      migrationsTableName: 'migrations',
      migrationsTransactionMode: 'each',
      synchronize: false,
      // Failed queries surface as errors to their callers (and unexpected ones are logged
      // there); logging them here too would print every refused row-level-security write.
      logging: options.logging ? ['error', 'warn', 'query'] : false,
    });
    await dataSource.initialize();
    const database = new Database(dataSource, options.schema, appRole, options.target.kind);
    if (options.migrate ?? true) await database.migrate();
    return database;
  }

  /** Applies pending migrations; concurrent starts of the same service wait for one another. */
  async migrate(): Promise<string[]> {
    await this.dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${this.schema}"`);
    if (this.kind === 'pglite') return (await this.dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${this.schema}`]);
      return (await this.dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${this.schema}`]).catch(() => undefined);
      await runner.release();
    }
  }

  /**
   * A transaction that can only see and write the given tenant's rows: the tenant is set
   * with SET LOCAL inside the transaction, never on the pooled session, and the transaction
   * runs as the application role so row-level security applies even when the pool logs in
   * as the schema owner.
   */
  withTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(this.tenantSettings(tenantId), work);
  }

  /**
   * One statement in a tenant transaction of its own, in one round trip: the settings and
   * the statement (its parameters written in as literals, `inlineParameters`) go as one
   * simple query, which PostgreSQL runs as one implicit transaction, committed at its end or
   * rolled back whole. For the pipeline's hottest statements (a conversation step's claim and
   * record), where `withTenant` would take three round trips. Returns the statement's rows.
   *
   * Given several statements (sharing the parameters), they run one after the other in that
   * transaction, each with a snapshot of its own, and the last one's rows are returned.
   */
  async tenantStatement<Row>(tenantId: string, sql: string | readonly string[], params: readonly unknown[]): Promise<Row[]> {
    const settings = this.tenantSettings(tenantId);
    const statements = typeof sql === 'string' ? [sql] : sql;
    const pool = this.driverPool();
    const client = await pool.connect();
    const session = sessionStatements(pool, client);
    try {
      const texts: string[] = [];
      for (const statement of statements) {
        // Several statements share the parameters; each takes those up to the highest `$n` it names.
        const own = statements.length > 1 ? params.slice(0, highestParameter(statement)) : params;
        texts.push(await this.preparedStatement(session, client, settings, statement, own));
      }
      const answer = await client.query(`${settings}; ${texts.join('; ')}`).catch(async (error: { code?: string }) => {
        // A table changed under a prepared statement so that what it answers changed (a newer
        // version's migration): it fails until prepared anew, which the next call does.
        if (error.code === STALE_PREPARED_STATEMENT) {
          for (const statement of statements) {
            const stale = session.forget(this.schema, statement);
            if (stale) await client.query(`DEALLOCATE ${stale}`).catch(() => undefined);
          }
        }
        throw error;
      });
      const last = Array.isArray(answer) ? answer[answer.length - 1] : answer;
      return last.rows as Row[];
    } finally {
      client.release();
    }
  }

  /**
   * A single statement is prepared once per database session (PGlite's one session, or a
   * pool's connection), under this service's role and search path as it will run, and then
   * only executed: parsing and planning the pipeline's longer statements cost as much as
   * running them, on PGlite and on PostgreSQL alike (ADR 0018). PostgreSQL re-plans a
   * prepared statement by itself when what it depends on changes (tables, role, search path).
   */
  private async preparedStatement(statements: SessionStatements, client: DriverClient, settings: string, sql: string, params: readonly unknown[]): Promise<string> {
    const prepared = sql.includes(';') ? null : statements.nameFor(this.schema, sql);
    if (!prepared) return inlineParameters(sql, params);
    if (!prepared.known) {
      try {
        await client.query(`START TRANSACTION; ${settings}; PREPARE ${prepared.name} AS ${sql}; COMMIT`);
        statements.remember(this.schema, sql, prepared.name);
      } catch {
        // E.g. a parameter whose type only its value tells: it runs unprepared, and a real
        // error in the statement surfaces from that run.
        await client.query('ROLLBACK').catch(() => undefined);
        statements.remember(this.schema, sql, null);
        return inlineParameters(sql, params);
      }
    }
    const literals = params.map((_, i) => `$${i + 1}`).join(', ');
    return inlineParameters(params.length ? `EXECUTE ${prepared.name}(${literals})` : `EXECUTE ${prepared.name}`, params);
  }

  /**
   * SET LOCAL, not `SELECT set_config(...)`: a utility statement is not planned, and these
   * settings open every tenant transaction and every tenant statement (on PGlite they took
   * a quarter as long, ADR 0012). The role and schema are checked SQL
   * identifiers; the tenant id is written as a literal. Inside a multi-statement query,
   * which PostgreSQL runs as one implicit transaction, SET LOCAL holds until its end.
   */
  private tenantSettings(tenantId: string): string {
    if (!tenantId) throw new Error('a tenant transaction needs a tenant id');
    return `SET LOCAL ROLE "${this.appRole}"; SET LOCAL app.tenant_id = ${sqlLiteral(tenantId)}; SET LOCAL search_path TO "${this.schema}", public`;
  }

  /**
   * A system transaction whose first statement rides with its BEGIN, in one round trip: the
   * statement (no parameters: write values in as literals) runs, `work` gets its rows, and the
   * transaction commits when `work` resolves or rolls back when it throws. For the outbox
   * relay, whose pass is one statement, a publish, and the commit, in every service many
   * times a second.
   */
  async systemTransaction<Row, T>(firstStatement: string, work: (rows: Row[]) => Promise<T>): Promise<T> {
    const client = await this.driverPool().connect();
    try {
      return await commitOrRollBack(
        (sql) => client.query(sql),
        async () => {
          const answer = await client.query(`START TRANSACTION; ${this.systemSettings()}; ${firstStatement}`);
          const last = Array.isArray(answer) ? answer[answer.length - 1] : answer;
          return work(last.rows as Row[]);
        },
      );
    } finally {
      client.release();
    }
  }

  /** A transaction for the platform's own bookkeeping (outbox relay, idempotency, tenant registry). */
  withSystem<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transaction(this.systemSettings(), work);
  }

  private systemSettings(): string {
    return `SET LOCAL search_path TO "${this.schema}", public`;
  }

  /** The driver's own pool, past TypeORM, which shapes multi-statement answers per driver. */
  private driverPool(): DriverPool {
    return (this.dataSource.driver as unknown as { master: DriverPool }).master;
  }

  /**
   * BEGIN and the transaction's settings go in one round trip (a simple-protocol query of
   * two statements): a pipeline step is a handful of short transactions, and on PGlite, or
   * over a network, each round trip costs about as much as the statement it carries. The
   * query runner is then told that it is inside a transaction, as TypeORM's own
   * `transaction()` would leave it, so that nothing in `work` starts another one.
   */
  private async transaction<T>(settings: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const state = runner as unknown as { isTransactionActive: boolean; transactionDepth: number };
    try {
      return await commitOrRollBack(
        (sql) => runner.query(sql),
        async () => {
          await runner.query(`START TRANSACTION; ${settings}`);
          state.isTransactionActive = true;
          state.transactionDepth = 1;
          return work(runner.manager);
        },
      );
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
      await runner.release();
    }
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Runs `work`, which opens a transaction, then commits; rolls back if anything fails. The
 * original error is what the caller needs, even if the rollback fails too.
 */
async function commitOrRollBack<T>(query: (sql: string) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await query('COMMIT');
    return result;
  } catch (error) {
    await query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** What TypeORM's postgres driver keeps as `master`: a pg Pool, or PGlitePool. */
interface DriverClient {
  query(sql: string): Promise<{ rows: unknown[] } | { rows: unknown[] }[]>;
  release(): void;
}

interface DriverPool {
  connect(): Promise<DriverClient>;
}

/** PostgreSQL's "cached plan must not change result type" (feature_not_supported). */
const STALE_PREPARED_STATEMENT = '0A000';

/** A pg connection's prepared statements: its client object lives as long as the connection. */
const statementsByConnection = new WeakMap<object, SessionStatements>();

/** The prepared statements of the session `client` is: PGlite's one, or the pg connection's own. */
function sessionStatements(pool: DriverPool, client: DriverClient): SessionStatements {
  if (pool instanceof PGlitePool) return pool.prepared;
  let statements = statementsByConnection.get(client);
  if (!statements) statementsByConnection.set(client, (statements = new SessionStatements()));
  return statements;
}

/** The highest `$n` a statement names (0 for none). */
function highestParameter(sql: string): number {
  let highest = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}

function pgliteDriver(instance: EmbeddedPostgres) {
  // TypeORM's postgres driver only needs `Pool` from the `pg` module it is given.
  return {
    Pool: class {
      constructor() {
        return new PGlitePool(instance);
      }
    },
  };
}
