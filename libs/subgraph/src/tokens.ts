/** Injection tokens for what a service is given by whoever starts it (embedded or distributed). */
export const DATABASE = Symbol('Database');
export const MESSAGE_BUS = Symbol('MessageBus');
export const OUTBOX_RELAY = Symbol('OutboxRelay');
