/**
 * Works through one fetched batch of one partition (kafkajs eachBatch) under the key rules of
 * SubscribeOptions.maxInFlightPerPartition: up to N handlers at once, a key's messages one at a
 * time in offset order. Offsets are resolved (and committed) only over the finished head of the
 * batch; the call returns once every started handler settled, so that the partition's next fetch,
 * which starts after the resolved offset, cannot hand a running message out a second time.
 */
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import { BusMessage } from '../bus';
import { DeliveryAbortedError } from '../delivery';
import { KeyOrderedWindow, WindowEntry } from '../key-ordered-window';

export interface BatchByKeyOptions {
  maxInFlight: number;
  /** How often to heartbeat while waiting for handlers, so a long batch keeps the member in its group. */
  heartbeatIntervalMs: number;
  /** Aborted when the subscription closes: start nothing new (running handlers may finish). */
  closing: AbortSignal;
  /** Aborted when the subscription is closed without waiting: return at once, resolve nothing more. */
  abandoning: AbortSignal;
  /** Handles one message with retries and dead-lettering (delivery.ts `deliver`). */
  deliver(message: Omit<BusMessage, 'attempt'>, heartbeat: () => Promise<void>): Promise<unknown>;
}

export async function processBatchByKey(payload: EachBatchPayload, options: BatchByKeyOptions): Promise<void> {
  const { batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale } = payload;
  const { closing, abandoning } = options;
  const window = new KeyOrderedWindow<KafkaMessage>(options.maxInFlight);
  for (const message of batch.messages) window.add(message, keyOf(message));

  const running = new Set<Promise<void>>();
  /** First error that must reach kafkajs (rebalance, lost membership, failed dead-lettering). */
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => void (failure ??= { error });
  let commits = Promise.resolve();
  let wake: (() => void) | undefined;
  const wakeUp = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  // After a seek or an abandoning close this batch's progress no longer counts.
  const obsolete = () => abandoning.aborted || isStale();
  // Rebalancing, closing or failing: finish what runs, start nothing new.
  const mayStart = () => !failure && !closing.aborted && isRunning() && !isStale();

  const start = (entry: WindowEntry<KafkaMessage>) => {
    const task = options
      .deliver(toBusMessage(batch.topic, batch.partition, entry.item), heartbeat)
      .then(
        () => {
          window.finish(entry);
          if (obsolete()) return;
          const newest = window.dropFinishedHead();
          if (!newest) return;
          resolveOffset(newest.offset);
          // Chained, so commits leave one at a time; a link sends one only when the commit
          // interval has passed (kafkajs commits the rest when the batch ends).
          commits = commits.then(() => commitOffsetsIfNecessary()).catch(fail);
        },
        (error: unknown) => {
          window.putBack(entry); // left unresolved: redelivered by the partition's next fetch or owner
          if (!(error instanceof DeliveryAbortedError)) fail(error);
        },
      )
      .catch(fail)
      .finally(() => {
        running.delete(task);
        wakeUp();
      });
    running.add(task);
  };

  abandoning.addEventListener('abort', wakeUp);
  try {
    for (;;) {
      if (abandoning.aborted) return;
      if (mayStart()) {
        for (let entry = window.take(); entry; entry = window.take()) start(entry);
      }
      if (running.size === 0) break;
      const timer = setTimeout(wakeUp, options.heartbeatIntervalMs);
      await new Promise<void>((resolve) => (wake = resolve));
      clearTimeout(timer);
      if (abandoning.aborted) return;
      // Throttled by kafkajs to its heartbeat interval. An error (a rebalance started, the member
      // was dropped) stops new starts; it is rethrown once the running handlers settled.
      await heartbeat().catch(fail);
    }
    await commits;
  } finally {
    abandoning.removeEventListener('abort', wakeUp);
  }
  if (failure) throw failure.error;
}

function keyOf(message: KafkaMessage): string {
  return message.key?.toString('utf8') ?? '';
}

function toBusMessage(topic: string, partition: number, message: KafkaMessage): Omit<BusMessage, 'attempt'> {
  return {
    topic,
    partition,
    offset: message.offset,
    key: keyOf(message),
    value: message.value
      ? new Uint8Array(message.value.buffer, message.value.byteOffset, message.value.byteLength)
      : new Uint8Array(0),
    headers: decodeHeaders(message.headers),
  };
}

function decodeHeaders(headers: KafkaMessage['headers']): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    // A repeated header keeps its last value, as Java's Headers.lastHeader does.
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return decoded;
}
