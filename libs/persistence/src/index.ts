export * from './database';
export * from './sql';
export * from './outbox';
export * from './idempotent-consumer';
export { PGlitePool } from './pglite-pool';
export * from './pglite';
export * from './cursor';
export * from './turns';
export * from './postgres-ssl';
