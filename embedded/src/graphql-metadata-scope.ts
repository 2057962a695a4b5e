/**
 * Gives each subgraph of the embedded process its own code-first GraphQL metadata.
 *
 * @nestjs/graphql keeps the metadata of every decorated class in two process-wide storages
 * (on `global`), and builds a schema from all of it. Federation makes several subgraphs
 * declare a type of the same name (`TestRunCase` in orchestrator, simulation and
 * evaluation), each with its own fields: in one process they would leak into each
 * other's schemas. Every internal reader goes through the storage modules' live exports,
 * so installing a fresh pair of storages before a service's classes are loaded, and again
 * before its schema is built, scopes the metadata to that service as if it ran alone
 * (docs/adr/0004-graphql-federation.md).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
interface StorageModule<T> {
  [key: string]: T;
}

const typeStorageModule: StorageModule<object> = require('@nestjs/graphql/dist/schema-builder/storages/type-metadata.storage.js');
const lazyStorageModule: StorageModule<object> = require('@nestjs/graphql/dist/schema-builder/storages/lazy-metadata.storage.js');

interface MetadataScope {
  types: object;
  lazy: object;
}

/** One scope per service name: a module's decorators run once, so a restart must reuse them. */
const scopes = new Map<string, MetadataScope>();

function install(scope: MetadataScope): void {
  typeStorageModule['TypeMetadataStorage'] = scope.types;
  lazyStorageModule['LazyMetadataStorage'] = scope.lazy;
}

/**
 * Runs `work` (load the service's modules, then build its Nest app) with the service's own
 * metadata installed. Services must be started one after another.
 */
export async function inGraphQLMetadataScope<T>(serviceName: string, work: () => Promise<T>): Promise<T> {
  let scope = scopes.get(serviceName);
  if (!scope) {
    const TypeHost = typeStorageModule['TypeMetadataStorageHost'] as new () => object;
    const LazyHost = lazyStorageModule['LazyMetadataStorageHost'] as new () => object;
    scope = { types: new TypeHost(), lazy: new LazyHost() };
    scopes.set(serviceName, scope);
  }
  const previous: MetadataScope = { types: typeStorageModule['TypeMetadataStorage'], lazy: lazyStorageModule['LazyMetadataStorage'] };
  install(scope);
  try {
    return await work();
  } finally {
    install(previous);
  }
}
