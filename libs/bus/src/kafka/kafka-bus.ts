/**
 * The distributed bus: Apache Kafka through kafkajs. kafkajs stays inside this file, so a
 * KafkaJS-compatible client can replace it without touching a service.
 */
import { setMaxListeners } from 'node:events';
import type { ConnectionOptions } from 'node:tls';
import {
  Admin,
  Consumer,
  EachBatchPayload,
  ITopicConfig,
  Kafka,
  Partitioners,
  Producer,
  SASLOptions,
  logCreator,
  logLevel,
} from 'kafkajs';
import type { Registry } from 'prom-client';
import { busMetrics, injectTraceContext, metricsRegistry, type BusMetrics, type Sample } from '@sim/observability';
import {
  DrainOptions,
  DrainResult,
  MessageBus,
  OutgoingMessage,
  SubscribeOptions,
  Subscription,
  TopicBatch,
  TopicSpec,
  deadLetterTopic,
} from '../bus';
import { deliver, resolveRetryPolicy } from '../delivery';
import { assertMaxInFlight } from '../key-ordered-window';
import { processBatchByKey } from './batch-by-key';
import { stopIdleRequestQueueTimers } from './request-queue-timer';

export type KafkaBusLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaConsumerTuning {
  /**
   * A member not heard from for this long is dropped and its partitions move. The bus
   * heartbeats every heartbeatIntervalMs while handlers run, so only a stalled event loop
   * risks it. Default 30 s; the broker accepts 6 s and up unless configured otherwise.
   */
  sessionTimeoutMs?: number;
  /**
   * How long a rebalance waits for members to rejoin. A member rejoins once its running
   * handlers finished, so one handler (with its retries) should stay well below it. Default 60 s.
   */
  rebalanceTimeoutMs?: number;
  /** Also how often the bus heartbeats while it waits for handlers. Default 3 s. */
  heartbeatIntervalMs?: number;
  /** Longest wait of an empty fetch; also bounds how late an idle member notices a rebalance. Default 1 s. */
  maxWaitTimeMs?: number;
  /**
   * While a fetched batch is worked through, finished messages are committed at most this
   * often; when the batch ends (a rebalance, a drain and a close end it too), all of them
   * are. Only a member that dies mid-batch hands finished work over again, and the
   * pipeline's handlers are idempotent. Committing after every message kept the broker busy
   * (ADR 0003 has the figures). Default 500 ms.
   */
  commitIntervalMs?: number;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  ssl?: ConnectionOptions | boolean;
  sasl?: SASLOptions;
  /** kafkajs's own logging; default 'warn' (warnings and errors only). */
  logLevel?: KafkaBusLogLevel;
  /** Where kafkajs's log lines go (one line each); default the console. */
  logger?: KafkaBusLogger;
  /** Where consumer metrics (including the lag read at scrape time) go; default the process registry. */
  metricsRegistry?: Registry;
  /** Partitions of a TopicSpec without a count. Default 12, as in the in-process bus. */
  defaultPartitions?: number;
  consumer?: KafkaConsumerTuning;
  /** How long subscribe() waits for the member to join its group. Default 60 s. */
  joinTimeoutMs?: number;
}

export interface KafkaBusLogger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
}

const kafkajsLevels: Record<KafkaBusLogLevel, logLevel> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

export class KafkaBus implements MessageBus {
  readonly kind = 'kafka' as const;
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private closed = false;
  /** @internal */
  readonly metrics: BusMetrics;
  private removeLagSource: (() => void) | undefined;

  constructor(private readonly options: KafkaBusOptions) {
    if (options.brokers.length === 0) throw new Error('KafkaBus: at least one broker is required');
    stopIdleRequestQueueTimers();
    this.kafka = new Kafka({
      brokers: options.brokers,
      clientId: options.clientId,
      ssl: options.ssl,
      sasl: options.sasl,
      logLevel: kafkajsLevels[options.logLevel ?? 'warn'],
      logCreator: oneLineLogs(options.logger ?? consoleLogger),
    });
    this.metrics = busMetrics(options.metricsRegistry ?? metricsRegistry());
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    this.assertOpen();
    const configs = new Map<string, ITopicConfig>();
    for (const spec of topics) {
      const numPartitions = spec.partitions ?? this.options.defaultPartitions ?? 12;
      configs.set(spec.name, {
        topic: spec.name,
        numPartitions,
        configEntries: spec.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
      });
      const dlq = deadLetterTopic(spec.name);
      if (!configs.has(dlq)) configs.set(dlq, { topic: dlq, numPartitions });
    }
    if (configs.size === 0) return;
    const admin = await this.connectedAdmin();
    // Resolves false (no error) for topics that already exist.
    await admin.createTopics({ topics: [...configs.values()], waitForLeaders: true });
  }

  publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    return this.publishAll([{ topic, messages }]);
  }

  async publishAll(batches: TopicBatch[]): Promise<void> {
    this.assertOpen();
    const topicMessages = batches
      .filter((batch) => batch.messages.length > 0)
      .map((batch) => ({
        topic: batch.topic,
        messages: batch.messages.map((m) => ({
          key: m.key,
          value: Buffer.from(m.value.buffer, m.value.byteOffset, m.value.byteLength),
          headers: injectTraceContext({ ...m.headers }),
        })),
      }));
    if (topicMessages.length === 0) return;
    const producer = await this.connectedProducer();
    await producer.sendBatch({ topicMessages });
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!options.groupId) throw new Error('subscribe: groupId is required');
    if (options.topics.length === 0) throw new Error('subscribe: at least one topic is required');
    const policy = resolveRetryPolicy(options.retry);
    assertMaxInFlight(options.maxInFlightPerPartition ?? 1);
    const tuning = this.options.consumer ?? {};
    const heartbeatIntervalMs = tuning.heartbeatIntervalMs ?? 3_000;
    const consumer = this.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: tuning.sessionTimeoutMs ?? 30_000,
      rebalanceTimeout: tuning.rebalanceTimeoutMs ?? 60_000,
      heartbeatInterval: heartbeatIntervalMs,
      maxWaitTimeInMs: tuning.maxWaitTimeMs ?? 1_000,
    });
    const subscription = new KafkaSubscription(this, consumer, options, policy, heartbeatIntervalMs);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: options.topics, fromBeginning: options.fromBeginning ?? false });
      // A new group "from the end" looks the end up at its first fetch after joining: wait for
      // it, so that every message published after subscribe() resolved reaches the group.
      const joined = waitUntilConsuming(consumer, !options.fromBeginning, this.options.joinTimeoutMs ?? 60_000);
      joined.catch(() => undefined); // awaited below, after run()
      await consumer.run({
        partitionsConsumedConcurrently: options.partitionConcurrency ?? 1,
        // Offsets are resolved by hand, only over the finished head of a batch (batch-by-key.ts).
        eachBatchAutoResolve: false,
        // Resolved steps are committed on a timer while a batch runs, and all of them by
        // kafkajs when the batch ends: a member that leaves hands over no finished work twice.
        autoCommitInterval: tuning.commitIntervalMs ?? 500,
        eachBatch: (payload) => subscription.eachBatch(payload),
      });
      await joined;
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
    this.subscriptions.add(subscription);
    this.removeLagSource ??= this.metrics.consumerLag.addSource(() => this.consumerLag());
    return subscription;
  }

  async drain(options: DrainOptions): Promise<DrainResult> {
    const results = await Promise.all([...this.subscriptions].map((s) => s.shutdown('graceful', options.timeoutMs)));
    return { finishedInTime: results.every(Boolean) };
  }

  /**
   * Per consumer group of this bus, topic and partition: the partition's end offset minus the
   * group's committed offset, asked from the broker (so it is the group's lag, whichever member
   * holds the partition, the same number a lag-based autoscaler sees).
   */
  async consumerLag(): Promise<Sample<'group' | 'topic' | 'partition'>[]> {
    const groups = new Map<string, { topics: Set<string>; fromBeginning: boolean }>();
    for (const subscription of this.subscriptions) {
      const { groupId, topics, fromBeginning } = subscription.options;
      const entry = groups.get(groupId) ?? { topics: new Set<string>(), fromBeginning: false };
      topics.forEach((t) => entry.topics.add(t));
      entry.fromBeginning ||= fromBeginning ?? false;
      groups.set(groupId, entry);
    }
    if (groups.size === 0 || this.closed) return [];
    const admin = await this.connectedAdmin();
    const topicNames = [...new Set([...groups.values()].flatMap((g) => [...g.topics]))];
    const ends = new Map(await Promise.all(topicNames.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)));
    const samples: Sample<'group' | 'topic' | 'partition'>[] = [];
    for (const [groupId, { topics, fromBeginning }] of groups) {
      for (const { topic, partitions } of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
        for (const { partition, offset } of partitions) {
          const end = ends.get(topic)?.find((p) => p.partition === partition);
          if (!end) continue;
          // No commit yet: a group from the beginning owes the whole log, one from the end nothing.
          const from = Number(offset) >= 0 ? Number(offset) : fromBeginning ? Number(end.low) : Number(end.high);
          samples.push({ labels: { group: groupId, topic, partition }, value: Math.max(0, Number(end.high) - from) });
        }
      }
    }
    return samples;
  }

  async checkHealth(timeoutMs = 3_000): Promise<void> {
    this.assertOpen();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no Kafka broker answered within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([this.connectedAdmin().then((admin) => admin.describeCluster()), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Waits for every handler in progress to finish (and commit); further retries are abandoned. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeLagSource?.();
    await Promise.allSettled([...this.subscriptions].map((s) => s.shutdown('graceful')));
    const clients = [this.producer, this.admin].filter((c): c is Promise<Producer> | Promise<Admin> => !!c);
    await Promise.allSettled(clients.map(async (client) => (await client).disconnect()));
  }

  /** @internal */
  forget(subscription: KafkaSubscription): void {
    this.subscriptions.delete(subscription);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= connect(
      this.kafka.producer({
        idempotent: true,
        // kafkajs only guarantees ordering with idempotence for one request in flight.
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => (this.producer = undefined),
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connect(this.kafka.admin(), () => (this.admin = undefined));
    return this.admin;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the bus is closed');
  }
}

class KafkaSubscription implements Subscription {
  /** Aborted when closing: no further attempts, backoff waits or new messages. */
  private readonly closing = new AbortController();
  /** Aborted when closing without waiting for handlers in progress. */
  private readonly abandoning = new AbortController();
  private stopped: Promise<boolean> | undefined;

  constructor(
    private readonly bus: KafkaBus,
    private readonly consumer: Consumer,
    readonly options: SubscribeOptions,
    private readonly policy: ReturnType<typeof resolveRetryPolicy>,
    private readonly heartbeatIntervalMs: number,
  ) {
    // Every running batch and every backoff wait listens: up to partitionConcurrency × N at once.
    setMaxListeners(0, this.closing.signal, this.abandoning.signal);
  }

  /** Leaves the group now; messages whose handlers are still running are redelivered to another member. */
  async close(): Promise<void> {
    await this.shutdown('abandon');
  }

  /**
   * @internal graceful: let running handlers finish and commit (for at most `graceMs`, then walk
   * away from the rest); abandon: walk away from them now. Resolves true when nothing was left.
   */
  shutdown(mode: 'graceful' | 'abandon', graceMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    this.stopped ??= (async () => {
      this.bus.forget(this);
      // disconnect() marks the runner stopped synchronously, before a handler can observe the abort.
      const disconnecting = this.consumer.disconnect();
      this.closing.abort();
      if (mode === 'abandon') this.abandoning.abort();
      let finishedInTime = true;
      const timer = Number.isFinite(graceMs)
        ? setTimeout(() => {
            finishedInTime = false;
            this.abandoning.abort();
          }, graceMs)
        : undefined;
      try {
        await disconnecting;
      } finally {
        clearTimeout(timer);
      }
      return finishedInTime;
    })();
    return this.stopped;
  }

  eachBatch(payload: EachBatchPayload): Promise<void> {
    return processBatchByKey(payload, {
      maxInFlight: this.options.maxInFlightPerPartition ?? 1,
      heartbeatIntervalMs: this.heartbeatIntervalMs,
      closing: this.closing.signal,
      abandoning: this.abandoning.signal,
      deliver: (message, heartbeat) =>
        deliver(message, this.options.handler, {
          group: this.options.groupId,
          metrics: this.bus.metrics,
          policy: this.policy,
          signal: this.closing.signal,
          publishDeadLetter: (dlq, deadLetter) => this.bus.publish(dlq, [deadLetter]),
          heartbeat,
        }),
    });
  }
}

async function connect<T extends { connect(): Promise<void> }>(client: T, onFailure: () => void): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    onFailure(); // the next call tries again instead of reusing a failed connection
    throw error;
  }
}

/** Resolves once the member joined its group and, if asked, completed its first fetch. */
function waitUntilConsuming(consumer: Consumer, afterFirstFetch: boolean, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let joined = false;
    const timer = setTimeout(() => finish(new Error(`consumer did not join its group within ${timeoutMs} ms`)), timeoutMs);
    const removers = [
      consumer.on(consumer.events.GROUP_JOIN, () => {
        joined = true;
        if (!afterFirstFetch) finish();
      }),
      consumer.on(consumer.events.FETCH, () => {
        if (joined) finish();
      }),
      consumer.on(consumer.events.CRASH, (event) => {
        if (!event.payload.restart) finish(event.payload.error);
      }),
    ];
    function finish(error?: Error) {
      clearTimeout(timer);
      removers.forEach((remove) => remove());
      if (error) reject(error);
      else resolve();
    }
  });
}

