import { createBus, kafkaSecurityOptions, type MessageBus } from '@sim/bus';
import { ConfigError } from '@sim/config';
import { createLogger, metricsRegistry, runShutdownSteps, startTracing, stopOnSignals, type Logger, type ShutdownStep, type Tracing } from '@sim/observability';
import { postgresSsl } from '@sim/persistence';
import { loadServiceConfig, type ServiceConfig } from './service.config';
import { startService, type RunningService, type ServiceDefinition } from './service';

/** Time the steps after the drain get before a hung shutdown is cut short. */
const SHUTDOWN_TAIL_MS = 10_000;

/** Entry point of a service in distributed mode: its own process, PostgreSQL and Kafka. */
export async function runServiceProcess(definition: ServiceDefinition): Promise<void> {
  let config: ServiceConfig;
  let connections: ReturnType<typeof connectionOptions>;
  try {
    config = loadServiceConfig(definition.defaultPort);
    connections = connectionOptions(config);
  } catch (error) {
    console.error(`[${definition.name}] ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(78);
  }
  const logger = createLogger({ service: definition.name, level: config.logLevel, format: config.logFormat });
  const tracing = startTracing({ serviceName: definition.name, otlpEndpoint: config.otlpEndpoint, sampleRatio: config.traceSampleRatio });
  metricsRegistry().setDefaultLabels({ service: definition.name });
  const bus = createBus(
    { kind: 'kafka', brokers: config.kafkaBrokers, clientId: definition.name },
    { ...connections.kafka, logger: logger.child({ component: 'kafkajs' }) },
  );
  let service: RunningService;
  try {
    service = await startService(definition, {
      database: { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize, ssl: connections.databaseSsl },
      bus,
      port: config.port,
      host: config.host,
      internalSecret: config.internalSecret,
      appRole: config.appRole,
      logger,
    });
  } catch (error) {
    logger.error('failed to start', { error });
    await bus.close().catch(() => undefined);
    await tracing.shutdown();
    process.exit(1);
  }
  logger.info('ready', { url: service.url });
  stopOnSignals(() => runShutdownSteps(serviceShutdownSteps({ service, bus, tracing, logger, timeoutMs: config.shutdownTimeoutMs }), logger), {
    logger,
    hardDeadlineMs: config.shutdownTimeoutMs + SHUTDOWN_TAIL_MS,
  });
}

/** TLS and SASL options from the configuration; a file that cannot be read is a ConfigError. */
function connectionOptions(config: ServiceConfig) {
  return { kafka: kafkaSecurityOptions(config), databaseSsl: postgresSsl(config.databaseSslMode, config.databaseSslCaFile) };
}

export interface ServiceShutdown {
  service: RunningService;
  bus: MessageBus;
  tracing?: Tracing;
  logger: Logger;
  /** SHUTDOWN_TIMEOUT_MS: how long handlers in progress may run on. */
  timeoutMs: number;
}

/**
 * The order a service stops in (docs/adr/0008-observability.md):
 * 1. stop consuming, and let the steps in progress finish and commit, or hand them back
 *    (uncommitted, to the next member of the group) at the deadline;
 * 2. close the HTTP server and the service's own workers (Nest shutdown hooks: the simulation
 *    releases the leases of exchanges it aborts), then flush the outbox once more and close the
 *    database pool; the producer is still connected, so that last flush reaches Kafka;
 * 3. disconnect from Kafka;
 * 4. send the spans still buffered.
 */
export function serviceShutdownSteps({ service, bus, tracing, logger, timeoutMs }: ServiceShutdown): ShutdownStep[] {
  return [
    {
      name: 'stop consuming and finish the steps in progress',
      run: async () => {
        const { finishedInTime } = await bus.drain({ timeoutMs });
        if (!finishedInTime) logger.warn('steps still running at the shutdown deadline were handed back to the consumer group', { timeoutMs });
      },
    },
    { name: 'close the HTTP server, flush the outbox and close the database', run: () => service.close() },
    { name: 'disconnect from Kafka', run: () => bus.close() },
    { name: 'flush traces', run: async () => tracing?.shutdown() },
  ];
}
