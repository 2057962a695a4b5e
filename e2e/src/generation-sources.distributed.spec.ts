import { join } from 'node:path';
import { DEV_JWT_SECRET } from '@sim/gateway';
import { createTestDatabase } from '@sim/testing';
import { seedDemo, startDistributedStack } from '@sim/embedded';
import { describeGenerationSourcesApi } from './generation-sources.api';
import { freePorts } from './support/free-port';
import { kafkaBrokers, requireKafka } from './support/kafka';

jest.setTimeout(240_000);

describeGenerationSourcesApi('distributed: separate processes, PostgreSQL and Kafka', async () => {
  await requireKafka();
  const database = await createTestDatabase('sim_e2e_sources');
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
  return {
    gatewayUrl: stack.gatewayUrl,
    jwtSecret: DEV_JWT_SECRET,
    async close() {
      await stack.close();
      await database.drop();
    },
  };
});
