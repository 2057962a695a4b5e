import type { EntityManager } from 'typeorm';
import { MessageHeaders, PermanentMessageError, type BusMessage } from '@sim/bus';
import type { Database } from './database';

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
  const tenantId = message.headers[MessageHeaders.tenantId];
  const messageId = message.headers[MessageHeaders.messageId];
  if (!tenantId) throw new PermanentMessageError(`message on ${message.topic} has no ${MessageHeaders.tenantId} header`);
  if (!messageId) throw new PermanentMessageError(`message on ${message.topic} has no ${MessageHeaders.messageId} header`);
  return db.withTenant(tenantId, async (manager) => {
    const inserted: unknown[] = await manager.query(
      'INSERT INTO processed_message (consumer, message_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
      [consumer, messageId],
    );
    if (inserted.length === 0) return false;
    await work(manager, tenantId);
    return true;
  });
}
