import * as path from 'node:path';
import { parseApiKeys, type ApiKeyEntry } from '@sim/auth';
import { kafkaSecurityConfigDefinition } from '@sim/bus';
import { ConfigError, int, list, loadConfig, optionalStr, str, url, type ConfigOf, type VariableSpec } from '@sim/config';
import { observabilityConfigDefinition } from '@sim/observability';

/** Development-only secrets: good enough for `npm start` on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me';
export const DEV_INTERNAL_AUTH_SECRET = 'dev-only-insecure-internal-auth-secret-change-me';

const repoRoot = path.resolve(__dirname, '..', '..');

function apiKeys(env: string, description: string): VariableSpec<ApiKeyEntry[]> {
  return { env, description, default: [], secret: true, defaultDoc: '(none)', parse: parseApiKeys };
}

function subgraphUrl(env: string, name: string, port: number): VariableSpec<string> {
  return url(env, { description: `GraphQL endpoint of the ${name} subgraph`, default: `http://127.0.0.1:${port}/graphql` });
}

/** Every environment variable the gateway reads. */
export const gatewayConfigDefinition = {
  port: int('GATEWAY_PORT', { description: 'HTTP and WebSocket port of the gateway (0 picks a free port); Prometheus metrics on `/metrics`', default: 4000, min: 0, max: 65535 }),
  host: str('GATEWAY_HOST', { description: 'Interface the gateway listens on', default: '0.0.0.0' }),
  jwtSecret: str('JWT_SECRET', {
    description: 'HS256 secret that signs user JWTs (development); ignored when JWT_JWKS_URL is set. The default is a development value and is refused in production',
    default: DEV_JWT_SECRET,
    secret: true,
  }),
  jwtJwksUrl: optionalStr('JWT_JWKS_URL', { description: "JWKS endpoint of the identity provider (production); takes precedence over JWT_SECRET" }),
  jwtIssuer: optionalStr('JWT_ISSUER', { description: 'Required `iss` claim of user JWTs' }),
  jwtAudience: optionalStr('JWT_AUDIENCE', { description: 'Required `aud` claim of user JWTs' }),
  apiKeys: apiKeys('API_KEYS', 'API keys for internal tools: comma-separated "<sha256 of key>:<tenant>:<user>:<role>|<role>"'),
  internalAuthSecret: str('INTERNAL_AUTH_SECRET', {
    description: 'HMAC secret shared with the subgraphs to sign the tenant/user/roles headers. The default is a development value and is refused in production',
    default: DEV_INTERNAL_AUTH_SECRET,
    secret: true,
  }),
  supergraphPath: str('SUPERGRAPH_PATH', {
    description: 'Composed supergraph SDL the gateway serves',
    default: path.join(repoRoot, 'gateway', 'supergraph.graphql'),
    defaultDoc: '`gateway/supergraph.graphql` (from the repository root)',
  }),
  testCasesUrl: subgraphUrl('TEST_CASES_URL', 'test-cases', 4101),
  generationUrl: subgraphUrl('GENERATION_URL', 'generation', 4102),
  orchestratorUrl: subgraphUrl('ORCHESTRATOR_URL', 'orchestrator', 4103),
  simulationUrl: subgraphUrl('SIMULATION_URL', 'simulation', 4104),
  evaluationUrl: subgraphUrl('EVALUATION_URL', 'evaluation', 4105),
  maxQueryDepth: int('MAX_QUERY_DEPTH', { description: 'Deepest selection nesting an operation may have', default: 12, min: 1 }),
  maxQueryCost: int('MAX_QUERY_COST', { description: 'Highest estimated cost (fields x page sizes) an operation may have', default: 20000, min: 1 }),
  tenantCacheTtlMs: int('TENANT_CACHE_TTL_MS', { description: "How long the gateway caches a tenant's existence and feature flag", default: 2000, min: 0 }),
  corsOrigins: list('CORS_ORIGINS', {
    description: 'Browser origins allowed to call the gateway (comma-separated; `*` for any)',
    default: ['http://localhost:3000', 'http://127.0.0.1:3000'],
  }),
  kafkaBrokers: list('KAFKA_BROKERS', {
    description: 'Kafka brokers (comma-separated) for subscriptions when the gateway runs as its own process; unset: no bus, subscriptions refused',
    default: [],
  }),
  ...kafkaSecurityConfigDefinition,
  ...observabilityConfigDefinition,
};

export type GatewayConfig = ConfigOf<typeof gatewayConfigDefinition>;

/** Subgraph name in the supergraph (composition name) -> the config key holding its URL. */
export const subgraphUrlKeys = {
  'test-cases': 'testCasesUrl',
  generation: 'generationUrl',
  orchestrator: 'orchestratorUrl',
  simulation: 'simulationUrl',
  evaluation: 'evaluationUrl',
} as const satisfies Record<string, keyof GatewayConfig>;

/** The URL a subgraph is reached at: the configured one for known names, else the supergraph's. */
export function subgraphUrlFor(config: GatewayConfig, name: string, supergraphUrl: string | undefined): string | undefined {
  const key = (subgraphUrlKeys as Record<string, keyof GatewayConfig>)[name];
  return key ? (config[key] as string) : supergraphUrl;
}

export function loadGatewayConfig(env: Record<string, string | undefined> = process.env): GatewayConfig {
  const config = loadConfig(gatewayConfigDefinition, env);
  if (env['NODE_ENV'] === 'production') assertNoDevSecrets(config);
  return config;
}

function assertNoDevSecrets(config: GatewayConfig): void {
  const problems: string[] = [];
  if (!config.jwtJwksUrl && config.jwtSecret === DEV_JWT_SECRET) {
    problems.push('JWT_SECRET is the development default; set a real secret (or JWT_JWKS_URL) in production');
  }
  if (config.internalAuthSecret === DEV_INTERNAL_AUTH_SECRET) {
    problems.push('INTERNAL_AUTH_SECRET is the development default; set a real secret in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
}
