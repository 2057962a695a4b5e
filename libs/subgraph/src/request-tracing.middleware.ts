import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '@sim/auth';
import { SpanKind, contextFromHeaders, markFailed, tracer, withLogContext } from '@sim/observability';
import { context, trace } from '@opentelemetry/api';

/**
 * Continues the gateway's trace for a subgraph request: a server span whose parent is the
 * request's `traceparent`, active (with the caller's tenant in the log context) for all the
 * request does, so the outbox messages it writes carry the same trace on to the consumers.
 * Runs after the body parser: a middleware waiting for body events would lose the context.
 */
export function requestTracing(serviceName: string) {
  return (req: Request & { principal?: Principal }, res: Response, next: NextFunction) => {
    const parent = contextFromHeaders(req.headers);
    const span = tracer().startSpan(
      `${serviceName} ${req.method} ${req.baseUrl || req.path}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.originalUrl.split('?')[0], 'sim.service': serviceName } },
      parent,
    );
    res.once('finish', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) markFailed(span, new Error(`HTTP ${res.statusCode}`));
      span.end();
    });
    context.with(trace.setSpan(parent, span), () => withLogContext({ tenantId: req.principal?.tenantId }, next));
  };
}
