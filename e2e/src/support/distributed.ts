import { join } from 'node:path';
import { seedDemo, startDistributedStack, type DistributedStack } from '@sim/embedded';
import { DEV_JWT_SECRET } from '@sim/gateway';
import { createTestDatabase } from '@sim/testing';
import { freePorts } from './free-port';
import { kafkaBrokers, requireKafka } from './kafka';

export interface SeededDistributedStack {
  stack: DistributedStack;
  gatewayUrl: string;
  jwtSecret: string;
  close(): Promise<void>;
}

/**
 * Distributed mode for a test file: each service and the gateway its own process, on a
 * fresh PostgreSQL database and the Kafka broker, seeded with the demo tenants.
 */
export async function startSeededDistributedStack(databasePrefix: string, env: Record<string, string> = {}): Promise<SeededDistributedStack> {
  await requireKafka();
  const database = await createTestDatabase(databasePrefix);
  const [gatewayPort, ...servicePorts] = await freePorts(6);
  const stack = await startDistributedStack({
    databaseUrl: database.url,
    kafkaBrokers: kafkaBrokers(),
    gatewayPort,
    servicePortBase: 0,
    servicePorts,
    logDir: join(__dirname, '..', '..', '..', 'tmp', 'e2e-logs', database.name),
    env: { LOG_LEVEL: 'warn', JWT_SECRET: DEV_JWT_SECRET, ...env },
  }).catch(async (error) => {
    await database.drop();
    throw error;
  });
  await seedDemo(stack.gatewayUrl, DEV_JWT_SECRET);
  return {
    stack,
    gatewayUrl: stack.gatewayUrl,
    jwtSecret: DEV_JWT_SECRET,
    async close() {
      await stack.close();
      await database.drop();
    },
  };
}
