import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { EntitySchema, MixedList } from 'typeorm';
import type { MessageBus, TopicSpec } from '@sim/bus';
import type { Logger } from '@sim/observability';
import { Database, OutboxRelay, ProcessedMessagePruner, type DatabaseTarget } from '@sim/persistence';
import { internalAuthMiddleware } from './internal-auth.middleware';
import { NestLogger } from './nest-logger';
import { requestTracing } from './request-tracing.middleware';
import { RuntimeModule, type ServiceRuntime } from './runtime.module';

/** What a service is: everything its host needs to start it, in either mode. */
export interface ServiceDefinition {
  /** The subgraph's name in the supergraph, e.g. `test-cases`. */
  name: string;
  /** Its PostgreSQL schema. */
  schema: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Topics the service publishes to or consumes from. */
  topics: TopicSpec[];
  module: Type<unknown> | DynamicModule;
}

export interface StartServiceOptions {
  database: DatabaseTarget;
  bus: MessageBus;
  port: number;
  host?: string;
  internalSecret: string;
  /** Nest's own console logger at these levels, when no `logger` is given (the embedded default). */
  logLevels?: LogLevel[] | false;
  /** The process's structured logger (distributed mode): Nest and the outbox relay log through it. */
  logger?: Logger;
  appRole?: string;
}

export interface RunningService {
  name: string;
  url: string;
  healthUrl: string;
  port: number;
  app: INestApplication;
  db: Database;
  relay: OutboxRelay;
  close(): Promise<void>;
}

/** Largest request body a subgraph accepts. */
export /** How long a subgraph keeps an idle keep-alive connection (Node's default is 5 s). */
const SUBGRAPH_KEEP_ALIVE_MS = 65_000;
const SUBGRAPH_BODY_LIMIT = '16mb';

export async function startService(definition: ServiceDefinition, options: StartServiceOptions): Promise<RunningService> {
  const db = await Database.open({
    target: options.database,
    schema: definition.schema,
    appRole: options.appRole,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await options.bus.ensureTopics(definition.topics);
  // Background work that fails is logged and tried again at its next turn.
  const logFailure = (what: string) => (error: unknown) =>
    options.logger ? options.logger.error(`${what} failed`, { error }) : console.error(`[${definition.name}] ${what}: ${(error as Error).message}`);
  const relay = new OutboxRelay(db, options.bus, { onError: logFailure('outbox relay') });
  const pruner = new ProcessedMessagePruner(db, { onError: logFailure('pruning handled messages') });
  const runtime: ServiceRuntime = { name: definition.name, db, bus: options.bus, relay };

  @Module({ imports: [RuntimeModule.forRoot(runtime), definition.module] })
  class ServiceHostModule {}

  const app = await NestFactory.create<NestExpressApplication>(ServiceHostModule, new ExpressAdapter(), {
    logger: options.logger ? new NestLogger(options.logger) : (options.logLevels ?? ['error', 'warn']),
    abortOnError: false,
  });
  // Imports carry whole files (a thousand test cases is a few hundred kilobytes); the gateway
  // has already authenticated and limited the request.
  app.useBodyParser('json', { limit: SUBGRAPH_BODY_LIMIT });
  app.use('/graphql', internalAuthMiddleware(options.internalSecret), requestTracing(definition.name));
  await app.listen(options.port, options.host ?? '127.0.0.1');
  // The gateway keeps idle connections to subgraphs open and reuses them. Node closed an idle
  // connection after 5 s, and a request the gateway sent on it at that moment failed with
  // ECONNRESET ("the orchestrator service is unavailable"), several times per busy minute.
  // Idle connections now live 65 s, so a connection is almost always reused long before.
  const httpServer = app.getHttpServer();
  httpServer.keepAliveTimeout = SUBGRAPH_KEEP_ALIVE_MS;
  httpServer.headersTimeout = SUBGRAPH_KEEP_ALIVE_MS + 1_000;
  relay.start();
  pruner.start();
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const base = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    name: definition.name,
    url: `${base}/graphql`,
    healthUrl: `${base}/health`,
    port,
    app,
    db,
    relay,
    async close() {
      if (closed) return;
      closed = true;
      // Stop taking requests and consuming first, then hand the outbox's remainder to the bus.
      await app.close();
      await relay.stop();
      await pruner.stop();
      await db.close();
    },
  };
}
