import { kafkaSecurityConfigDefinition } from '@sim/bus';
import { int, list, loadConfig, oneOf, optionalStr, port, str, type ConfigOf } from '@sim/config';
import { observabilityConfigDefinition } from '@sim/observability';
import { DATABASE_SSL_MODES } from '@sim/persistence';

export const DEV_INTERNAL_AUTH_SECRET = 'dev-only-insecure-internal-auth-secret-change-me';

/** The variables every service process reads in distributed mode. */
export function serviceConfigDefinition(defaultPort: number) {
  return {
    port: port('PORT', { description: 'HTTP port of the subgraph (GraphQL on /graphql, readiness on /health, Prometheus metrics on /metrics).', default: defaultPort }),
    host: str('HOST', { description: 'Interface to listen on.', default: '0.0.0.0' }),
    databaseUrl: str('DATABASE_URL', {
      description: 'PostgreSQL connection URL; the service keeps its tables in its own schema.',
      default: 'postgres://postgres@127.0.0.1:5432/postgres',
    }),
    databasePoolSize: int('DATABASE_POOL_SIZE', { description: 'Connections in the pool.', default: 10, min: 1, max: 200 }),
    databaseSslMode: oneOf('DATABASE_SSL_MODE', DATABASE_SSL_MODES, {
      description: "TLS to PostgreSQL: `disable`, `require` (encrypted, the server's certificate not checked) or `verify-full` (certificate and host name checked).",
      default: 'disable',
    }),
    databaseSslCaFile: optionalStr('DATABASE_SSL_CA_FILE', {
      description: "PEM file of the CA that signed the database server's certificate, for `verify-full` (unset: the system's trusted CAs).",
    }),
    appRole: str('DB_APP_ROLE', {
      description: 'Role that tenant transactions run as (row-level security applies to it; it must not own the tables nor bypass RLS).',
      default: 'sim_app',
    }),
    kafkaBrokers: list('KAFKA_BROKERS', { description: 'Comma-separated Kafka bootstrap servers.', default: ['127.0.0.1:9092'] }),
    ...kafkaSecurityConfigDefinition,
    internalSecret: str('INTERNAL_AUTH_SECRET', {
      description: 'Shared secret that signs the gateway-to-subgraph identity headers.',
      default: DEV_INTERNAL_AUTH_SECRET,
      secret: true,
    }),
    ...observabilityConfigDefinition,
  };
}

export type ServiceConfig = ConfigOf<ReturnType<typeof serviceConfigDefinition>>;

export function loadServiceConfig(defaultPort: number, env = process.env): ServiceConfig {
  const config = loadConfig(serviceConfigDefinition(defaultPort), env);
  if (env.NODE_ENV === 'production' && config.internalSecret === DEV_INTERNAL_AUTH_SECRET) {
    throw new Error('INTERNAL_AUTH_SECRET must be set in production (the development default is public)');
  }
  return config;
}
