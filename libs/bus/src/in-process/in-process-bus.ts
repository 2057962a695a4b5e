/**
 * The embedded default's bus: Kafka's semantics in one process, so services behave the same
 * whether they run together in one process or apart over a real broker.
 *
 * - A topic has N partitions; a key always maps to the same partition (Kafka's murmur2).
 * - Each partition is an ordered log with offsets; each consumer group has a committed offset
 *   per partition, advanced only after the handler resolved (or the message was dead-lettered).
 * - A group's members split the partitions (round robin) and rebalance when one joins or
 *   leaves; every group gets every message; order is kept within a partition (or, with
 *   maxInFlightPerPartition > 1, within a key: see SubscribeOptions).
 * - A member that leaves with handlers still running loses those messages, and every one after
 *   the oldest of them, to the member that takes its partition over (at least once); a member
 *   that stays finishes its messages in hand before handing a partition over.
 * - Logs of non-compacted topics are trimmed below the slowest group's committed offset;
 *   compacted topics keep the newest record per key.
 */
import { setMaxListeners } from 'node:events';
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
import { DeliveryAbortedError, DeliveryOutcome, deliver, resolveRetryPolicy } from '../delivery';
import { KeyOrderedWindow, WindowEntry, assertMaxInFlight } from '../key-ordered-window';
import { partitionForKey } from './murmur2';
import { PartitionLog, StoredRecord } from './partition-log';

export interface InProcessBusOptions {
  /** Partitions of a topic created without a count (auto-created, or TopicSpec without one). Default 12. */
  defaultPartitions?: number;
  /**
   * Records kept per partition of a non-compacted topic that no group consumes yet, for a
   * group that later subscribes from the beginning. Default 1000.
   */
  retainWithoutConsumers?: number;
  /** Where unexpected delivery failures are reported. Default console.error. */
  onError?: (error: unknown) => void;
  /** Where consumer metrics go; default the process registry. */
  metricsRegistry?: Registry;
}

interface Topic {
  readonly name: string;
  readonly compacted: boolean;
  readonly partitions: PartitionLog[];
  /** Groups holding committed offsets on this topic: they bound how far its logs may be trimmed. */
  readonly groups: Set<ConsumerGroup>;
}

class ConsumerGroup {
  readonly members: Member[] = [];
  /** topic -> next offset to consume, per partition. */
  readonly committed = new Map<string, number[]>();
  /** `${topic}\0${partition}` -> the worker that currently owns it. */
  readonly owners = new Map<string, PartitionWorker>();

  constructor(readonly id: string) {}
}

class Member {
  readonly abort = new AbortController();
  readonly slots: Semaphore;
  readonly maxInFlight: number;
  closed = false;
  /** Left by drain(): its partitions are handed over once its handlers in progress finished. */
  leavingGracefully = false;

  constructor(
    readonly group: ConsumerGroup,
    readonly options: SubscribeOptions,
    readonly policy: ReturnType<typeof resolveRetryPolicy>,
  ) {
    this.slots = new Semaphore(options.partitionConcurrency ?? 1);
    this.maxInFlight = options.maxInFlightPerPartition ?? 1;
    // Every backoff wait listens: up to partitionConcurrency × N at once.
    setMaxListeners(0, this.abort.signal);
  }
}

const ABANDONED = Symbol('abandoned');

/**
 * Records a worker reads ahead of its oldest unfinished one, per in-flight slot: room to find
 * other keys to run while a key waits (a Kafka member's counterpart is its fetched batch).
 */
const lookaheadPerSlot = 64;

/**
 * Consumes one partition for one member: up to maxInFlightPerPartition messages at once, a key's
 * messages one at a time in offset order (KeyOrderedWindow), committing the finished head.
 */
class PartitionWorker {
  /** Settles when the worker has stopped and committed whatever it finished. */
  readonly done: Promise<void>;
  private active = true;
  private abandoned = false;
  private abandon!: (value: typeof ABANDONED) => void;
  private readonly abandonedSignal = new Promise<typeof ABANDONED>((resolve) => (this.abandon = resolve));
  private wake: (() => void) | undefined;
  private readonly window: KeyOrderedWindow<StoredRecord>;
  private readonly running = new Set<Promise<void>>();
  /** The next offset to read into the window. */
  private nextToRead = 0;

