import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { contextFromHeaders, inSpan, injectTraceContext, outsideTrace } from './spans';
import { recordSpans } from './span-recorder';
import { startTracing } from './tracing';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;

describe('trace propagation', () => {
  const recorder = recordSpans('propagation-test');
  afterAll(() => recorder.stop());
  beforeEach(() => recorder.reset());

  it('carries the active span in a traceparent header, and continues it on the other side', async () => {
    const headers: Record<string, string> = {};
    const producer = await inSpan('run start', {}, async (span) => {
      injectTraceContext(headers);
      return span.spanContext();
    });
    expect(headers.traceparent).toMatch(TRACEPARENT);
    expect(headers.traceparent).toContain(producer.traceId);

    await inSpan('simulation.requested process', { kind: SpanKind.CONSUMER, parent: contextFromHeaders(headers) }, async () => undefined);
    const consumer = recorder.spans().find((s) => s.name === 'simulation.requested process')!;
    expect(consumer.spanContext().traceId).toBe(producer.traceId);
    expect(consumer.parentSpanContext?.spanId).toBe(producer.spanId);
  });

  it('keeps a traceparent a message already carries (one written to the outbox in another trace)', async () => {
    const written = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    await inSpan('relay', {}, async () => injectTraceContext(written));
    expect(written.traceparent).toBe('00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01');
  });

  it('adds nothing outside a trace, and work run outside a trace does not inherit its caller', async () => {
    const headers: Record<string, string> = {};
    injectTraceContext(headers);
    expect(headers).toEqual({});
    await inSpan('caller', {}, async () => {
      outsideTrace(() => expect(trace.getActiveSpan()).toBeUndefined());
      expect(trace.getSpan(context.active())).toBeDefined();
    });
  });

  it('marks a span failed with the error, without the secrets in its message', async () => {
    await expect(inSpan('llm judge', {}, async () => Promise.reject(new Error('401 for api_key=sk-123')))).rejects.toThrow('sk-123');
    const [span] = recorder.spans();
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.status.message).toBe('401 for api_key=[REDACTED]');
  });
});

describe('exporting', () => {
  it('sends spans to the OTLP/HTTP collector at <endpoint>/v1/traces, with the service name', async () => {
    const received: { path: string; body: string }[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/`;
    const tracing = startTracing({ serviceName: 'evaluation', otlpEndpoint: endpoint, sampleRatio: 1 });
    try {
      await inSpan('simulation.completed process', { kind: SpanKind.CONSUMER }, async () => undefined);
      await tracing.forceFlush();
      expect(received.map((r) => r.path)).toEqual(['/v1/traces']);
      expect(received[0].body).toContain('simulation.completed process');
      expect(received[0].body).toContain('evaluation');
    } finally {
      await tracing.shutdown();
      await new Promise((resolve) => collector.close(resolve));
    }
  });

  it('with a sample ratio of 0 records no new trace but still propagates one', async () => {
    const tracing = startTracing({ serviceName: 'gateway', otlpEndpoint: null, sampleRatio: 0 });
    const recorder = recordSpans();
    try {
      const headers: Record<string, string> = {};
      await inSpan('graphql mutation', {}, async () => injectTraceContext(headers));
      expect(recorder.spans()).toEqual([]);
      expect(headers.traceparent).toMatch(/-00$/); // not sampled: downstream services keep that decision
    } finally {
      await recorder.stop();
      await tracing.shutdown();
    }
  });
});