const consoleLogger: KafkaBusLogger = {
  error: (msg) => console.error(msg),
  warn: (msg) => console.warn(msg),
  info: (msg) => console.log(msg),
  debug: (msg) => console.log(msg),
};

/** One line per entry instead of kafkajs's JSON blobs; the level filter is kafkajs's own. */
const oneLineLogs =
  (logger: KafkaBusLogger): logCreator =>
  (configured) =>
  (entry) => {
    const { message, timestamp: _timestamp, logger: _logger, stack: _stack, ...extra } = entry.log;
    // kafkajs logs every error response at ERROR (Connection: "Response X"), also the ones it
    // retries (coordinator loading, leader moved) and the heartbeat answer that starts every
    // rebalance (then WARN from the runner). What does fail reaches the caller as an exception.
    const routine =
      (entry.namespace === 'Connection' && String(message).startsWith('Response ')) ||
      /rebalanc/i.test(`${message} ${extra.error ?? ''}`);
    const level = routine ? Math.max(entry.level, logLevel.INFO) : entry.level;
    if (level > configured) return;
    const context = ['groupId', 'topic', 'partition', 'error']
      .filter((field) => extra[field] !== undefined)
      .map((field) => `${field}=${String(extra[field])}`)
      .join(' ');
    const line = `[kafkajs] ${entry.label} ${entry.namespace}: ${message}${context ? ` (${context})` : ''}`;
    if (level <= logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else if (level === logLevel.INFO) logger.info(line);
    else logger.debug(line);
  };