  constructor(
    private readonly bus: InProcessBus,
    readonly member: Member,
    private readonly topic: Topic,
    private readonly partition: number,
    /** Settles when the previous owner has let go of the partition. */
    readonly handover: Promise<void>,
  ) {
    this.window = new KeyOrderedWindow(member.maxInFlight);
    this.done = handover.then(() => this.run());
  }

  /** graceful: finish (and commit) the messages in hand. abandon: walk away from them uncommitted. */
  stop(mode: 'graceful' | 'abandon'): void {
    this.active = false;
    if (mode === 'abandon') {
      this.abandoned = true;
      this.abandon(ABANDONED);
    }
    this.wakeUp();
  }

  private async run(): Promise<void> {
    const log = this.topic.partitions[this.partition];
    const unsubscribe = log.onAppend(() => this.wakeUp());
    this.nextToRead = this.bus.committedOffset(this.member.group, this.topic, this.partition);
    let releaseSlot: (() => void) | undefined;
    let startedThisTurn = 0;
    try {
      while (this.active) {
        this.readAhead(log);
        // A partition holds one of the member's partitionConcurrency slots while handlers run,
        // and lets go whenever none runs. Its turn is up to N messages: after that it starts no
        // more while another partition waits for a slot, so none of them starves (with N = 1 it
        // gives the slot up after every message, as it always did).
        if (releaseSlot && this.window.inFlight === 0) {
          releaseSlot();
          releaseSlot = undefined;
        }
        const yielding = releaseSlot && startedThisTurn >= this.window.limit && this.member.slots.contended;
        const entry = yielding ? undefined : this.window.take();
        if (!entry) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        if (!releaseSlot) {
          releaseSlot = await this.member.slots.acquire();
          startedThisTurn = 0;
          if (!this.active) {
            this.window.putBack(entry);
            break;
          }
        }
        startedThisTurn++;
        this.start(entry);
      }
      // Stopped: gracefully, the running handlers finish and are committed; abandoned, not waited for.
      await Promise.race([Promise.allSettled(this.running), this.abandonedSignal]);
    } finally {
      releaseSlot?.();
      unsubscribe();
    }
  }

  private readAhead(log: PartitionLog): void {
    const capacity = this.window.limit * lookaheadPerSlot;
    while (this.window.size < capacity) {
      const record = log.readFrom(this.nextToRead);
      if (!record) return;
      this.window.add(record, record.key);
      this.nextToRead = record.offset + 1;
    }
  }

  private start(entry: WindowEntry<StoredRecord>): void {
    if (entry.item.compactedAway) {
      // Superseded since it was read ahead: skipped, as compaction would have removed it.
      this.window.finish(entry);
      this.commitFinishedHead();
      return;
    }
    const task = this.handle(entry.item)
      .then((outcome) => {
        if (this.abandoned) return; // the next owner gets it again; this outcome no longer counts
        if (outcome === 'handled' || outcome === 'dead-lettered') {
          this.window.finish(entry);
          this.commitFinishedHead();
          return;
        }
        // 'failed' (dead-lettering failed): run it again. 'aborted': the member is closing, so
        // it stays uncommitted for the next owner.
        this.window.putBack(entry);
        if (outcome === 'aborted') this.active = false;
      })
      .catch((error: unknown) => this.bus.reportError(error))
      .finally(() => {
        this.running.delete(task);
        this.wakeUp();
      });
    this.running.add(task);
  }

  /** Commits past the finished head of the window: never past a message still unfinished. */
  private commitFinishedHead(): void {
    const newest = this.window.dropFinishedHead();
    if (newest) this.bus.commit(this.member.group, this.topic, this.partition, newest.offset + 1);
  }

  private wakeUp(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private async handle(record: StoredRecord): Promise<DeliveryOutcome | 'aborted' | 'failed'> {
    return deliver(
      {
        topic: this.topic.name,
        partition: this.partition,
        offset: String(record.offset),
        key: record.key,
        value: record.value,
        headers: { ...record.headers },
      },
      this.member.options.handler,
      {
        group: this.member.group.id,
        metrics: this.bus.metrics,
        policy: this.member.policy,
        signal: this.member.abort.signal,
        publishDeadLetter: (topic, message) => this.bus.publish(topic, [message]),
      },
    ).catch(async (error: unknown) => {
      if (error instanceof DeliveryAbortedError) return 'aborted' as const;
      // Only dead-lettering itself can fail here; keep the message and try again later.
      this.bus.reportError(error);
      await new Promise((resolve) => setTimeout(resolve, this.member.policy.maxBackoffMs));
      return 'failed' as const;
    });
  }
}

export class InProcessBus implements MessageBus {
  readonly kind = 'in-process' as const;
  private readonly topics = new Map<string, Topic>();
  private readonly groups = new Map<string, ConsumerGroup>();
  private readonly defaultPartitions: number;
  private readonly retainWithoutConsumers: number;
  private closed = false;
  /** @internal */
  readonly metrics: BusMetrics;
  private removeLagSource: (() => void) | undefined;

