import { MessageBus } from './bus';
import { InProcessBus } from './in-process/in-process-bus';
import { KafkaBus, KafkaBusOptions } from './kafka/kafka-bus';

export interface BusConfig {
  kind: 'kafka' | 'in-process';
  /** Required for kind 'kafka', e.g. ['127.0.0.1:9092']. */
  brokers?: string[];
  /** kafkajs client id (appears in broker logs and quotas). Default 'sim'. */
  clientId?: string;
}

/**
 * The one place a bus is chosen; services receive a MessageBus and never learn which one.
 * Opens no connection: the Kafka bus connects on first use.
 */
export function createBus(config: BusConfig, kafkaOptions: Partial<KafkaBusOptions> = {}): MessageBus {
  if (config.kind === 'in-process') return new InProcessBus();
  if (!config.brokers || config.brokers.length === 0) {
    throw new Error("createBus: kind 'kafka' needs brokers, e.g. ['127.0.0.1:9092']");
  }
  return new KafkaBus({ ...kafkaOptions, brokers: config.brokers, clientId: config.clientId ?? 'sim' });
}
