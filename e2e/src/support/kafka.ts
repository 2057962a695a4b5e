import { Kafka, logLevel } from 'kafkajs';

export function kafkaBrokers(): string {
  return process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
}

/** Fails (never skips) when no broker answers, saying how to start one. */
export async function requireKafka(): Promise<void> {
  const admin = new Kafka({ brokers: [kafkaBrokers()], clientId: 'e2e-probe', logLevel: logLevel.NOTHING, retry: { retries: 1 } }).admin();
  try {
    await admin.connect();
    await admin.listTopics();
  } catch (error) {
    throw new Error(`Kafka is not reachable at ${kafkaBrokers()} (${(error as Error).message}); run \`npm run kafka -- start\``);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
