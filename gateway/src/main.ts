/**
 * The gateway as its own process: `node tools/run.js gateway/src/main.ts`.
 * Configuration comes from the environment (see gateway.config.ts); the bus is Kafka when
 * KAFKA_BROKERS is set, otherwise there is no bus and subscriptions are refused (the
 * embedded default runs the gateway in-process with the shared in-process bus instead).
 */
import { readFileSync } from 'node:fs';
import { createBus, kafkaSecurityOptions, type MessageBus } from '@sim/bus';
import { ConfigError } from '@sim/config';
import { createLogger, metricsRegistry, runShutdownSteps, startTracing, stopOnSignals } from '@sim/observability';
import { loadGatewayConfig } from './gateway.config';
import { errorMeta, jsonLogger } from './gateway.context';
import { createGatewayServer } from './gateway.server';

/** Time the steps after the drain get before a hung shutdown is cut short. */
const SHUTDOWN_TAIL_MS = 10_000;

async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const kafkaSecurity = kafkaSecurityOptions(config);
  const logger = createLogger({ service: 'gateway', level: config.logLevel, format: config.logFormat });
  const tracing = startTracing({ serviceName: 'gateway', otlpEndpoint: config.otlpEndpoint, sampleRatio: config.traceSampleRatio });
  metricsRegistry().setDefaultLabels({ service: 'gateway' });
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  } catch (error) {
    throw new Error(`SUPERGRAPH_PATH: cannot read the supergraph at ${config.supergraphPath} (${(error as Error).message}); compose it first`);
  }
  const brokers = config.kafkaBrokers;
  const bus: MessageBus | undefined =
    brokers.length > 0 ? createBus({ kind: 'kafka', brokers, clientId: 'gateway' }, { ...kafkaSecurity, logger: logger.child({ component: 'kafkajs' }) }) : undefined;
  if (!bus) logger.warn('KAFKA_BROKERS is not set: subscriptions are disabled');

  const server = await createGatewayServer({ config, supergraphSdl, bus, logger });
  logger.info(`gateway ready at ${server.url}`, { url: server.url, subscriptions: bus ? 'kafka' : 'off' });

  // Stop listening to the bus first (a subscription event in progress finishes), then drain the
  // HTTP server and close the WebSocket subscriptions, then disconnect and send the last spans.
  stopOnSignals(
    () =>
      runShutdownSteps(
        [
          { name: 'stop consuming', run: async () => bus?.drain({ timeoutMs: config.shutdownTimeoutMs }) },
          { name: 'close HTTP and WebSocket connections', run: () => server.close() },
          { name: 'disconnect from Kafka', run: async () => bus?.close() },
          { name: 'flush traces', run: () => tracing.shutdown() },
        ],
        logger,
      ),
    { logger, hardDeadlineMs: config.shutdownTimeoutMs + SHUTDOWN_TAIL_MS },
  );
}

main().catch((error) => {
  jsonLogger.error(error instanceof ConfigError ? error.message : 'gateway failed to start', errorMeta(error));
  process.exit(1);
});
