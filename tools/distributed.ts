/**
 * `npm run distributed`: the platform as separate processes on real PostgreSQL and Kafka.
 * Needs a broker (`npm run kafka -- start`) and PostgreSQL (DATABASE_URL).
 */
import { join } from 'node:path';
import { startDistributedStack } from '@sim/embedded';

async function main() {
  const stack = await startDistributedStack({
    databaseUrl: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    gatewayPort: Number(process.env.GATEWAY_PORT ?? 4000),
    servicePortBase: Number(process.env.SERVICE_PORT_BASE ?? 4100),
    webPort: Number(process.env.WEB_PORT ?? 3000),
    logDir: process.env.LOG_DIR ?? join(__dirname, '..', 'tmp', 'distributed-logs'),
  });
  for (const p of stack.processes) console.log(`  ${p.name.padEnd(13)} pid ${p.child.pid}  port ${p.port}  log ${p.logFile}`);
  console.log(`\nGateway ${stack.gatewayUrl}; web http://localhost:${process.env.WEB_PORT ?? 3000}. Ctrl-C stops everything.`);
  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
