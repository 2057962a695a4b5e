import type { PGlite } from '@electric-sql/pglite';
import { openPGlite } from './pglite';
import { PGliteMaintenance } from './pglite-maintenance';
import { PGlitePool } from './pglite-pool';

describe('PGliteMaintenance', () => {
  let db: PGlite;

  beforeEach(async () => {
    db = await openPGlite();
    await db.exec('CREATE TABLE churn (id serial PRIMARY KEY, body text NOT NULL)');
  });
  afterEach(() => db.close());

  /** Sent messages in miniature: rows written and deleted again, leaving WAL and dead rows behind. */
  async function churn(rounds: number): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      await db.exec(`INSERT INTO churn (body) SELECT repeat('x', 1000) FROM generate_series(1, 2000)`);
      await db.exec('DELETE FROM churn');
    }
  }
  const walFiles = async () => (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_ls_waldir()')).rows[0].n;
  const tableBytes = async () => (await db.query<{ bytes: number }>(`SELECT pg_relation_size('churn')::int AS bytes`)).rows[0].bytes;

  it('checkpoints and vacuums once a segment of WAL was written, so WAL and dead rows stop piling up', async () => {
    await churn(25);
    const [walBefore, tableBefore] = [await walFiles(), await tableBytes()];
    expect(walBefore).toBeGreaterThan(3);
    expect(tableBefore).toBeGreaterThan(1_000_000);

    const outcome = await new PGliteMaintenance(db).runOnce();

    expect(outcome.ran).toBe(true);
    expect(outcome.walBytes).toBeGreaterThan(16 * 1024 * 1024);
    expect(await walFiles()).toBeLessThanOrEqual(3);
    expect(await tableBytes()).toBe(0);
  });

  it('does nothing while less WAL than that was written', async () => {
    await churn(1);
    const tableBefore = await tableBytes();
    const outcome = await new PGliteMaintenance(db).runOnce();
    expect(outcome.ran).toBe(false);
    expect(await tableBytes()).toBe(tableBefore);
  });

  it('waits for a transaction in progress instead of running inside it', async () => {
    await churn(2);
    const client = (await new PGlitePool(db).connect()) as { query(sql: string): Promise<unknown>; release(): void };
    await client.query('START TRANSACTION');
    await client.query(`INSERT INTO churn (body) VALUES ('kept')`);
    let finished = false;
    const maintained = new PGliteMaintenance(db, { walBytes: 1 }).runOnce().then((outcome) => ((finished = true), outcome));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(finished).toBe(false);

    await client.query('COMMIT');
    client.release();

    expect((await maintained).ran).toBe(true);
    expect((await db.query('SELECT body FROM churn')).rows).toEqual([{ body: 'kept' }]);
  });

  it('runs on its own once started, and stops', async () => {
    await churn(20);
    const walBefore = await walFiles();
    const errors: unknown[] = [];
    const maintenance = new PGliteMaintenance(db, { checkEveryMs: 10, onError: (error) => errors.push(error) });
    maintenance.start();
    const deadline = Date.now() + 10_000;
    while ((await walFiles()) >= walBefore && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await maintenance.stop();
    expect(await walFiles()).toBeLessThan(walBefore);
    expect(errors).toEqual([]);
  });
});
