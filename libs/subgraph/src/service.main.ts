import type { LogLevel } from '@nestjs/common';
import { createBus } from '@sim/bus';
import { ConfigError } from '@sim/config';
import { loadServiceConfig } from './service.config';
import { startService, type ServiceDefinition } from './service';

const levels: LogLevel[] = ['error', 'warn', 'log', 'debug'];

/** Entry point of a service in distributed mode: its own process, PostgreSQL and Kafka. */
export async function runServiceProcess(definition: ServiceDefinition): Promise<void> {
  let config;
  try {
    config = loadServiceConfig(definition.defaultPort);
  } catch (error) {
    console.error(`[${definition.name}] ${error instanceof ConfigError ? error.message : String(error)}`);
    process.exit(78);
  }
  const bus = createBus({ kind: 'kafka', brokers: config.kafkaBrokers, clientId: definition.name });
  const service = await startService(definition, {
    database: { kind: 'postgres', url: config.databaseUrl, poolSize: config.databasePoolSize },
    bus,
    port: config.port,
    host: config.host,
    internalSecret: config.internalSecret,
    appRole: config.appRole,
    logLevels: levels.slice(0, levels.indexOf(config.logLevel) + 1),
  });
  console.log(JSON.stringify({ level: 'info', service: definition.name, msg: 'ready', url: service.url }));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ level: 'info', service: definition.name, msg: 'shutting down', signal }));
    await service.close();
    await bus.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
