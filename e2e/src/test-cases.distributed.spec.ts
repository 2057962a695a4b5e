import { join } from 'node:path';
import { KafkaBus } from '@sim/bus';
import { createTestDatabase } from '@sim/testing';
import { DEV_JWT_SECRET } from '@sim/gateway';
import { seedDemo, startDistributedStack } from '@sim/embedded';
import { describeTestCasesApi } from './test-cases.api';
import { freePorts } from './support/free-port';
import { SnapshotWatcher } from './support/snapshot-watcher';
import { kafkaBrokers, requireKafka } from './support/kafka';

jest.setTimeout(240_000);

// Distributed: each service and the gateway its own process, real PostgreSQL, real Kafka.
describeTestCasesApi('distributed: separate processes, PostgreSQL and Kafka', async () => {
  await requireKafka();
  const database = await createTestDatabase('sim_e2e');
  const [gatewayPort, ...servicePorts] = await freePorts(6);
  const stack = await startDistributedStack({
    databaseUrl: database.url,
    kafkaBrokers: kafkaBrokers(),
    gatewayPort,
    servicePortBase: 0,
    servicePorts,
    logDir: join(__dirname, '..', '..', 'tmp', 'e2e-logs', database.name),
    env: { LOG_LEVEL: 'warn', JWT_SECRET: DEV_JWT_SECRET },
  }).catch(async (error) => {
    await database.drop();
    throw error;
  });
  await seedDemo(stack.gatewayUrl, DEV_JWT_SECRET);
  const bus = new KafkaBus({ brokers: [kafkaBrokers()], clientId: 'e2e-watcher' });
  const watcher = new SnapshotWatcher(bus);
  await watcher.start();
  return {
    gatewayUrl: stack.gatewayUrl,
    jwtSecret: DEV_JWT_SECRET,
    waitForSnapshot: (id, version, timeoutMs) => watcher.waitFor(id, version, timeoutMs),
    async close() {
      await watcher.stop();
      await bus.close();
      await stack.close();
      await database.drop();
    },
  };
});
