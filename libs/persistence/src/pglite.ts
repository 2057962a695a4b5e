import { PGlite, types } from '@electric-sql/pglite';
import { PGliteThread } from './pglite-thread';

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

/**
 * The WAL PostgreSQL keeps after a checkpoint: its floor of two segments, where its default
 * keeps up to 1 GB. PGlite has no checkpointer; PGliteMaintenance checkpoints (ADR 0016).
 */
const onDiskStartParams = [...PGlite.defaultStartParams, '-c', 'max_wal_size=32MB', '-c', 'min_wal_size=32MB'];

/**
 * For a database in memory, one more: a new WAL segment is not filled with zeros first.
 * PostgreSQL zero-fills a segment in 8 KiB writes, and each write grew the in-memory file by
 * a copy of the whole file so far; without it the segment gets its full size in one write.
 * An insert-heavy loop writing 36 MB of WAL ran 8% faster. On disk the zeros stay: they make
 * the file system allocate the space up front, so that a full disk fails the new segment
 * instead of a later WAL write.
 */
const inMemoryStartParams = [...onDiskStartParams, '-c', 'wal_init_zero=off'];

/**
 * Opens the embedded database: a real PostgreSQL compiled to WASM, in this process.
 * `dataDir` keeps it on disk across restarts; without it the database lives in memory.
 */
export async function openPGlite(dataDir?: string): Promise<PGlite> {
  return PGlite.create({ ...(dataDir ? { dataDir, startParams: onDiskStartParams } : { startParams: inMemoryStartParams }), ...byteaCodecs });
}

/**
 * The same database on a thread of its own (ADR 0025): what the embedded default runs, so
 * that PostgreSQL's work does not queue behind the services' and theirs not behind it.
 */
export async function openPGliteThread(dataDir?: string): Promise<PGliteThread> {
  return PGliteThread.open({ dataDir, startParams: dataDir ? onDiskStartParams : inMemoryStartParams, parsers: byteaCodecs.parsers });
}
