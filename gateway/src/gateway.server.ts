import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import type { MessageBus } from '@sim/bus';
import { ErrorCodes } from '@sim/errors';
import { renderMetrics } from '@sim/observability';
import { createAuthenticator, credentialsFromHeaders, type Authenticator } from './auth/authenticator';
import { formatGatewayError } from './errors/gateway-errors';
import { subgraphUrlFor, type GatewayConfig } from './gateway.config';
import { errorMeta, jsonLogger, requestIdFrom, type GatewayContext, type GatewayLogger } from './gateway.context';
import { guardPlugin } from './guard.plugin';
import { observabilityPlugin } from './observability.plugin';
import { createHealthRouter } from './health/health.router';
import { createAuthRouter } from './http/dev-sign-in';
import { cors, jsonErrors } from './http/middleware';
import type { QueryLimits } from './limits/query-limits';
import { REQUEST_ID_HEADER, SignedDataSource } from './subgraphs/signed-data-source';
import { SubscriptionHub } from './subscriptions/subscription-hub';
import { defaultSubscriptionRegistry, registryTopics, type SubscriptionRegistry } from './subscriptions/subscription-registry';
import { attachWebSocketServer, type OperationExecutor } from './subscriptions/websocket-server';
import { cachedTenantDirectory, createOrchestratorTenantDirectory, type TenantDirectory } from './tenants/tenant-directory';

export const GRAPHQL_PATH = '/graphql';

export interface CreateGatewayServerOptions {
  config: GatewayConfig;
  /** The composed supergraph SDL (see `SUPERGRAPH_PATH`). */
  supergraphSdl: string;
  /** Where `run.updated` and friends arrive; without one, subscriptions are refused. */
  bus?: MessageBus;
  /** Defaults to asking the orchestrator subgraph, cached for `TENANT_CACHE_TTL_MS`. */
  tenantDirectory?: TenantDirectory;
  /** Defaults to `defaultSubscriptionRegistry` (API.md's subscriptions). */
  subscriptions?: SubscriptionRegistry;
  logger?: GatewayLogger;
}

export interface GatewayServer {
  /** The GraphQL endpoint, for HTTP and (as ws://) for graphql-ws. */
  url: string;
  port: number;
  httpServer: HttpServer;
  close(): Promise<void>;
}

/**
 * The gateway: Apollo Gateway over the supergraph for queries and mutations, graphql-ws on the
 * same `/graphql` path for subscriptions, authentication, tenant checks, limits and health.
 */
export async function createGatewayServer(options: CreateGatewayServerOptions): Promise<GatewayServer> {
  const { config } = options;
  const logger = options.logger ?? jsonLogger;
  const authenticate = createAuthenticator(config);
  const tenants = options.tenantDirectory ?? defaultTenantDirectory(config);
  const limits: QueryLimits = { maxDepth: config.maxQueryDepth, maxCost: config.maxQueryCost };
  const registry = options.subscriptions ?? defaultSubscriptionRegistry;

  const supergraph = createSupergraphGateway(config, options.supergraphSdl, logger);
  const app = express();
  const httpServer = createServer(app);
  const apollo = createApolloServer(supergraph.gateway, httpServer, { limits, tenants, logger });
  await apollo.start();

  let hub: SubscriptionHub | null = null;
  let ws: { dispose(): Promise<void> } | null = null;
  const shutdown = async () => {
    await ws?.dispose();
    await hub?.close();
    await apollo.stop(); // drains in-flight HTTP requests, closes the server, stops the gateway
  };
  try {
    if (options.bus) {
      hub = new SubscriptionHub(options.bus, registryTopics(registry), (error, topic) => logger.error('subscription listener failed', { topic, ...errorMeta(error) }));
      await hub.start();
    }
    mountRoutes(app, { config, apollo, authenticate, logger, subgraphs: supergraph.subgraphs });
    const execute = executorOf(apollo);
    ws = attachWebSocketServer({ httpServer, path: GRAPHQL_PATH, schema: supergraph.apiSchema, authenticate, tenants, limits, registry, hub, execute, logger });
    await listen(httpServer, config.port, config.host);
  } catch (error) {
    await shutdown().catch(() => undefined);
    throw error;
  }

  const port = (httpServer.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return { url: `http://${displayHost(config.host)}:${port}${GRAPHQL_PATH}`, port, httpServer, close: () => (closing ??= shutdown()) };
}

function defaultTenantDirectory(config: GatewayConfig): TenantDirectory {
  const orchestrator = createOrchestratorTenantDirectory({ url: config.orchestratorUrl, internalAuthSecret: config.internalAuthSecret });
  return cachedTenantDirectory(orchestrator, config.tenantCacheTtlMs);
}

/** Apollo Gateway over a static supergraph, each subgraph at its configured URL. */
function createSupergraphGateway(config: GatewayConfig, supergraphSdl: string, logger: GatewayLogger) {
  const subgraphs = new Map<string, string>();
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: apolloLogger(logger),
    buildService({ name, url }) {
      const target = subgraphUrlFor(config, name, url);
      if (!target) throw new Error(`subgraph "${name}" has no URL in the supergraph or the configuration`);
      subgraphs.set(name, target);
      return new SignedDataSource(name, target, config.internalAuthSecret);
    },
  });
  let schema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (schema = apiSchema));
  const apiSchema = (): GraphQLSchema => {
    if (!schema) throw new Error('the gateway has not loaded its schema');
    return schema;
  };
  return { gateway, subgraphs, apiSchema };
}

