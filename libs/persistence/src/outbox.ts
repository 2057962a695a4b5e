import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { MessageHeaders, type MessageBus } from '@sim/bus';
import type { Database } from './database';

export interface OutboxMessage {
  tenantId: string;
  topic: string;
  key: string;
  value: Uint8Array;
  headers?: Record<string, string>;
}

/**
 * Writes a message in the same transaction as the change it announces, so the change and
 * its event commit or roll back together; the relay publishes it afterwards.
 */
export async function enqueueOutbox(manager: EntityManager, message: OutboxMessage): Promise<void> {
  const headers = {
    ...message.headers,
    [MessageHeaders.tenantId]: message.tenantId,
    [MessageHeaders.messageId]: message.headers?.[MessageHeaders.messageId] ?? randomUUID(),
  };
  await manager.query(
    'INSERT INTO outbox (tenant_id, topic, message_key, payload, headers) VALUES ($1, $2, $3, $4, $5)',
    [message.tenantId, message.topic, message.key, Buffer.from(message.value), JSON.stringify(headers)],
  );
}

interface OutboxRow {
  id: string;
  topic: string;
  message_key: string;
  payload: Buffer | Uint8Array;
  headers: Record<string, string> | string;
}

export interface OutboxRelayOptions {
  pollIntervalMs?: number;
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Publishes committed outbox rows in id order and deletes them in the same transaction:
 * a crash after publishing and before committing publishes again (at least once), never
 * loses a message. `kick()` after a commit publishes at once; polling covers the rest.
 */
export class OutboxRelay {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: Database,
    private readonly bus: MessageBus,
    private readonly options: OutboxRelayOptions = {},
  ) {}

  start(): void {
    this.stopped = false;
    const interval = this.options.pollIntervalMs ?? 250;
    this.timer = setInterval(() => this.kick(), interval);
    this.timer.unref();
    this.kick();
  }

  /** Publish now (coalesced: at most one pass runs, and one more is queued behind it). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((error) => this.options.onError?.(error))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Publishes until the outbox is empty; returns how many messages were published. */
  async flush(): Promise<number> {
    while (this.running) await this.running;
    return this.drain();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running) await this.running;
    // Hand over what is left now rather than at the next start.
    await this.drain().catch((error) => this.options.onError?.(error));
  }

  private async drain(): Promise<number> {
    const batchSize = this.options.batchSize ?? 200;
    let total = 0;
    for (;;) {
      const published = await this.db.withSystem(async (manager) => {
        const result: OutboxRow[] | [OutboxRow[], number] = await manager.query(
          `DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING id, topic, message_key, payload, headers`,
          [batchSize],
        );
        // TypeORM returns [rows, affected] for DELETE ... RETURNING.
        const rows = (Array.isArray(result[0]) ? result[0] : result) as OutboxRow[];
        rows.sort((a, b) => Number(a.id) - Number(b.id));
        for (const [topic, batch] of groupByTopic(rows)) {
          await this.bus.publish(
            topic,
            batch.map((row) => ({
              key: row.message_key,
              value: new Uint8Array(row.payload),
              headers: typeof row.headers === 'string' ? JSON.parse(row.headers) : row.headers,
            })),
          );
        }
        return rows.length;
      });
      total += published;
      if (published < batchSize) return total;
    }
  }
}

function groupByTopic(rows: OutboxRow[]): Map<string, OutboxRow[]> {
  // Consecutive runs per topic keep the relative order of each topic's messages.
  const groups = new Map<string, OutboxRow[]>();
  for (const row of rows) {
    const list = groups.get(row.topic) ?? [];
    list.push(row);
    groups.set(row.topic, list);
  }
  return groups;
}
