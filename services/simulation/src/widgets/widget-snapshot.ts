import type { EntityManager } from 'typeorm';
import { encode, timestampFromDate, Topics } from '@sim/contracts';
import { enqueueOutbox, type OutboxMessage } from '@sim/persistence';
import type { ChatWidgetEntity } from './chat-widget.entity';

/** What a snapshot says of a widget: no settings, no secrets. */
export type AnnouncedWidget = Pick<ChatWidgetEntity, 'id' | 'tenantId' | 'name' | 'updatedAt' | 'version'>;

/** A widget's snapshot on the compacted `chatwidgets.snapshot` topic, keyed by its id. */
export function widgetSnapshotMessage(widget: AnnouncedWidget, deleted = false): OutboxMessage {
  const value = encode(Topics.chatWidgetsSnapshot, {
    tenantId: widget.tenantId,
    widgetId: widget.id,
    deleted,
    name: widget.name,
    updatedAt: timestampFromDate(widget.updatedAt),
    version: BigInt(widget.version),
  });
  return { tenantId: widget.tenantId, topic: Topics.chatWidgetsSnapshot, key: widget.id, value };
}

/**
 * Every change to a widget is announced through the outbox, in the same transaction as the
 * change: the orchestrator keeps its copy from there and refuses a run on a widget it does
 * not know, without calling this service.
 */
export async function publishWidgetSnapshot(manager: EntityManager, widget: AnnouncedWidget, deleted = false): Promise<void> {
  await enqueueOutbox(manager, widgetSnapshotMessage(widget, deleted));
}
