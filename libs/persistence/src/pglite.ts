import { PGlite, types } from '@electric-sql/pglite';
import { PGlitePool } from './pglite-pool';

/**
 * bytea in and out through Node's native hex codec. PGlite's own converts byte by byte in
 * JavaScript, and the platform's bytea columns (outbox payloads, conversation requests, case
 * snapshots) are read and written on every pipeline step: that conversion alone was a tenth
 * of the embedded default's database time (ADR 0011).
 */
const byteaCodecs = {
  serializers: {
    [types.BYTEA]: (value: unknown) => {
      if (!(value instanceof Uint8Array)) throw new Error('Invalid input for bytea type');
      return `\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
    },
  },
  parsers: { [types.BYTEA]: (text: string) => Buffer.from(text.slice(2), 'hex') },
};

/** WAL kept between checkpoints (PostgreSQL's floor for max_wal_size is two 16 MB segments). */
const WAL_KEPT = '32MB';
const WAL_CHECKPOINT_BYTES = 32 * 1024 * 1024;

/**
 * Opens the embedded database: a real PostgreSQL compiled to WASM, in this process.
 * `dataDir` keeps it on disk across restarts; without it the database lives in memory.
 */
export async function openPGlite(dataDir?: string): Promise<PGlite> {
  return PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...byteaCodecs,
    startParams: [...PGlite.defaultStartParams, '-c', `max_wal_size=${WAL_KEPT}`, '-c', `min_wal_size=${WAL_KEPT}`],
  });
}

/**
 * Keeps PGlite's write-ahead log from growing without end: PGlite runs PostgreSQL as a
 * single-user backend, which never checkpoints by itself, so every write stays in the WAL,
 * in memory (or on disk with a data directory), for as long as the process runs. Every
 * `intervalMs` this checks how much WAL was written since the last checkpoint and, past
 * 32 MB, checkpoints, after which PostgreSQL recycles the old segments. The check and the
 * checkpoint wait for the transaction in progress, like any other work on PGlite.
 */
export function trimPGliteWal(instance: PGlite, intervalMs = 5_000): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const check = () =>
    PGlitePool.exclusive(instance, async () => {
      if (instance.closed) return;
      const { rows } = await instance.query<{ bytes: string | number }>(
        `SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), (SELECT redo_lsn FROM pg_control_checkpoint())) AS bytes`,
      );
      if (Number(rows[0]?.bytes ?? 0) >= WAL_CHECKPOINT_BYTES) await instance.exec('CHECKPOINT');
    });
  const timer = setInterval(() => {
    // A slow checkpoint is not started twice; a failed check is tried again at the next tick.
    running ??= check()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
