/**
 * For tests: records every span this process ends, in memory, so a spec can assert which
 * spans a request or a message produced and that they share one trace.
 */
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { activeTracing, startTracing } from './tracing';

export interface SpanRecorder {
  spans(): ReadableSpan[];
  reset(): void;
  /** Stops recording (and uninstalls tracing if this recorder installed it). */
  stop(): Promise<void>;
}

export function recordSpans(serviceName = 'test'): SpanRecorder {
  const startedHere = !activeTracing();
  const tracing = startTracing({ serviceName, otlpEndpoint: null, sampleRatio: 1 });
  const exporter = new InMemorySpanExporter();
  const remove = tracing.addSpanProcessor(new SimpleSpanProcessor(exporter));
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    async stop() {
      remove();
      if (startedHere) await tracing.shutdown();
    },
  };
}
