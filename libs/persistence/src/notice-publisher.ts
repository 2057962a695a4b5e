import type { MessageBus, TopicBatch } from '@sim/bus';
import { outsideTrace } from '@sim/observability';
import { publishedHeaders, type OutboxMessage } from './outbox';

export interface NoticePublisherOptions {
  /**
   * How long a notice waits for others to share its publish (default 50 ms; 0: the end of the
   * current turn of the event loop). With Kafka each publish is a produce request, and the
   * producer sends one at a time: notices of many conversations in one request leave it free
   * for the messages the pipeline waits on.
   */
  lingerMs?: number;
  /** Notices waiting to be published beyond which new ones are dropped (the bus is down or slow). */
  maxQueued?: number;
  /** Told once per publish that failed, or per burst of notices dropped for a full queue. */
  onDropped?: (count: number, reason: string) => void;
}

/**
 * Publishes notices: messages that only tell of a change already committed and readable
 * where it is stored, on which no service's state depends (`simulation.turn`). They skip
 * the outbox on purpose (ADR 0020): a notice lost to a crash or a bus failure loses no
 * data, since the change it tells of can be read, while the outbox would cost each one a
 * row written, read and deleted, and a relay pass.
 *
 * Call `publish` after the change committed. Notices queued within `lingerMs` of one another
 * go out in one `publishAll`; one publish runs at a time, so each key's notices keep their
 * order. A failed publish is not retried: its notices are dropped and reported.
 */
export class NoticePublisher {
  private queued: OutboxMessage[] = [];
  private running: Promise<void> | undefined;
  private scheduled = false;
  private dropping = false;

  constructor(
    private readonly bus: MessageBus,
    private readonly options: NoticePublisherOptions = {},
  ) {}

  publish(notices: OutboxMessage[]): void {
    if (notices.length === 0) return;
    const room = (this.options.maxQueued ?? 10_000) - this.queued.length;
    if (room < notices.length) {
      if (!this.dropping) this.options.onDropped?.(notices.length - Math.max(room, 0), 'too many notices are waiting for the bus');
      this.dropping = true;
      if (room <= 0) return;
      notices = notices.slice(0, room);
    }
    // Headers now, in the caller's trace, as the outbox does when it writes a row.
    for (const notice of notices) this.queued.push({ ...notice, headers: publishedHeaders(notice) });
    this.schedule();
  }

  /** Resolves once every notice queued so far was published or dropped. */
  async flush(): Promise<void> {
    while (this.running || this.queued.length > 0) {
      if (!this.running) this.publishQueued();
      await this.running;
    }
  }

  private schedule(): void {
    if (this.scheduled || this.running) return;
    this.scheduled = true;
    const publish = () => {
      this.scheduled = false;
      this.publishQueued();
    };
    const lingerMs = this.options.lingerMs ?? 50;
    if (lingerMs > 0) setTimeout(publish, lingerMs).unref();
    else setImmediate(publish);
  }

  private publishQueued(): void {
    if (this.running || this.queued.length === 0) return;
    const notices = this.queued;
    this.queued = [];
    this.dropping = false;
    this.running = outsideTrace(() => this.bus.publishAll(byTopic(notices)))
      .catch((error: unknown) => this.options.onDropped?.(notices.length, error instanceof Error ? error.message : String(error)))
      .finally(() => {
        this.running = undefined;
        if (this.queued.length > 0) this.schedule();
      });
  }
}

function byTopic(notices: OutboxMessage[]): TopicBatch[] {
  const batches = new Map<string, TopicBatch>();
  for (const notice of notices) {
    let batch = batches.get(notice.topic);
    if (!batch) batches.set(notice.topic, (batch = { topic: notice.topic, messages: [] }));
    batch.messages.push({ key: notice.key, value: notice.value, headers: notice.headers });
  }
  return [...batches.values()];
}
