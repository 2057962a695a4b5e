import { PGlitePool } from './pglite-pool';
import type { EmbeddedPostgres } from './pglite-thread';

export interface PGliteMaintenanceOptions {
  /** How often to look at the WAL written since the last checkpoint (default 5 s). */
  checkEveryMs?: number;
  /** WAL since the last checkpoint that calls for maintenance (default 16 MiB, one segment). */
  walBytes?: number;
  onError?: (error: unknown) => void;
}

export interface MaintenanceOutcome {
  /** WAL written since the last checkpoint, as found. */
  walBytes: number;
  /** Whether VACUUM and CHECKPOINT ran. */
  ran: boolean;
}

/**
 * What PostgreSQL's background processes would do, for the embedded database. PGlite runs
 * PostgreSQL as one process, with no checkpointer and no autovacuum: its WAL grows for as
 * long as it runs (in memory, for the embedded default) and dead rows are never reclaimed,
 * so that memory grew with every case a run ever had (ADR 0016).
 *
 * Once a segment's worth of WAL was written since the last checkpoint, a VACUUM reclaims the
 * dead rows those writes left (the outbox's sent messages, the versions of updated cases),
 * then a CHECKPOINT lets PostgreSQL drop the WAL before it, down to `max_wal_size`
 * (`openPGlite`). Both go through the pool's lock, between transactions, never inside one.
 */
export class PGliteMaintenance {
  private readonly pool: PGlitePool;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    instance: EmbeddedPostgres,
    private readonly options: PGliteMaintenanceOptions = {},
  ) {
    this.pool = new PGlitePool(instance);
  }

  start(): void {
    const schedule = () => {
      this.timer = setTimeout(() => {
        this.running = this.runOnce()
          .catch((error) => this.options.onError?.(error))
          .finally(() => {
            this.running = undefined;
            if (this.timer) schedule();
          });
      }, this.options.checkEveryMs ?? 5_000);
      this.timer.unref();
    };
    schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Looks at the WAL once, and maintains the database if it calls for it. */
  async runOnce(): Promise<MaintenanceOutcome> {
    const walBytes = await this.walSinceCheckpoint();
    if (walBytes < (this.options.walBytes ?? WAL_SEGMENT_BYTES)) return { walBytes, ran: false };
    // Each on its own: neither may run inside a transaction block.
    await this.exclusive('VACUUM');
    await this.exclusive('CHECKPOINT');
    return { walBytes, ran: true };
  }

  private async walSinceCheckpoint(): Promise<number> {
    const result = await this.exclusive(`SELECT (pg_current_wal_insert_lsn() - (SELECT redo_lsn FROM pg_control_checkpoint()))::float8 AS bytes`);
    return Number((result.rows[0] as { bytes: number }).bytes);
  }

  private async exclusive(sql: string) {
    const client = (await this.pool.connect()) as { query(sql: string): Promise<{ rows: unknown[] }>; release(): void };
    try {
      return await client.query(sql);
    } finally {
      client.release();
    }
  }
}

const WAL_SEGMENT_BYTES = 16 * 1024 * 1024;
