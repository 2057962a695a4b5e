import { EventEmitter } from 'node:events';
import type { PGlite } from '@electric-sql/pglite';

/**
 * A `pg.Pool` look-alike over one PGlite instance, for TypeORM's postgres driver.
 *
 * PGlite is a single connection. Several services share it in the embedded default, and
 * each runs transactions concurrently; without exclusion their statements would
 * interleave inside one another's transactions. So the "pool" hands out its one
 * connection to one holder at a time: TypeORM holds it from `connect` until it calls
 * `release`, which spans a whole transaction.
 */
export class PGlitePool extends EventEmitter {
  private static readonly locks = new WeakMap<PGlite, Mutex>();
  private readonly mutex: Mutex;

  constructor(private readonly db: PGlite) {
    super();
    let mutex = PGlitePool.locks.get(db);
    if (!mutex) PGlitePool.locks.set(db, (mutex = new Mutex()));
    this.mutex = mutex;
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
      const result = values && values.length > 0 ? await this.db.query(sql, values) : await this.execLast(sql);
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

  private async execLast(sql: string) {
    const results = await this.db.exec(sql);
    return results[results.length - 1] ?? { rows: [], affectedRows: 0, fields: [] };
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
