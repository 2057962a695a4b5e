import type { PGlite } from '@electric-sql/pglite';
import { openPGlite, trimPGliteWal } from './pglite';

/** Megabytes of WAL segments PGlite holds. */
async function walMegabytes(db: PGlite): Promise<number> {
  const { rows } = await db.query<{ mb: number }>(`SELECT (sum(size) / 1048576)::int AS mb FROM pg_ls_waldir()`);
  return rows[0].mb;
}

/** Some 20 MB of WAL in small transactions, the way the platform writes. */
async function writeWal(db: PGlite): Promise<void> {
  for (let i = 0; i < 400; i++) await db.query(`INSERT INTO filler (body) SELECT repeat('x', 1000) FROM generate_series(1, 50)`);
  await db.exec('DELETE FROM filler');
}

describe('PGlite write-ahead log', () => {
  let db: PGlite;

  beforeEach(async () => {
    db = await openPGlite();
    await db.exec('CREATE TABLE filler (id serial PRIMARY KEY, body text)');
  });

  afterEach(async () => {
    await db.close();
  });

  it('grows with every write when nothing checkpoints it (single-user PostgreSQL does not by itself)', async () => {
    for (let round = 0; round < 4; round++) await writeWal(db);
    expect(await walMegabytes(db)).toBeGreaterThanOrEqual(64);
  }, 120_000);

  it('stays around its 32 MB floor while trimPGliteWal runs', async () => {
    const trimmer = trimPGliteWal(db, 50);
    try {
      for (let round = 0; round < 4; round++) {
        await writeWal(db);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await trimmer.stop();
    }
    expect(await walMegabytes(db)).toBeLessThanOrEqual(48);
  }, 120_000);
});
