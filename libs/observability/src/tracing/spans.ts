/**
 * How trace context crosses process boundaries (W3C `traceparent` in HTTP headers and Kafka
 * message headers) and the one way the platform opens a span around a piece of work.
 */
import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  isSpanContextValid,
  propagation,
  trace,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { redactText } from '../logging/redact';

export { SpanKind, type Attributes, type Context, type Span };

export const TRACEPARENT_HEADER = 'traceparent';

/** The platform's tracer (the service shows as the resource, the library as this name). */
export function tracer() {
  return trace.getTracer('sim');
}

/**
 * Adds the trace context of `from` (default: the active one) to `headers`, unless they already
 * carry one: a message relayed from the outbox keeps the trace it was written in.
 */
export function injectTraceContext(headers: Record<string, string>, from: Context = context.active()): Record<string, string> {
  if (headers[TRACEPARENT_HEADER]) return headers;
  propagation.inject(from, headers);
  return headers;
}

/** The trace a message or request belongs to, ignoring whatever the receiving code was doing. */
export function contextFromHeaders(headers: Record<string, string | string[] | undefined>): Context {
  return propagation.extract(ROOT_CONTEXT, headers, {
    keys: (carrier) => Object.keys(carrier),
    get: (carrier, key) => {
      const value = carrier[key] ?? carrier[key.toLowerCase()];
      return Array.isArray(value) ? value[0] : value;
    },
  });
}

/** The active trace and span ids, when a span is active and valid. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const span = trace.getActiveSpan()?.spanContext();
  return span && isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : undefined;
}

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** Parent context; default the active one. */
  parent?: Context;
}

/**
 * Runs `work` inside a new span that is active for everything it awaits; a thrown error marks
 * the span as failed and is rethrown. The span ends when `work` settles.
 */
export async function inSpan<T>(name: string, options: SpanOptions, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = options.parent ?? context.active();
  return tracer().startActiveSpan(name, { kind: options.kind ?? SpanKind.INTERNAL, attributes: options.attributes }, parent, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      markFailed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Marks the span failed with the error's message (secrets masked, as in the logs). */
export function markFailed(span: Span, error: unknown): void {
  const message = redactText(error instanceof Error ? error.message : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message });
  span.recordException({ name: error instanceof Error ? error.name : 'Error', message });
}

/** Runs `work` outside any trace, e.g. a background loop that must not inherit its starter's span. */
export function outsideTrace<T>(work: () => T): T {
  return context.with(ROOT_CONTEXT, work);
}
