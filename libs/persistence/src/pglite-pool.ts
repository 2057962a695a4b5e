import { EventEmitter } from 'node:events';
import { parse, protocol } from '@electric-sql/pglite';
import type { EmbeddedPostgres } from './pglite-thread';
import { SessionStatements } from './session-statements';
import { toPostgresText } from './sql';

/**
 * A `pg.Pool` look-alike over one PGlite instance (in this thread or its own), for TypeORM's postgres driver.
 *
 * PGlite is a single connection. Several services share it in the embedded default, and
 * each runs transactions concurrently; without exclusion their statements would
 * interleave inside one another's transactions. So the "pool" hands out its one
 * connection to one holder at a time: TypeORM holds it from `connect` until it calls
 * `release`, which spans a whole transaction.
 */
export class PGlitePool extends EventEmitter {
  private static readonly locks = new WeakMap<EmbeddedPostgres, Mutex>();
  private static readonly preparedByInstance = new WeakMap<EmbeddedPostgres, SessionStatements>();
  private static readonly statementsByInstance = new WeakMap<EmbeddedPostgres, Map<string, string>>();
  private readonly mutex: Mutex;
  /** Named statements parsed in the PGlite session (shared by every pool over the instance): text -> name. */
  private readonly statements: Map<string, string>;
  /** Statements prepared in the PGlite session (shared by every pool over the instance). */
  readonly prepared: SessionStatements;

  constructor(private readonly db: EmbeddedPostgres) {
    super();
    let mutex = PGlitePool.locks.get(db);
    if (!mutex) PGlitePool.locks.set(db, (mutex = new Mutex()));
    this.mutex = mutex;
    let prepared = PGlitePool.preparedByInstance.get(db);
    if (!prepared) PGlitePool.preparedByInstance.set(db, (prepared = new SessionStatements()));
    this.prepared = prepared;
    let statements = PGlitePool.statementsByInstance.get(db);
    if (!statements) PGlitePool.statementsByInstance.set(db, (statements = new Map()));
    this.statements = statements;
  }

  connect(callback?: (err: Error | null, client: unknown, release: () => void) => void): Promise<unknown> {
    const acquired = this.mutex.acquire().then((release) => {
      let released = false;
      // TypeORM listens for notices on the client, so it must be an emitter.
      const client = Object.assign(new EventEmitter(), {
        query: (sql: string, params?: unknown[] | Callback, cb?: Callback) => this.query(sql, params, cb),
        release: () => {
          if (!released) {
            released = true;
            release();
          }
        },
      });
      return client;
    });
    if (!callback) return acquired;
    acquired.then((client) => callback(null, client, client.release), (error: Error) => callback(error, null, () => undefined));
    return acquired;
  }

  async query(sql: string, params?: unknown[] | Callback, cb?: Callback): Promise<PgLikeResult> {
    const callback = typeof params === 'function' ? params : cb;
    const values = Array.isArray(params) ? params : undefined;
    try {
      const result = values && values.length > 0 ? await this.extendedQuery(sql, values) : await this.execLast(sql);
      const shaped: PgLikeResult = {
        rows: result.rows as unknown[],
        rowCount: result.affectedRows ?? result.rows.length,
        command: commandOf(sql),
        fields: result.fields,
      };
      callback?.(null, shaped);
      return shaped;
    } catch (error) {
      callback?.(error as Error, null);
      throw error;
    }
  }

  /**
   * A statement with parameters as one protocol message (Bind, Describe, Execute, Sync), so
   * PGlite runs it in one pass. `PGlite.query` first asks for the parameters' types and then
   * sends each message on its own, six passes through the WASM module per statement; the
   * parameters are sent as text here instead, converted the way node-postgres converts them
   * (the driver TypeORM writes for), and PostgreSQL infers their types as it does for
   * node-postgres.
   *
   * The statement is parsed once, as a named statement of PGlite's one session, and reused
   * by its text: planning costs as much as running most of the platform's statements.
   * PostgreSQL re-plans a named statement by itself when the tables, role or search path it
   * depends on change.
   */
  private extendedQuery(sql: string, values: unknown[]) {
    return this.db._runExclusiveQuery(async () => {
      const name = await this.namedStatement(sql);
      const message = concatBytes([
        ...(name === '' ? [protocol.serialize.parse({ text: sql })] : []),
        protocol.serialize.bind({ statement: name, values: values.map(toPostgresText) }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]);
      try {
        const { messages } = await this.db.execProtocol(message, NO_FS_SYNC);
        return parse.parseResults(messages, this.db.parsers)[0] ?? { rows: [], affectedRows: 0, fields: [] };
      } catch (error) {
        // A table changed under a statement so that its result type changed: parse it anew next time.
        if (name !== '' && (error as { code?: string }).code === '0A000') await this.forgetStatement(sql, name);
        throw error;
      }
    });
  }

  /** The statement's name once parsed (on first use, in a pass of its own); '' past the cache's size. */
  private async namedStatement(sql: string): Promise<string> {
    const known = this.statements.get(sql);
    if (known) return known;
    if (this.statements.size >= MAX_NAMED_STATEMENTS) return '';
    const name = `sim_q${this.statements.size + 1}`;
    await this.db.execProtocol(concatBytes([protocol.serialize.parse({ name, text: sql }), protocol.serialize.sync()]), NO_FS_SYNC);
    this.statements.set(sql, name);
    return name;
  }

  private async forgetStatement(sql: string, name: string): Promise<void> {
    this.statements.delete(sql);
    await this.db.execProtocol(concatBytes([protocol.serialize.close({ type: 'S', name }), protocol.serialize.sync()]), NO_FS_SYNC).catch(() => undefined);
  }

  /**
   * A simple query (one or more statements, no parameters) in one pass: the Query message
   * ends with ReadyForQuery by itself, where `PGlite.exec` sends a Sync after it in a pass of
   * its own. Returns the last statement's result.
   */
  private execLast(sql: string) {
    return this.db._runExclusiveQuery(async () => {
      const { messages } = await this.db.execProtocol(protocol.serialize.query(sql), NO_FS_SYNC);
      const results = parse.parseResults(messages, this.db.parsers);
      return results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
    });
  }

  end(callback?: (err: Error | null) => void): void {
    // The PGlite instance is owned by whoever created it (it may be shared): do not close it here.
    callback?.(null);
  }
}

type Callback = (err: Error | null, result: unknown) => void;
interface PgLikeResult {
  rows: unknown[];
  rowCount: number;
  command: string;
  fields: unknown;
}

function commandOf(sql: string): string {
  return (/^\s*(\w+)/.exec(sql)?.[1] ?? '').toUpperCase();
}

/**
 * PGlite would flush its file system after every exchange. The embedded default keeps its
 * database in memory or in Node's file system, whose flush does nothing: skipping it saves a
 * lock and a few turns of the microtask queue per statement. (Browsers' IndexedDB would need it.)
 */
const NO_FS_SYNC = { syncToFs: false };

/** The platform sends a few hundred distinct statement texts; lists of ids make more, which run unnamed. */
const MAX_NAMED_STATEMENTS = 2000;

function concatBytes(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

class Mutex {
  private tail: Promise<void> = Promise.resolve();
  acquire(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => next);
    return ready;
  }
}
