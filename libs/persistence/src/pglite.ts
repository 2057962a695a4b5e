import { PGlite } from '@electric-sql/pglite';

/**
 * Opens the embedded database: a real PostgreSQL compiled to WASM, in this process.
 * `dataDir` keeps it on disk across restarts; without it the database lives in memory.
 */
export async function openPGlite(dataDir?: string): Promise<PGlite> {
  return PGlite.create(dataDir ? { dataDir } : {});
}
