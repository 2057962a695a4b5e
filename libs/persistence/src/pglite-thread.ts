import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { messages, parse, protocol, types, type PGlite } from '@electric-sql/pglite';

/** What the platform uses of an embedded PostgreSQL: a PGlite instance, or a PGliteThread. */
export type EmbeddedPostgres = Pick<PGlite, 'execProtocol' | '_runExclusiveQuery' | 'parsers' | 'close'>;

type ExecResult = Awaited<ReturnType<PGlite['execProtocol']>>;
type BackendMessage = ExecResult['messages'][number];

interface Pending {
  resolve: (reply: Reply) => void;
  reject: (error: Error) => void;
}

interface Reply {
  id: number;
  bytes?: Uint8Array;
  memory?: ThreadMemory;
  error?: string;
}

/** What the database's thread holds, in bytes: its JavaScript heap, and memory outside it (its WASM memory and in-memory files). */
export interface ThreadMemory {
  heapUsed: number;
  external: number;
}

/**
 * PGlite on a thread of its own (ADR 0025). PGlite runs PostgreSQL inside the thread that
 * calls it: in the embedded default that is the one thread that also runs all five services
 * and the gateway, and the database was about two fifths of its time. On its own thread the
 * database runs while the services go on, on another core.
 *
 * Only the wire protocol crosses: the thread runs the bytes it is sent and answers with the
 * reply's bytes, which are parsed here, with PGlite's own parser and this side's type
 * parsers, exactly as `PGlite.execProtocol` parses them. So PGlitePool, TypeORM and the
 * services see the same results and errors either way.
 */
export class PGliteThread implements EmbeddedPostgres {
  readonly parsers: PGlite['parsers'];
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private exclusive: Promise<unknown> = Promise.resolve();
  private stopped: Error | undefined;
  private readonly stopListeners: ((reason: Error) => void)[] = [];

  private constructor(
    private readonly worker: Worker,
    parsers: PGlite['parsers'],
  ) {
    this.parsers = { ...types.parsers, ...parsers };
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', (error) => this.stop(new Error(`the embedded database stopped: ${error.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`the embedded database stopped (exit ${code})`)));
    // The thread keeps the process alive only while a statement is on its way (see `send`).
    worker.unref();
  }

  /**
   * Starts the thread and opens the database in it. `parsers` add to PGlite's own type
   * parsers, as PGlite's option of that name does.
   */
  static async open(options: { dataDir?: string; startParams: string[]; parsers?: PGlite['parsers'] }): Promise<PGliteThread> {
    const worker = new Worker(join(__dirname, 'pglite-thread.worker.js'), {
      workerData: { dataDir: options.dataDir, startParams: options.startParams },
    });
    let onMessage!: (message: { op: string; error?: string }) => void;
    let onError!: (error: Error) => void;
    try {
      const started = await new Promise<{ op: string; error?: string }>((resolve, reject) => {
        worker.once('message', (onMessage = resolve));
        worker.once('error', (onError = reject));
      });
      if (started.op !== 'ready') throw new Error(`the embedded database could not start: ${started.error}`);
    } catch (error) {
      await worker.terminate();
      throw error;
    } finally {
      worker.off('message', onMessage).off('error', onError);
    }
    const thread = new PGliteThread(worker, options.parsers ?? {});
    await thread.addArrayParsers();
    return thread;
  }

  /** PGlite's `execProtocol`, run on the database's thread. */
  async execProtocol(message: Uint8Array, { throwOnError = true }: { throwOnError?: boolean } = {}): Promise<ExecResult> {
    const data = (await this.send('exec', message.slice())).bytes ?? new Uint8Array(0);
    const results: BackendMessage[] = [];
    let databaseError: messages.DatabaseError | null = null;
    // As PGlite collects them: every message up to and with the first error, which is thrown.
    new protocol.Parser().parse(data, (parsed) => {
      if (databaseError) return;
      if (parsed instanceof messages.DatabaseError && throwOnError) databaseError = parsed;
      results.push(parsed);
    });
    if (databaseError) throw databaseError;
    return { messages: results, data };
  }

  /** Runs `fn` with no other exclusive section in between, as PGlite's method of that name. */
  _runExclusiveQuery<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(fn);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  /**
   * A full garbage collection in the database's thread, and what it holds then: for
   * measurements of what the process holds (the benchmark's), which a GC in the calling
   * thread does not reach. Collects nothing unless the process exposes `gc` (`--expose-gc`,
   * or `v8.setFlagsFromString('--expose-gc')` first).
   */
  async collectGarbage(): Promise<ThreadMemory> {
    return (await this.send('collectGarbage')).memory as ThreadMemory;
  }

  /**
   * Told once if the thread stops before `close()` (it crashed, or ran out of memory): every
   * statement fails from then on, so whoever runs the platform should stop it and say why.
   */
  onUnexpectedStop(listener: (reason: Error) => void): void {
    this.stopListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    await this._runExclusiveQuery(() => this.send('close'));
    this.stop(new Error('the embedded database is closed'), true);
    await this.worker.terminate();
  }

  /** Sends a request; the bytes (a copy the caller keeps no hold of) move to the thread without copying. */
  private send(op: 'exec' | 'collectGarbage' | 'close', bytes?: Uint8Array): Promise<Reply> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, bytes }, bytes ? [bytes.buffer as ArrayBuffer] : []);
    });
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if (reply.error !== undefined) pending.reject(new Error(`the embedded database failed: ${reply.error}`));
    else pending.resolve(reply);
  }

  /** No more statements: those waiting fail with `reason`, and so does every one after. */
  private stop(reason: Error, expected = false): void {
    if (this.stopped) return;
    this.stopped = reason;
    for (const pending of this.pending.values()) pending.reject(reason);
    this.pending.clear();
    if (!expected) for (const listener of this.stopListeners) listener(reason);
  }

  /** Parsers for arrays of every type, as PGlite adds them when it opens. */
  private async addArrayParsers(): Promise<void> {
    const reply = await this.execProtocol(protocol.serialize.query(ARRAY_TYPES));
    const rows = parse.parseResults(reply.messages, this.parsers)[0]?.rows as { oid: number; typarray: number }[];
    for (const { oid, typarray } of rows) {
      this.parsers[typarray] = (text: string) => types.arrayParser(text, this.parsers[oid], typarray);
    }
  }
}

/** The element and array type of every array type: PGlite's own query when it opens. */
const ARRAY_TYPES = `SELECT b.oid, b.typarray FROM pg_catalog.pg_type a
  LEFT JOIN pg_catalog.pg_type b ON b.oid = a.typelem
  WHERE a.typcategory = 'A' GROUP BY b.oid, b.typarray ORDER BY b.oid`;
