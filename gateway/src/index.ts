export { createGatewayServer, GRAPHQL_PATH } from './gateway.server';
export type { CreateGatewayServerOptions, GatewayServer } from './gateway.server';
export {
  gatewayConfigDefinition,
  loadGatewayConfig,
  subgraphUrlFor,
  subgraphUrlKeys,
  DEV_JWT_SECRET,
  DEV_INTERNAL_AUTH_SECRET,
} from './gateway.config';
export type { GatewayConfig } from './gateway.config';
export type { GatewayContext, GatewayLogger } from './gateway.context';
export { defaultSubscriptionRegistry, SubscriptionTopics } from './subscriptions/subscription-registry';
export type { SubscriptionArgs, SubscriptionEntry, SubscriptionEvent, SubscriptionRegistry } from './subscriptions/subscription-registry';
export { cachedTenantDirectory, createOrchestratorTenantDirectory } from './tenants/tenant-directory';
export type { TenantDirectory, TenantStatus } from './tenants/tenant-directory';
export { createDepthLimitRule } from './limits/depth-limit.rule';
export { createCostLimitRule } from './limits/cost-limit.rule';
