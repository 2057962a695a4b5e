import { randomUUID } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  OperationTypeNode,
  parse,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type FormattedExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode, type ExecutionResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { Principal } from '@sim/auth';
import { credentialsFromConnectionParams, type Authenticator } from '../auth/authenticator';
import { badUserInput, exposedInternalError, formatForWebSocket } from '../errors/gateway-errors';
import { errorMeta, type GatewayContext, type GatewayLogger } from '../gateway.context';
import { queryLimitErrors, type QueryLimits } from '../limits/query-limits';
import { assertTenantAccess, rootFieldNames } from '../tenants/tenant-access';
import type { TenantDirectory } from '../tenants/tenant-directory';
import { createCoalescingRunner } from './coalescing-runner';
import { LatestValueStream } from './latest-value-stream';
import { planRequery, type RequeryPlan } from './requery-plan';
import { requeryWithRetry } from './requery-retry';
import type { SubscriptionHub } from './subscription-hub';
import type { SubscriptionRegistry } from './subscription-registry';

export interface OperationRequest {
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
}

/** Runs a query or mutation through the gateway's own pipeline (plugins, limits, subgraphs). */
export type OperationExecutor = (request: OperationRequest, context: GatewayContext) => Promise<FormattedExecutionResult>;

export interface WebSocketGatewayOptions {
  httpServer: HttpServer;
  path: string;
  /** The gateway's API schema, which includes any `Subscription` type of the supergraph. */
  schema(): GraphQLSchema;
  authenticate: Authenticator;
  tenants: TenantDirectory;
  limits: QueryLimits;
  registry: SubscriptionRegistry;
  /** Absent when the gateway runs without a bus: subscriptions are then refused. */
  hub: SubscriptionHub | null;
  execute: OperationExecutor;
  logger: GatewayLogger;
}

interface WsOperationContext extends GatewayContext {
  request: OperationRequest;
  plan?: RequeryPlan;
}

/** Close codes beyond graphql-ws's own: the tenant check could not be made. */
const TRY_AGAIN_LATER = 4503;

/**
 * graphql-ws on the gateway's HTTP server. Apollo Gateway cannot execute subscriptions, so a
 * subscription here listens to the bus and, on each event of the subscriber's tenant that
 * its registry entry matches, re-runs the subscriber's selection set as a query through the
 * gateway with the subscriber's own principal, and pushes that result.
 */
export function attachWebSocketServer(options: WebSocketGatewayOptions): { dispose(): Promise<void> } {
  const wsServer = new WebSocketServer({ server: options.httpServer, path: options.path });
  const principals = new WeakMap<object, Principal>();
  const onLookupError = (error: unknown) => options.logger.error('tenant lookup failed', errorMeta(error));

  const disposable = useServer(
    {
      async onConnect(ctx) {
        const close = (code: number, reason: string) => ctx.extra.socket.close(code, reason.slice(0, 120));
        let principal: Principal;
        try {
          principal = await options.authenticate(credentialsFromConnectionParams(ctx.connectionParams));
          await assertTenantAccess(principal, [], options.tenants, onLookupError);
        } catch (error) {
          if (!(error instanceof GraphQLError)) throw error;
          const code = error.extensions['code'];
          close(code === 'UNAUTHENTICATED' ? CloseCode.Unauthorized : code === 'FORBIDDEN' ? CloseCode.Forbidden : TRY_AGAIN_LATER, error.message);
          return false;
        }
        principals.set(ctx, principal);
        return true;
      },

      async onSubscribe(ctx, _id, payload) {
        const principal = principals.get(ctx);
        if (!principal) return [new GraphQLError('not authenticated', { extensions: { code: 'UNAUTHENTICATED' } })];
        const schema = options.schema();
        let document: DocumentNode;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [withCode(error, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document);
        if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (!operation) return [badUserInput('the document must name one operation to run (operationName)')];
        const overLimit = queryLimitErrors(schema, document, options.limits, payload.variables);
        if (overLimit.length > 0) return overLimit;
        try {
          await assertTenantAccess(principal, rootFieldNames(document, operation), options.tenants, onLookupError);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }

        const context: WsOperationContext = {
          principal,
          requestId: randomUUID(),
          request: { query: payload.query, variables: payload.variables ?? {}, operationName: payload.operationName ?? undefined },
        };
        if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
          if (!options.hub) return [exposedInternalError('subscriptions are not available: this gateway runs without a message bus')];
          const plan = planRequery(schema, document, operation, payload.variables ?? undefined, options.registry);
          if (!('entry' in plan)) return plan;
          context.plan = plan;
        }
        const args: ExecutionArgs = { schema, document, operationName: payload.operationName, variableValues: payload.variables, contextValue: context };
        return args;
      },

      execute: (args) => {
        const context = args.contextValue as WsOperationContext;
        return options.execute(context.request, context) as Promise<ExecutionResult>;
      },

      subscribe: (args) => openSubscription(args.contextValue as WsOperationContext, options) as AsyncIterableIterator<ExecutionResult>,

      // Results come from Apollo Server already formatted; errors raised here are formatted the same way.
      onNext: (_ctx, _id, _payload, _args, result) => ({
        ...result,
        ...(result.errors ? { errors: result.errors.map((error) => (error instanceof GraphQLError ? formatForWebSocket(error) : error)) } : {}),
      }),
      onError: (_ctx, _id, _payload, errors) => errors.map(formatForWebSocket),
    },
    wsServer,
  );

  return { dispose: () => disposable.dispose() as Promise<void> };
}

function openSubscription(context: WsOperationContext, options: WebSocketGatewayOptions): AsyncIterableIterator<FormattedExecutionResult> {
  const { principal } = context;
  const plan = context.plan!;
  let closed = false;
  const runner = createCoalescingRunner(
    async () =>
      stream.push(
        await requeryWithRetry(
          () => options.execute(plan.request, { principal, requestId: randomUUID() }),
          undefined,
          () => closed,
        ),
      ),
    (error) => options.logger.error('subscription re-query failed', { field: plan.field, tenantId: principal.tenantId, ...errorMeta(error) }),
  );
  const stream = new LatestValueStream<FormattedExecutionResult>(() => {
    closed = true;
    unlisten();
    runner.stop();
  });
  const unlisten = options.hub!.listen(plan.entry.topic, (event) => {
    // Another tenant's event never wakes this subscriber, whatever its registry entry says.
    if (event.tenantId !== principal.tenantId) return;
    if (plan.entry.matches(event, plan.args, principal)) runner.trigger();
  });
  // The current state first, so a subscriber never waits for the next change to see where
  // things stand (a job that finished a moment ago, a run between two events).
  runner.trigger();
  return stream;
}

function withCode(error: unknown, code: string): GraphQLError {
  const base = error instanceof GraphQLError ? error : new GraphQLError(String((error as Error)?.message ?? error));
  return new GraphQLError(base.message, { nodes: base.nodes, source: base.source, positions: base.positions, extensions: { ...base.extensions, code } });
}
