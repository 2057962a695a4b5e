export * from './bus';
export { createBus } from './create-bus';
export type { BusConfig } from './create-bus';
export { DeliveryAbortedError, backoffDelayMs, resolveRetryPolicy } from './delivery';
export { InProcessBus } from './in-process/in-process-bus';
export type { InProcessBusOptions } from './in-process/in-process-bus';
export { partitionForKey } from './in-process/murmur2';
export { KafkaBus } from './kafka/kafka-bus';
export type { KafkaBusLogLevel, KafkaBusOptions, KafkaConsumerTuning } from './kafka/kafka-bus';
