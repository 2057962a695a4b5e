import { performance } from 'node:perf_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import { context, trace } from '@opentelemetry/api';
import { ErrorCodes } from '@sim/errors';
import { SpanKind, contextFromHeaders, httpMetrics, markFailed, tracer, type Context } from '@sim/observability';
import type { GatewayContext } from './gateway.context';

/** The trace of each operation in progress, by its context value, for the subgraph requests it makes. */
const operationTraces = new WeakMap<object, Context>();

/** The trace context a subgraph request of this operation continues (signed-data-source.ts). */
export function operationTraceOf(contextValue: object | undefined): Context | undefined {
  return contextValue ? operationTraces.get(contextValue) : undefined;
}

/**
 * One server span per GraphQL operation, over HTTP or graphql-ws: it continues a caller's
 * `traceparent` when there is one (else the work that triggered it, e.g. the `run.updated`
 * message a subscription re-queries for), and its context travels to every subgraph request.
 * Also times each operation by type and outcome for Prometheus.
 *
 * The span is looked up by context value rather than taken from the active context because
 * Apollo runs plugin hooks and the query plan in separate async steps.
 */
export function observabilityPlugin(): ApolloServerPlugin<GatewayContext> {
  const metrics = httpMetrics();
  return {
    async requestDidStart({ request, contextValue }) {
      const incoming = request.http ? contextFromHeaders(Object.fromEntries(request.http.headers)) : undefined;
      const parent = incoming && trace.getSpan(incoming) ? incoming : context.active();
      const span = tracer().startSpan('graphql', { kind: SpanKind.SERVER, attributes: { 'sim.service': 'gateway' } }, parent);
      operationTraces.set(contextValue, trace.setSpan(parent, span));
      const started = performance.now();
      metrics.inFlight.inc();
      let operation = 'unknown';
      let outcome: 'ok' | 'error' = 'ok';
      let ended = false;
      return {
        async didResolveOperation({ operation: resolved, operationName }) {
          operation = resolved?.operation ?? 'unknown';
          span.updateName(`graphql ${operation}${operationName ? ` ${operationName}` : ''}`);
          span.setAttributes({ 'graphql.operation.type': operation, 'graphql.operation.name': operationName ?? '' });
          if (contextValue.principal?.tenantId) span.setAttribute('sim.tenant_id', contextValue.principal.tenantId);
        },
        async didEncounterErrors({ errors }) {
          outcome = 'error';
          const internal = errors.find((e) => e.extensions?.['code'] === ErrorCodes.internal || !e.extensions?.['code']);
          // A refused or invalid request is the caller's error, not the platform's.
          if (internal) markFailed(span, internal);
          else span.setAttribute('graphql.error.code', String(errors[0]?.extensions?.['code'] ?? ''));
        },
        async willSendResponse() {
          if (ended) return;
          ended = true;
          metrics.inFlight.dec();
          metrics.graphqlDuration.observe({ operation, outcome }, (performance.now() - started) / 1000);
          span.end();
          operationTraces.delete(contextValue);
        },
      };
    },
  };
}
