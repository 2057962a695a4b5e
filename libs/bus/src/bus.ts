/**
 * The one interface every service publishes and consumes through. Two implementations sit
 * behind it (Apache Kafka via kafkajs, and an in-process bus with Kafka's semantics), and
 * services never learn which one they were given.
 */

/** Headers every message carries (ARCHITECTURE.md "Messages"). */
export const MessageHeaders = {
  tenantId: 'x-tenant-id',
  messageId: 'x-message-id',
  traceparent: 'traceparent',
  /** Set on dead-lettered messages: why the message could not be handled. */
  dlqReason: 'x-dlq-reason',
  /** Set on dead-lettered messages: the topic the message was consumed from. */
  dlqSourceTopic: 'x-dlq-source-topic',
  /** Set on dead-lettered messages: how many attempts were made. */
  dlqAttempts: 'x-dlq-attempts',
} as const;

export const deadLetterTopic = (topic: string): string => `${topic}.dlq`;

export interface OutgoingMessage {
  key: string;
  value: Uint8Array;
  headers?: Record<string, string>;
}

export interface BusMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string;
  value: Uint8Array;
  headers: Record<string, string>;
  /** 1 on first delivery to this handler, incremented on each in-consumer retry. */
  attempt: number;
}

export type MessageHandler = (message: BusMessage) => Promise<void>;

export interface RetryPolicy {
  /** Total attempts including the first; after the last failure the message is dead-lettered. */
  maxAttempts: number;
  initialBackoffMs: number;
  maxBackoffMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { maxAttempts: 5, initialBackoffMs: 100, maxBackoffMs: 5_000 };

export interface SubscribeOptions {
  /** Consumer group: each message of a topic reaches one member of each group. */
  groupId: string;
  topics: string[];
  handler: MessageHandler;
  retry?: Partial<RetryPolicy>;
  /** A group with no committed offset starts at the beginning (true) or at the end (false, default). */
  fromBeginning?: boolean;
  /** How many partitions this member handles at once; see maxInFlightPerPartition for order within one. */
  partitionConcurrency?: number;
  /**
   * How many messages of one partition this member handles at once. Default 1: one message at
   * a time, so the whole partition keeps its order.
   *
   * With N > 1 ordering is kept per key instead of per partition (as Confluent's parallel
   * consumer does): up to N messages of a partition run concurrently, but never two with the same
   * key, and a key's messages run in offset order. Use it when handlers are slow (LLM calls) and
   * keys are independent: keys that hash to the same partition no longer wait for each other.
   *
   * - Commits: a partition is committed only up to its oldest unfinished message. Messages that
   *   finished after it are redelivered if the member crashes or leaves (at least once, never lost).
   * - Retries, backoff and dead-lettering work per message as before; a message being retried
   *   holds one of the N slots and blocks only later messages of its own key.
   * - `close()` is unchanged: handlers in progress are left to finish unobserved, and every
   *   message not committed comes back to the member that takes the partition over.
   * - partitionConcurrency still bounds how many partitions run at once, so a member runs up to
   *   partitionConcurrency × N handlers.
   * - Kafka: a fetched batch is worked through this way before the partition's next fetch, so
   *   one slow key can hold its partition's next batch back (never other keys of this batch).
   */
  maxInFlightPerPartition?: number;
}

export interface Subscription {
  /**
   * Leaves the group now, without waiting for a handler in progress: that message is not
   * committed, so the member that takes its partition over gets it again (at least once), and
   * the late handler's outcome is ignored. Safe to call twice.
   */
  close(): Promise<void>;
}

export interface TopicSpec {
  name: string;
  partitions?: number;
  /** Keep only the newest message per key (Kafka's log compaction). */
  compacted?: boolean;
}

/** Messages for one topic, in the order they are to be stored. */
export interface TopicBatch {
  topic: string;
  messages: OutgoingMessage[];
}

export interface MessageBus {
  readonly kind: 'kafka' | 'in-process';
  /** Creates the topics (and their dead-letter topics) that do not exist yet; existing ones are left as they are. */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  /**
   * Resolves once the messages are stored (Kafka: acknowledged by all in-sync replicas), never
   * waiting for a handler. Messages with the same key go to one partition, in order.
   */
  publish(topic: string, messages: OutgoingMessage[]): Promise<void>;
  /**
   * `publish` for several topics at once (Kafka: one produce request for all of them), as the
   * outbox relay sends what one pass found. Each topic's messages keep their order.
   */
  publishAll(batches: TopicBatch[]): Promise<void>;
  /**
   * Resolves once the member has joined its group and is consuming: a message published after
   * that reaches the group even when it starts from the end.
   */
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /**
   * The first step of a graceful shutdown: every subscription stops fetching and starts no
   * handler; handlers in progress get up to `timeoutMs` to finish and be committed. Those still
   * running then are handed back: left uncommitted, so the member that takes the partition over
   * (another replica, or this service after a restart) gets the message again. Pending retries
   * are dropped the same way. Publishing keeps working (the outbox is flushed after this) until
   * close(). Resolves with whether everything finished in time.
   */
  drain(options: DrainOptions): Promise<DrainResult>;
  /**
   * Resolves when the bus can carry messages right now (Kafka: a broker answered a metadata
   * request within `timeoutMs`); rejects with the reason otherwise. Readiness probes use it.
   */
  checkHealth(timeoutMs?: number): Promise<void>;
  /**
   * Stops every subscription gracefully: handlers in progress finish and are committed, pending
   * retries are dropped (those messages are redelivered later); then closes connections.
   */
  close(): Promise<void>;
}

export interface DrainOptions {
  /** How long handlers in progress may run on before their messages are handed back. */
  timeoutMs: number;
}

export interface DrainResult {
  /** False when some handler was still running at the deadline (its message was handed back). */
  finishedInTime: boolean;
}

/**
 * Thrown by a handler for a message that no retry can fix (undecodable, fails validation):
 * the message goes to the dead-letter topic at once, with this error's message as the reason.
 */
export class PermanentMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}
