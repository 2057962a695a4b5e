import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPGlite, openPGliteThread } from './pglite';
import { PGlitePool } from './pglite-pool';
import type { EmbeddedPostgres, PGliteThread } from './pglite-thread';

type Row = Record<string, unknown>;

async function query(db: EmbeddedPostgres, sql: string, params?: unknown[]): Promise<Row[]> {
  return (await new PGlitePool(db).query(sql, params)).rows as Row[];
}

describe('PGlite on its own thread', () => {
  let thread: PGliteThread;

  beforeAll(async () => {
    thread = await openPGliteThread();
  });

  afterAll(async () => {
    await thread.close();
  });

  it('returns the same values as PGlite in this thread: bytes, arrays, JSON, times, numbers', async () => {
    const inThread = await openPGlite();
    try {
      const sql = `SELECT $1::bytea AS bytes, ARRAY[1, 2, 3]::int[] AS ints, ARRAY['a', 'b,c']::text[] AS texts,
        '{"k": [1, "x"]}'::jsonb AS doc, '2026-11-25T10:00:00Z'::timestamptz AS at, 12.5::float8 AS f, 7::int8 AS big,
        gen_random_uuid() IS NOT NULL AS ok, NULL::text AS nothing`;
      const params = [Buffer.from([0, 1, 254, 255])];
      const [fromThread] = await query(thread, sql, params);
      const [fromHere] = await query(inThread, sql, params);
      expect(fromThread).toEqual(fromHere);
      expect(Buffer.isBuffer(fromThread.bytes)).toBe(true);
      expect([...(fromThread.bytes as Buffer)]).toEqual([0, 1, 254, 255]);
      expect(fromThread.texts).toEqual(['a', 'b,c']);
      expect(fromThread.at).toEqual(new Date('2026-11-25T10:00:00Z'));
    } finally {
      await inThread.close();
    }
  });

  it('raises PostgreSQL errors with their code and constraint, and goes on working after one', async () => {
    await query(thread, `CREATE TABLE thread_errors (id int PRIMARY KEY)`);
    await query(thread, `INSERT INTO thread_errors VALUES ($1)`, [1]);
    await expect(query(thread, `INSERT INTO thread_errors VALUES ($1)`, [1])).rejects.toMatchObject({
      code: '23505',
      constraint: 'thread_errors_pkey',
      message: expect.stringContaining('duplicate key'),
    });
    await expect(query(thread, `SELECT count(*)::int AS n FROM thread_errors`)).resolves.toEqual([{ n: 1 }]);
  });

  it('keeps this thread free while the database works', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 20);
    try {
      await query(thread, `SELECT pg_sleep(0.6)`);
    } finally {
      clearInterval(timer);
    }
    // Run in this thread, the statement would hold the event loop for all of its 600 ms.
    expect(ticks).toBeGreaterThanOrEqual(10);
  });

  it('tells what its thread holds after a garbage collection: a heap, and the WASM memory beside it', async () => {
    const memory = await thread.collectGarbage();
    expect(memory.heapUsed).toBeGreaterThan(1024 * 1024);
    // PGlite's WASM memory alone is well over 100 MiB.
    expect(memory.external).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('keeps a database on disk across a close and a new start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pglite-thread-'));
    try {
      const first = await openPGliteThread(dataDir);
      await query(first, `CREATE TABLE kept (note text)`);
      await query(first, `INSERT INTO kept VALUES ($1)`, ['still here']);
      await first.close();
      await expect(query(first, `SELECT 1`)).rejects.toThrow(/closed/);

      const second = await openPGliteThread(dataDir);
      try {
        await expect(query(second, `SELECT note FROM kept`)).resolves.toEqual([{ note: 'still here' }]);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('fails every statement with the reason once its thread has died, and says so once', async () => {
    const dying = await openPGliteThread();
    const told: Error[] = [];
    dying.onUnexpectedStop((reason) => told.push(reason));
    const waiting = query(dying, `SELECT pg_sleep(5)`);
    // As if the thread crashed: it stops without being closed.
    await (dying as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    await expect(waiting).rejects.toThrow(/the embedded database stopped/);
    await expect(query(dying, `SELECT 1`)).rejects.toThrow(/the embedded database stopped/);
    expect(told.map((reason) => reason.message)).toEqual([expect.stringMatching(/the embedded database stopped/)]);
    await dying.close();
    expect(told).toHaveLength(1);
  });

  it('tells nobody of a stop when it was closed', async () => {
    const closing = await openPGliteThread();
    const told: Error[] = [];
    closing.onUnexpectedStop((reason) => told.push(reason));
    await closing.close();
    expect(told).toEqual([]);
  });

  it('says why when the database cannot start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pglite-thread-'));
    const notADirectory = join(dir, 'file');
    writeFileSync(notADirectory, 'not a database');
    try {
      await expect(openPGliteThread(notADirectory)).rejects.toThrow(/the embedded database could not start/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not keep a process alive once its statements are answered', async () => {
    // A script that opens the database, runs a statement and never closes it must still exit.
    const script = `
      require('@swc-node/register');
      const { openPGliteThread } = require(${JSON.stringify(join(__dirname, 'pglite.ts'))});
      const { PGlitePool } = require(${JSON.stringify(join(__dirname, 'pglite-pool.ts'))});
      openPGliteThread().then((db) => new PGlitePool(db).query('SELECT 41 + 1 AS n')).then((r) => process.stdout.write(String(r.rows[0].n)));
    `;
    const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, SWC_NODE_PROJECT: join(__dirname, '../../../tsconfig.json') } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exit = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 30_000);
      child.on('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
    expect({ exit, output: output.trim() }).toEqual({ exit: 0, output: '42' });
  }, 40_000);
});
