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

describe('KafkaBus when idle', () => {
  // kafkajs's request queue, whose checks the bus keeps from spinning (request-queue-timer.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: { checkPendingRequests(): void } };

  it('does not keep checking its connections for waiting requests, and still delivers what is published', async () => {
    await assertBrokerReachable();
    const bus = new KafkaBus({ brokers, clientId: 'bus-idle', logLevel: 'error', consumer: { maxWaitTimeMs: 500 } });
    const original = RequestQueue.prototype.checkPendingRequests;
    let checks = 0;
    RequestQueue.prototype.checkPendingRequests = function (this: unknown) {
      checks += 1;
      return original.call(this);
    };
    try {
      const topic = `${namePrefix}.idle`;
      await bus.ensureTopics([{ name: topic, partitions: 2 }]);
      const received: string[] = [];
      await bus.subscribe({
        groupId: `${namePrefix}-idle`,
        topics: [topic],
        handler: async (message) => {
          received.push(Buffer.from(message.value).toString());
        },
      });
      // Publishes at once: the producer sends one request at a time, so most of them wait in its queue.
      const sent = Array.from({ length: 40 }, (_, i) => `m${i}`);
      await Promise.all(sent.map((text, i) => bus.publish(topic, [{ key: `k${i % 4}`, value: Buffer.from(text) }])));
      const deadline = Date.now() + 20_000;
      while (received.length < sent.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect([...received].sort()).toEqual([...sent].sort());

      // Idle: a consumer's fetch is answered every maxWaitTimeMs, the producer and admin send nothing.
      checks = 0;
      await new Promise((r) => setTimeout(r, 1_000));
      // Spinning, the queues of these three connections checked themselves hundreds of times a second.
      expect(checks).toBeLessThan(30);
    } finally {
      RequestQueue.prototype.checkPendingRequests = original;
      await bus.close();
    }
  });
});
