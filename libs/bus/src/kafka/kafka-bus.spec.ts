/**
 * The contract against a real broker. Needs Kafka at KAFKA_BROKERS (default 127.0.0.1:9092):
 * `npm run kafka -- start`. Without one this spec fails; it never skips.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { describeBusContract } from '../bus.contract';
import { KafkaBus } from './kafka-bus';

const brokers = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',').map((b) => b.trim());

async function assertBrokerReachable(): Promise<void> {
  const admin = new Kafka({
    clientId: 'bus-contract-probe',
    brokers,
    connectionTimeout: 2_000,
    retry: { retries: 1 },
    logLevel: logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(
      `No Kafka broker answers at ${brokers.join(',')}: start one with \`npm run kafka -- start\` ` +
        `(or point KAFKA_BROKERS at one). Cause: ${(error as Error).message}`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

/** Topics of this run only: other runs may share the broker. */
const namePrefix = `contract-${randomUUID().slice(0, 8)}`;

async function deleteTopicsOfThisRun(): Promise<void> {
  const admin = new Kafka({ clientId: 'bus-contract-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(`${namePrefix}.`));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

describeBusContract(
  'kafka',
  async () => {
    await assertBrokerReachable();
    return new KafkaBus({
      brokers,
      clientId: 'bus-contract',
      logLevel: 'error',
      // Short enough that a test never waits long on a rebalance; 6 s is the broker's minimum.
      consumer: { sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 10_000, maxWaitTimeMs: 500 },
    });
  },
  { namePrefix },
);

// Runs after the contract's own afterAll has closed the bus.
afterAll(async () => {
  await deleteTopicsOfThisRun().catch(() => undefined);
});

describe('KafkaBus readiness', () => {
  it('is not healthy when no broker answers, and says so within the time asked', async () => {
    // A port nothing listens on: the connection is refused at once, or the deadline ends it.
    const bus = new KafkaBus({ brokers: ['127.0.0.1:1'], clientId: 'bus-health-probe', logLevel: 'nothing' });
    const started = Date.now();
    try {
      await expect(bus.checkHealth(1_500)).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await bus.close();
    }
  });
});
