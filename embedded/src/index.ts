export { startEmbeddedPlatform } from './platform';
export type { EmbeddedPlatform, EmbeddedPlatformOptions } from './platform';
export { startDistributedStack, SERVICE_NAMES } from './distributed/stack';
export type { DistributedStack, DistributedStackOptions, ManagedProcess } from './distributed/stack';
export { seedDemo, DEMO_WIDGET_NAME } from './seed/seed-demo';
export { demoUsers, demoTenants } from './seed/demo-users';
export { loadAllServices, loadService, serviceNames, startScopedService } from './services';
export type { ServiceName } from './services';
export { configSections } from './config-sections';
