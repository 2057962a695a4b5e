import { KafkaBus } from '@sim/bus';
import { describeTestCasesApi } from './test-cases.api';
import { startSeededDistributedStack } from './support/distributed';
import { kafkaBrokers } from './support/kafka';
import { SnapshotWatcher } from './support/snapshot-watcher';

jest.setTimeout(240_000);

// Distributed: each service and the gateway its own process, real PostgreSQL, real Kafka.
describeTestCasesApi('distributed: separate processes, PostgreSQL and Kafka', async () => {
  const distributed = await startSeededDistributedStack('sim_e2e');
  const bus = new KafkaBus({ brokers: [kafkaBrokers()], clientId: 'e2e-watcher' });
  const watcher = new SnapshotWatcher(bus);
  await watcher.start();
  return {
    gatewayUrl: distributed.gatewayUrl,
    jwtSecret: distributed.jwtSecret,
    waitForSnapshot: (id, version, timeoutMs) => watcher.waitFor(id, version, timeoutMs),
    async close() {
      await watcher.stop();
      await bus.close();
      await distributed.close();
    },
  };
});