  constructor(private readonly options: InProcessBusOptions = {}) {
    this.defaultPartitions = options.defaultPartitions ?? 12;
    this.retainWithoutConsumers = options.retainWithoutConsumers ?? 1_000;
    this.metrics = busMetrics(options.metricsRegistry ?? metricsRegistry());
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    this.assertOpen();
    for (const spec of topics) {
      const topic = this.topic(spec.name, spec);
      this.topic(deadLetterTopic(spec.name), { name: deadLetterTopic(spec.name), partitions: topic.partitions.length });
    }
  }

  async publishAll(batches: TopicBatch[]): Promise<void> {
    for (const batch of batches) await this.publish(batch.topic, batch.messages);
  }

  async publish(topicName: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    const topic = this.topic(topicName);
    for (const message of messages) {
      const partition = partitionForKey(message.key, topic.partitions.length);
      const log = topic.partitions[partition];
      // Copy: the caller may reuse its buffer, a broker would have serialised it by now.
      log.append(message.key, Uint8Array.from(message.value), injectTraceContext({ ...message.headers }));
      if (!topic.compacted && topic.groups.size === 0) {
        log.trimBelow(log.endOffset - this.retainWithoutConsumers);
      }
    }
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    this.assertOpen();
    if (!options.groupId) throw new Error('subscribe: groupId is required');
    if (options.topics.length === 0) throw new Error('subscribe: at least one topic is required');
    const policy = resolveRetryPolicy(options.retry);
    assertMaxInFlight(options.maxInFlightPerPartition ?? 1);
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new ConsumerGroup(options.groupId);
      this.groups.set(group.id, group);
    }
    for (const name of options.topics) {
      const topic = this.topic(name);
      if (!group.committed.has(name)) {
        // Pinned now, like a Kafka group's first fetch: "from the end" means messages
        // published after subscribe() resolved, never a moment later.
        group.committed.set(
          name,
          topic.partitions.map((log) => (options.fromBeginning ? log.startOffset : log.endOffset)),
        );
        topic.groups.add(group);
      }
    }
    const member = new Member(group, { ...options, topics: [...new Set(options.topics)] }, policy);
    group.members.push(member);
    this.rebalance(group);
    this.removeLagSource ??= this.metrics.consumerLag.addSource(async () => this.consumerLag());

    return {
      close: async () => {
        if (member.closed) return;
        member.closed = true;
        member.abort.abort();
        group.members.splice(group.members.indexOf(member), 1);
        this.rebalance(group);
      },
    };
  }

  /** In the same process: available for as long as it is open. */
  async checkHealth(): Promise<void> {
    if (this.closed) throw new Error('the bus is closed');
  }

