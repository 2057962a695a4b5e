import type { EntityManager } from 'typeorm';
import { MessageHeaders, PermanentMessageError, type BusMessage } from '@sim/bus';
import type { Database } from './database';
import { rowsOf } from './sql';

/** A message a consumer handles at most once: its dedupe row's key. */
export interface MessageOnce {
  consumer: string;
  messageId: string;
}

/**
 * The tenant a message is about and its dedupe key, from its headers; a message without
 * them cannot be handled once, and fails for good.
 */
export function messageOnce(consumer: string, message: BusMessage): { tenantId: string; once: MessageOnce } {
  const tenantId = message.headers[MessageHeaders.tenantId];
  const messageId = message.headers[MessageHeaders.messageId];
  if (!tenantId) throw new PermanentMessageError(`message on ${message.topic} has no ${MessageHeaders.tenantId} header`);
  if (!messageId) throw new PermanentMessageError(`message on ${message.topic} has no ${MessageHeaders.messageId} header`);
  return { tenantId, once: { consumer, messageId } };
}

/**
 * Runs a handler at most once per (consumer, message id), in the tenant's transaction:
 * the dedupe row and the handler's writes commit together, so a redelivered message
 * (Kafka delivers at least once) changes nothing the second time.
 * Returns false when the message had already been handled.
 */
export async function handleOnce(
  db: Database,
  consumer: string,
  message: BusMessage,
  work: (manager: EntityManager, tenantId: string) => Promise<void>,
): Promise<boolean> {
  const { tenantId, once } = messageOnce(consumer, message);
  return db.withTenant(tenantId, async (manager) => {
    const inserted: unknown[] = await manager.query(
      'INSERT INTO processed_message (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
      [once.consumer, once.messageId],
    );
    if (inserted.length === 0) return false;
    await work(manager, tenantId);
    return true;
  });
}

/**
 * How long a consumer remembers the messages it handled. A message comes back only until its
 * offset is committed, within seconds of its handling; seven days is also how long Kafka
 * keeps a message by default, after which no copy of it is left to deliver again.
 */
export const PROCESSED_MESSAGE_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface ProcessedMessagePrunerOptions {
  retentionMs?: number;
  /** How often to prune (default hourly; the first pass a minute after start). */
  intervalMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Forgets handled messages past their retention. Without it `processed_message` gains a
 * row for every message a service ever handled (several per test case), in PostgreSQL and
 * in the embedded default's memory alike. Deletes go in batches, each its own short
 * transaction, so that pruning a large backlog holds no lock for long.
 */
export class ProcessedMessagePruner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly db: Database,
    private readonly options: ProcessedMessagePrunerOptions = {},
  ) {}

  start(): void {
    const schedule = (delayMs: number) => {
      this.timer = setTimeout(() => {
        this.running = this.prune()
          .catch((error) => this.options.onError?.(error))
          .finally(() => {
            this.running = undefined;
            if (this.timer) schedule(this.options.intervalMs ?? HOUR_MS);
          });
      }, delayMs);
      this.timer.unref();
    };
    schedule(Math.min(this.options.intervalMs ?? HOUR_MS, MINUTE_MS));
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Deletes the rows older than the retention; returns how many. */
  async prune(): Promise<number> {
    const retentionMs = this.options.retentionMs ?? PROCESSED_MESSAGE_RETENTION_MS;
    let total = 0;
    for (;;) {
      const deleted = await this.db.withSystem(async (manager) => {
        const rows: unknown[] = rowsOf(
          await manager.query(
            `DELETE FROM processed_message WHERE ctid IN (
               SELECT ctid FROM processed_message WHERE processed_at < now() - $1 * interval '1 millisecond' LIMIT $2)
             RETURNING 1`,
            [retentionMs, PRUNE_BATCH],
          ),
        );
        return rows.length;
      });
      total += deleted;
      if (deleted < PRUNE_BATCH) return total;
    }
  }
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const PRUNE_BATCH = 5_000;
