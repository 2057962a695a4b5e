import { randomBytes } from 'node:crypto';
import { MessageHeaders, type BusMessage, type MessageBus, type Subscription } from '@sim/bus';
import { TopicSpecs } from '@sim/contracts';
import type { SubscriptionEvent } from './subscription-registry';

export type EventListener = (event: SubscriptionEvent) => void;

/**
 * The gateway's one consumer of the bus, fanning each event out in memory to the websocket
 * subscribers of its topic. Its consumer group is unique to this gateway instance, so every
 * replica sees every event, and starts at the end: subscribers want what happens next.
 *
 * All topics share one bus subscription, opened at start rather than on the first
 * subscriber: joining a Kafka group takes seconds, during which events would be missed, and
 * kafkajs's default assignor expects every member of a group to subscribe to the same topics.
 */
export class SubscriptionHub {
  readonly groupId = `gateway-${randomBytes(6).toString('hex')}`;
  private readonly listeners = new Map<string, Set<EventListener>>();
  private subscription: Subscription | null = null;

  constructor(
    private readonly bus: MessageBus,
    private readonly topics: readonly string[],
    private readonly onListenerError: (error: unknown, topic: string) => void,
  ) {}

  async start(): Promise<void> {
    if (this.topics.length === 0) return;
    // A gateway that starts before the services (a fresh cluster) creates the topics it
    // listens to, as the contract specifies them; existing topics are left as they are. Where
    // the broker's ACLs forbid creating topics they must exist already, and subscribe() below
    // says so if they do not.
    await this.bus.ensureTopics(TopicSpecs.filter((spec) => this.topics.includes(spec.name))).catch(() => undefined);
    this.subscription = await this.bus.subscribe({
      groupId: this.groupId,
      topics: [...this.topics],
      fromBeginning: false,
      // Events only wake re-queries: nothing here is worth retrying or dead-lettering.
      retry: { maxAttempts: 1 },
      partitionConcurrency: 4,
      handler: async (message) => this.dispatch(message),
    });
  }

  /** Calls `listener` for every event of `topic` until the returned function is called. */
  listen(topic: string, listener: EventListener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(topic) === set) this.listeners.delete(topic);
    };
  }

  listenerCount(topic?: string): number {
    if (topic) return this.listeners.get(topic)?.size ?? 0;
    let count = 0;
    for (const set of this.listeners.values()) count += set.size;
    return count;
  }

  async close(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = null;
    this.listeners.clear();
    await subscription?.close();
  }

  private dispatch(message: BusMessage): void {
    const tenantId = message.headers[MessageHeaders.tenantId];
    const listeners = this.listeners.get(message.topic);
    if (!tenantId || !listeners) return;
    const event: SubscriptionEvent = { tenantId, key: message.key, value: message.value, headers: message.headers };
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error, message.topic);
      }
    }
  }
}
