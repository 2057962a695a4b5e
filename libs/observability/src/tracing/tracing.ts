/**
 * OpenTelemetry tracing for a process: W3C trace context (`traceparent`) as the propagation
 * format, the async-local context manager so a span follows its async work, a parent-based
 * ratio sampler, and an OTLP/HTTP exporter when a collector is configured. Without a
 * collector spans are still created and their context still travels (in HTTP and Kafka
 * headers), so a downstream service that does export keeps the caller's trace id.
 *
 * One provider per process: in the embedded default every service asks, the first call
 * installs it and the others share it.
 */
import { context, propagation, trace, type Context } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type ReadableSpan,
  type Span,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import { enableLogContext } from '../logging/log-context';

export interface TracingOptions {
  /** `service.name` of the spans (in the embedded default, of the whole process). */
  serviceName: string;
  /** Base URL of an OTLP/HTTP collector; spans are sent to `<url>/v1/traces`. Null: not exported. */
  otlpEndpoint?: string | null;
  /** Share of new traces recorded, 0..1 (default 1). A propagated trace keeps its parent's decision. */
  sampleRatio?: number;
}

export interface Tracing {
  readonly serviceName: string;
  /** Adds a processor (tests add an in-memory exporter); the returned function removes it. */
  addSpanProcessor(processor: SpanProcessor): () => void;
  /** Sends spans still buffered. */
  forceFlush(): Promise<void>;
  /** Flushes and uninstalls the provider (last step of a graceful shutdown). */
  shutdown(): Promise<void>;
}

let installed: Tracing | undefined;

export function startTracing(options: TracingOptions): Tracing {
  if (installed) return installed;
  // Tracing carries its context along async calls anyway; log lines get the ids the same way.
  enableLogContext();
  const processors = new FanOutSpanProcessor();
  if (options.otlpEndpoint) {
    const url = `${options.otlpEndpoint.replace(/\/+$/, '')}/v1/traces`;
    processors.add(new BatchSpanProcessor(new OTLPTraceExporter({ url })));
  }
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.sampleRatio ?? 1) }),
    spanProcessors: [processors],
  });
  // Installs the provider, the AsyncLocalStorage context manager and the W3C propagators.
  provider.register();
  const tracing: Tracing = {
    serviceName: options.serviceName,
    addSpanProcessor: (processor) => processors.add(processor),
    forceFlush: () => provider.forceFlush(),
    async shutdown() {
      if (installed !== tracing) return;
      installed = undefined;
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  installed = tracing;
  return tracing;
}

/** The tracing installed in this process, if any. */
export function activeTracing(): Tracing | undefined {
  return installed;
}

/** Passes every span to a set of processors that may change while the process runs. */
class FanOutSpanProcessor implements SpanProcessor {
  private readonly processors = new Set<SpanProcessor>();

  add(processor: SpanProcessor): () => void {
    this.processors.add(processor);
    return () => {
      this.processors.delete(processor);
      void processor.shutdown().catch(() => undefined);
    };
  }

  onStart(span: Span, parentContext: Context): void {
    for (const processor of this.processors) processor.onStart(span, parentContext);
  }

  onEnd(span: ReadableSpan): void {
    for (const processor of this.processors) processor.onEnd(span);
  }

  async forceFlush(): Promise<void> {
    await Promise.all([...this.processors].map((p) => p.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all([...this.processors].map((p) => p.shutdown()));
    this.processors.clear();
  }
}