  async drain(options: DrainOptions): Promise<DrainResult> {
    const leaving: PartitionWorker[] = [];
    for (const group of this.groups.values()) {
      if (group.members.length === 0) continue;
      for (const member of group.members) {
        member.closed = true;
        member.leavingGracefully = true;
        member.abort.abort();
      }
      leaving.push(...group.owners.values());
      group.members.length = 0;
      this.rebalance(group); // stops every worker gracefully; a later member waits for their handover
    }
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), options.timeoutMs)));
    const finishedInTime = await Promise.race([Promise.allSettled(leaving.map((w) => w.done)).then(() => true), deadline]);
    clearTimeout(timer);
    if (!finishedInTime) {
      // Hand the stragglers' messages back: uncommitted, the next owner of each partition gets them.
      for (const worker of leaving) worker.stop('abandon');
      await Promise.allSettled(leaving.map((w) => w.done));
    }
    return { finishedInTime };
  }

  /** Waits for every handler in progress to finish (and commit); further retries are abandoned. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.removeLagSource?.();
    const stopping: Promise<void>[] = [];
    for (const group of this.groups.values()) {
      for (const member of group.members) {
        member.closed = true;
        member.abort.abort();
      }
      for (const worker of group.owners.values()) {
        worker.stop('graceful');
        stopping.push(worker.done);
      }
      group.owners.clear();
      group.members.length = 0;
    }
    await Promise.allSettled(stopping);
  }

  /** @internal */
  committedOffset(group: ConsumerGroup, topic: Topic, partition: number): number {
    return group.committed.get(topic.name)![partition];
  }

  /** @internal */
  commit(group: ConsumerGroup, topic: Topic, partition: number, offset: number): void {
    group.committed.get(topic.name)![partition] = offset;
    if (topic.compacted) return;
    let slowest = offset;
    for (const other of topic.groups) slowest = Math.min(slowest, other.committed.get(topic.name)![partition]);
    topic.partitions[partition].trimBelow(slowest);
  }

  /** @internal */
  reportError(error: unknown): void {
    (this.options.onError ?? ((e) => console.error('[in-process-bus]', e)))(error);
  }

  /** Per group with members, topic and partition: records appended and not yet committed. */
  consumerLag(): Sample<'group' | 'topic' | 'partition'>[] {
    const samples: Sample<'group' | 'topic' | 'partition'>[] = [];
    for (const group of this.groups.values()) {
      if (group.members.length === 0) continue;
      for (const [topicName, committed] of group.committed) {
        const topic = this.topics.get(topicName)!;
        committed.forEach((offset, partition) => {
          samples.push({ labels: { group: group.id, topic: topicName, partition }, value: Math.max(0, topic.partitions[partition].endOffset - offset) });
        });
      }
    }
    return samples;
  }

  /** Records held for a topic, summed over partitions (trimming is observable in tests). */
  retainedMessages(topicName: string): number {
    return this.topics.get(topicName)?.partitions.reduce((sum, log) => sum + log.retained, 0) ?? 0;
  }

  private topic(name: string, spec?: TopicSpec): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      const count = spec?.partitions ?? this.defaultPartitions;
      if (!Number.isInteger(count) || count < 1) throw new RangeError(`topic ${name}: partitions must be >= 1`);
      const compacted = spec?.compacted ?? false;
      topic = {
        name,
        compacted,
        partitions: Array.from({ length: count }, () => new PartitionLog(compacted)),
        groups: new Set(),
      };
      this.topics.set(name, topic);
    }
    return topic;
  }

  /**
   * Round robin over the members subscribed to each topic, in join order. A partition moving
   * away from a live member starts on its new owner once the old one finished its messages; from
   * a member that left, at once (its unfinished messages are redelivered).
   */
  private rebalance(group: ConsumerGroup): void {
    const desired = new Map<string, { member: Member; topic: Topic; partition: number }>();
    for (const name of new Set(group.members.flatMap((m) => m.options.topics))) {
      const topic = this.topics.get(name)!;
      const candidates = group.members.filter((m) => m.options.topics.includes(name));
      topic.partitions.forEach((_, partition) => {
        desired.set(`${name}\0${partition}`, { member: candidates[partition % candidates.length], topic, partition });
      });
    }
    const handovers = new Map<string, Promise<void>>();
    for (const [key, worker] of group.owners) {
      if (desired.get(key)?.member === worker.member) continue;
      const mode = worker.member.closed && !worker.member.leavingGracefully ? 'abandon' : 'graceful';
      worker.stop(mode);
      // An abandoned worker that never started passes on the wait it was in itself.
      handovers.set(key, mode === 'graceful' ? worker.done : worker.handover);
      group.owners.delete(key);
    }
    for (const [key, { member, topic, partition }] of desired) {
      if (group.owners.has(key)) continue;
      const handover = handovers.get(key) ?? Promise.resolve();
      group.owners.set(key, new PartitionWorker(this, member, topic, partition, handover));
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the bus is closed');
  }
}

/** Bounds how many partitions one member handles at once. */
class Semaphore {
  private available: number;
  private readonly waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError('partitionConcurrency must be an integer >= 1');
    this.available = size;
  }

  /** Someone is waiting for a slot. */
  get contended(): boolean {
    return this.waiting.length > 0;
  }

  async acquire(): Promise<() => void> {
    if (this.available > 0) this.available--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.available++;
    };
  }
}
