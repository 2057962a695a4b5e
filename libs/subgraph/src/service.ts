import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type LogLevel, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { EntitySchema, MixedList } from 'typeorm';
import type { MessageBus, TopicSpec } from '@sim/bus';
import { Database, OutboxRelay, type DatabaseTarget } from '@sim/persistence';
import { internalAuthMiddleware } from './internal-auth.middleware';
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
  logLevels?: LogLevel[] | false;
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
export const SUBGRAPH_BODY_LIMIT = '16mb';

export async function startService(definition: ServiceDefinition, options: StartServiceOptions): Promise<RunningService> {
  const db = await Database.open({
    target: options.database,
    schema: definition.schema,
    appRole: options.appRole,
    entities: definition.entities,
    migrations: definition.migrations,
  });
  await options.bus.ensureTopics(definition.topics);
  const relay = new OutboxRelay(db, options.bus, {
    onError: (error) => console.error(`[${definition.name}] outbox relay: ${(error as Error).message}`),
  });
  const runtime: ServiceRuntime = { name: definition.name, db, bus: options.bus, relay };

  @Module({ imports: [RuntimeModule.forRoot(runtime), definition.module] })
  class ServiceHostModule {}

  const app = await NestFactory.create<NestExpressApplication>(ServiceHostModule, new ExpressAdapter(), {
    logger: options.logLevels ?? ['error', 'warn'],
    abortOnError: false,
  });
  // Imports carry whole files (a thousand test cases is a few hundred kilobytes); the gateway
  // has already authenticated and limited the request.
  app.useBodyParser('json', { limit: SUBGRAPH_BODY_LIMIT });
  app.use('/graphql', internalAuthMiddleware(options.internalSecret));
  await app.listen(options.port, options.host ?? '127.0.0.1');
  relay.start();
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
      await db.close();
    },
  };
}
