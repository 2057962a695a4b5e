/**
 * What happens to one consumed message, shared by both bus implementations so they cannot
 * drift: call the handler, retry failures with exponential backoff and jitter, and after the
 * last attempt (or at once for a PermanentMessageError) publish it to `<topic>.dlq` with the
 * reason. The caller commits the offset only when `deliver` resolves.
 */
import {
  BusMessage,
  MessageHandler,
  MessageHeaders,
  OutgoingMessage,
  PermanentMessageError,
  RetryPolicy,
  defaultRetryPolicy,
  deadLetterTopic,
} from './bus';

/** Thrown by `deliver` when the consumer is closing: the message is neither handled nor dead-lettered, so it must not be committed. */
export class DeliveryAbortedError extends Error {
  constructor() {
    super('delivery aborted: the consumer is closing');
    this.name = 'DeliveryAbortedError';
  }
}

export type DeliveryOutcome = 'handled' | 'dead-lettered';

export interface DeliveryContext {
  policy: RetryPolicy;
  /** Aborting stops further attempts and backoff waits; an attempt already running is awaited. */
  signal: AbortSignal;
  publishDeadLetter(topic: string, message: OutgoingMessage): Promise<void>;
  /** Called between attempts, so a consumer that retries for a while stays in its group. */
  heartbeat?(): Promise<void>;
}

const maxReasonLength = 1_000;

export function resolveRetryPolicy(overrides?: Partial<RetryPolicy>): RetryPolicy {
  const policy = { ...defaultRetryPolicy, ...stripUndefined(overrides ?? {}) };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  if (policy.initialBackoffMs < 0 || policy.maxBackoffMs < policy.initialBackoffMs) {
    throw new RangeError('retry backoff must satisfy 0 <= initialBackoffMs <= maxBackoffMs');
  }
  return policy;
}

/**
 * Wait before attempt `failedAttempt + 1`: the exponential step, capped, with "equal jitter"
 * (a random point in its upper half) so that a burst of failures does not retry in lockstep
 * while each wait stays at least half the step.
 */
export function backoffDelayMs(policy: RetryPolicy, failedAttempt: number): number {
  const step = Math.min(policy.maxBackoffMs, policy.initialBackoffMs * 2 ** (failedAttempt - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

export async function deliver(
  message: Omit<BusMessage, 'attempt'>,
  handler: MessageHandler,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const { policy, signal } = context;
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new DeliveryAbortedError();
    try {
      await handler({ ...message, attempt });
      return 'handled';
    } catch (error) {
      // Closing: leave the message uncommitted for the next owner rather than dead-letter it.
      if (signal.aborted) throw new DeliveryAbortedError();
      if (error instanceof PermanentMessageError || attempt >= policy.maxAttempts) {
        await context.publishDeadLetter(deadLetterTopic(message.topic), deadLetter(message, error, attempt));
        return 'dead-lettered';
      }
      await context.heartbeat?.().catch(() => undefined);
      await sleep(backoffDelayMs(policy, attempt), signal);
      await context.heartbeat?.().catch(() => undefined);
    }
  }
}

export function deadLetter(message: Omit<BusMessage, 'attempt'>, error: unknown, attempts: number): OutgoingMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [MessageHeaders.dlqReason]: describeError(error).slice(0, maxReasonLength),
      [MessageHeaders.dlqSourceTopic]: message.topic,
      [MessageHeaders.dlqAttempts]: String(attempts),
    },
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DeliveryAbortedError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DeliveryAbortedError());
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
