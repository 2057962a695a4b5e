/**
 * What happens to one consumed message, shared by both bus implementations so they cannot
 * drift: call the handler, retry failures with exponential backoff and jitter, and after the
 * last attempt (or at once for a PermanentMessageError) publish it to `<topic>.dlq` with the
 * reason. The caller commits the offset only when `deliver` resolves.
 *
 * It is also where consuming is observed, once for both buses: the handler runs in a consumer
 * span that continues the producer's trace (the message's `traceparent`), with the tenant in
 * the log context, and each attempt is timed and counted (platform-metrics.ts busMetrics).
 */
import { performance } from 'node:perf_hooks';
import { SpanKind, contextFromHeaders, inSpan, markFailed, withLogContext, type BusMetrics, type Span } from '@sim/observability';
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
  /** The consumer group handling the message (a label of its metrics and span). */
  group: string;
  metrics: BusMetrics;
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

export function deliver(
  message: Omit<BusMessage, 'attempt'>,
  handler: MessageHandler,
  context: DeliveryContext,
): Promise<DeliveryOutcome> {
  const attributes = {
    'messaging.system': 'kafka',
    'messaging.operation.type': 'process',
    'messaging.destination.name': message.topic,
    'messaging.consumer.group.name': context.group,
    'messaging.destination.partition.id': String(message.partition),
    'messaging.kafka.offset': Number(message.offset),
    'messaging.message.id': message.headers[MessageHeaders.messageId] ?? '',
  };
  return inSpan(`${message.topic} process`, { kind: SpanKind.CONSUMER, parent: contextFromHeaders(message.headers), attributes }, (span) =>
    withLogContext({ tenantId: message.headers[MessageHeaders.tenantId] }, () => attemptUntilDone(message, handler, context, span)),
  );
}

async function attemptUntilDone(
  message: Omit<BusMessage, 'attempt'>,
  handler: MessageHandler,
  context: DeliveryContext,
  span: Span,
): Promise<DeliveryOutcome> {
  const { policy, signal, metrics } = context;
  const labels = { topic: message.topic, group: context.group };
  for (let attempt = 1; ; attempt++) {
    if (signal.aborted) throw new DeliveryAbortedError();
    span.setAttribute('messaging.sim.attempts', attempt);
    const started = performance.now();
    try {
      await handler({ ...message, attempt });
      metrics.stepDuration.observe({ ...labels, outcome: 'handled' }, (performance.now() - started) / 1000);
      metrics.messages.inc({ ...labels, outcome: 'handled' });
      return 'handled';
    } catch (error) {
      metrics.stepDuration.observe({ ...labels, outcome: 'failed' }, (performance.now() - started) / 1000);
      // Closing: leave the message uncommitted for the next owner rather than dead-letter it.
      if (signal.aborted) throw new DeliveryAbortedError();
      metrics.messages.inc({ ...labels, outcome: 'failed' });
      if (error instanceof PermanentMessageError || attempt >= policy.maxAttempts) {
        await context.publishDeadLetter(deadLetterTopic(message.topic), deadLetter(message, error, attempt));
        metrics.messages.inc({ ...labels, outcome: 'dead_lettered' });
        span.setAttribute('messaging.sim.dead_lettered', true);
        markFailed(span, error);
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