function createApolloServer(gateway: ApolloGateway, httpServer: HttpServer, guard: Parameters<typeof guardPlugin>[0]) {
  const { logger } = guard;
  return new ApolloServer<GatewayContext>({
    gateway,
    logger: apolloLogger(logger),
    includeStacktraceInErrorResponses: false,
    // The process owns its signals (embedded/src/main.ts, gateway/src/main.ts) and closes the
    // gateway in order; Apollo's own SIGINT/SIGTERM handler raced that close and hung it.
    stopOnTerminationSignals: false,
    formatError: (formatted: GraphQLFormattedError, error: unknown) => {
      const result = formatGatewayError(formatted);
      if (result.extensions?.['code'] === ErrorCodes.internal) {
        const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
        logger.error('internal error', { message: formatted.message, path: formatted.path, ...errorMeta(original) });
      }
      return result;
    },
    plugins: [observabilityPlugin(), guardPlugin(guard), ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 5_000 })],
  });
}

interface RouteDeps {
  config: GatewayConfig;
  apollo: ApolloServer<GatewayContext>;
  authenticate: Authenticator;
  logger: GatewayLogger;
  subgraphs: Map<string, string>;
}

function mountRoutes(app: Express, { config, apollo, authenticate, logger, subgraphs }: RouteDeps): void {
  app.disable('x-powered-by');
  app.use('/health', createHealthRouter(() => [...subgraphs].map(([name, url]) => ({ name, url }))));
  app.get('/metrics', async (_req, res) => {
    const { contentType, body } = await renderMetrics();
    res.type(contentType).send(body);
  });
  app.use('/auth', cors(config.corsOrigins), createAuthRouter(config));
  app.use(
    GRAPHQL_PATH,
    cors(config.corsOrigins),
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
        res.setHeader(REQUEST_ID_HEADER, requestId);
        return { principal: await authenticate(credentialsFromHeaders(req.headers)), requestId };
      },
    }),
  );
  app.use(jsonErrors(logger));
}

/** Runs an operation through Apollo Server in-process: plugins, limits, query planning, subgraphs. */
function executorOf(apollo: ApolloServer<GatewayContext>): OperationExecutor {
  return async (request, contextValue) => {
    const response = await apollo.executeOperation(request, { contextValue });
    if (response.body.kind === 'single') return response.body.singleResult;
    return { errors: [{ message: 'incremental delivery (@defer/@stream) is not supported here', extensions: { code: 'BAD_USER_INPUT' } }] };
  };
}

function listen(server: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function apolloLogger(logger: GatewayLogger) {
  return {
    debug: () => undefined,
    info: (message?: unknown) => logger.info(String(message)),
    warn: (message?: unknown) => logger.warn(String(message)),
    error: (message?: unknown) => logger.error(String(message)),
  };
}
