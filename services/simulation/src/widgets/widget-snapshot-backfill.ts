import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { enqueueOutbox, rowsOf, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { widgetSnapshotMessage, type AnnouncedWidget } from './widget-snapshot';

const BATCH_SIZE = 200;

/**
 * Claims up to $1 widgets whose version is ahead of the last one announced, marking them
 * announced; its caller puts their snapshots in the outbox in the same transaction. A widget
 * another transaction holds (another replica's claim, a user's edit) is skipped: that one
 * announces it. A claim that rolls back leaves the widget for the next start.
 */
export const CLAIM_UNANNOUNCED_WIDGETS = `UPDATE chat_widget w SET announced_version = w.version
  FROM (SELECT id FROM chat_widget WHERE version > announced_version ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED) due
  WHERE w.id = due.id AND w.version > w.announced_version
  RETURNING w.id, w.tenant_id, w.name, w.updated_at, w.version`;

interface UnannouncedRow {
  id: string;
  tenant_id: string;
  name: string;
  updated_at: Date | string;
  version: string | number;
}

/**
 * Announces, at every start, the widgets never announced on `chatwidgets.snapshot`: those
 * created before widgets had snapshots (ADR 0024). Every change since announces itself, so
 * after the first start this finds nothing; replicas starting together share the work.
 */
@Injectable()
export class WidgetSnapshotBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger('simulation');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    try {
      const announced = await this.announceUnannounced();
      if (announced === 0) return;
      this.logger.log(`announced ${announced} chat widget(s) created before widget snapshots existed`);
      this.relay.kick();
    } catch (error) {
      // The service still serves; runs on the widgets left out are refused until a start announces them.
      this.logger.error(`announcing earlier chat widgets failed, the next start tries again: ${(error as Error).message}`);
    }
  }

  /** Announces every widget not announced yet, in batches; returns how many. */
  async announceUnannounced(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await this.db.withSystem(async (manager) => {
        const widgets = rowsOf<UnannouncedRow>(await manager.query(CLAIM_UNANNOUNCED_WIDGETS, [BATCH_SIZE])).map(widgetOf);
        await enqueueOutbox(manager, widgets.map((widget) => widgetSnapshotMessage(widget)));
        return widgets.length;
      });
      total += claimed;
      if (claimed < BATCH_SIZE) return total;
    }
  }
}

function widgetOf(row: UnannouncedRow): AnnouncedWidget {
  return { id: row.id, tenantId: row.tenant_id, name: row.name, updatedAt: new Date(row.updated_at), version: Number(row.version) };
}
