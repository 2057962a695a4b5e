/**
 * The gateway as its own process: `node tools/run.js gateway/src/main.ts`.
 * Configuration comes from the environment (see gateway.config.ts); the bus is Kafka when
 * KAFKA_BROKERS is set, otherwise there is no bus and subscriptions are refused (the
 * embedded default runs the gateway in-process with the shared in-process bus instead).
 */
import { readFileSync } from 'node:fs';
import { createBus, type MessageBus } from '@sim/bus';
import { ConfigError } from '@sim/config';
import { loadGatewayConfig } from './gateway.config';
import { errorMeta, jsonLogger } from './gateway.context';
import { createGatewayServer } from './gateway.server';

async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  let supergraphSdl: string;
  try {
    supergraphSdl = readFileSync(config.supergraphPath, 'utf8');
  } catch (error) {
    throw new Error(`SUPERGRAPH_PATH: cannot read the supergraph at ${config.supergraphPath} (${(error as Error).message}); compose it first`);
  }
  const brokers = config.kafkaBrokers;
  const bus: MessageBus | undefined = brokers.length > 0 ? createBus({ kind: 'kafka', brokers, clientId: 'gateway' }) : undefined;
  if (!bus) jsonLogger.warn('KAFKA_BROKERS is not set: subscriptions are disabled');

  const server = await createGatewayServer({ config, supergraphSdl, bus, logger: jsonLogger });
  jsonLogger.info(`gateway ready at ${server.url}`, { url: server.url, subscriptions: bus ? 'kafka' : 'off' });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    jsonLogger.info('gateway shutting down', { signal });
    try {
      await server.close();
      await bus?.close();
      process.exit(0);
    } catch (error) {
      jsonLogger.error('gateway shutdown failed', errorMeta(error));
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error) => {
  jsonLogger.error(error instanceof ConfigError ? error.message : 'gateway failed to start', errorMeta(error));
  process.exit(1);
});
