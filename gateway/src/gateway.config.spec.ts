import { hashApiKey } from '@sim/auth';
import { ConfigError } from '@sim/config';
import { DEV_JWT_SECRET, loadGatewayConfig, subgraphUrlFor } from './gateway.config';

describe('gateway configuration', () => {
  it('has working development defaults', () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({ port: 4000, host: '0.0.0.0', jwtSecret: DEV_JWT_SECRET, maxQueryDepth: 12, maxQueryCost: 20000, tenantCacheTtlMs: 2000, apiKeys: [] });
    expect(config.supergraphPath).toMatch(/gateway[\\/]supergraph\.graphql$/);
    expect(['test-cases', 'generation', 'orchestrator', 'simulation', 'evaluation'].map((name) => subgraphUrlFor(config, name, undefined))).toEqual(
      [4101, 4102, 4103, 4104, 4105].map((port) => `http://127.0.0.1:${port}/graphql`),
    );
    expect(subgraphUrlFor(config, 'reports', 'http://reports:80/graphql')).toBe('http://reports:80/graphql');
  });

  it('refuses to boot in production with the development secrets, naming each variable', () => {
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET[\s\S]*INTERNAL_AUTH_SECRET/);
    expect(() => loadGatewayConfig({ NODE_ENV: 'production', JWT_JWKS_URL: 'https://idp.example/jwks', INTERNAL_AUTH_SECRET: 's3cret-from-vault' })).not.toThrow();
  });

  it('names the variable of a bad value', () => {
    expect(() => loadGatewayConfig({ API_KEYS: 'nope' })).toThrow(/API_KEYS/);
    expect(() => loadGatewayConfig({ ORCHESTRATOR_URL: 'not a url' })).toThrow(/ORCHESTRATOR_URL/);
    expect(() => loadGatewayConfig({ MAX_QUERY_DEPTH: '0' })).toThrow(/MAX_QUERY_DEPTH/);
    expect(loadGatewayConfig({ API_KEYS: `${hashApiKey('k')}:acme:bot:viewer` }).apiKeys).toHaveLength(1);
  });

  it('runs with JSON logs, no trace export, every trace sampled, a 25 s shutdown and plain Kafka unless told otherwise', () => {
    expect(loadGatewayConfig({})).toMatchObject({
      logLevel: 'log',
      logFormat: 'json',
      otlpEndpoint: null,
      traceSampleRatio: 1,
      shutdownTimeoutMs: 25_000,
      kafkaSsl: false,
      kafkaSslCaFile: null,
      kafkaSaslMechanism: null,
      kafkaSaslUsername: null,
      kafkaSaslPassword: null,
    });
    expect(
      loadGatewayConfig({ LOG_FORMAT: 'pretty', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel-collector:4318', OTEL_TRACES_SAMPLE_RATIO: '0.1', KAFKA_SSL: 'true', KAFKA_SASL_MECHANISM: 'scram-sha-512' }),
    ).toMatchObject({ logFormat: 'pretty', otlpEndpoint: 'http://otel-collector:4318', traceSampleRatio: 0.1, kafkaSsl: true, kafkaSaslMechanism: 'scram-sha-512' });
  });

  it('names the operations variable of a bad value', () => {
    expect(() => loadGatewayConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT: "xml" must be one of json, pretty/);
    expect(() => loadGatewayConfig({ OTEL_TRACES_SAMPLE_RATIO: '2' })).toThrow(/OTEL_TRACES_SAMPLE_RATIO: must be at most 1/);
    expect(() => loadGatewayConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(() => loadGatewayConfig({ SHUTDOWN_TIMEOUT_MS: '-1' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
    expect(() => loadGatewayConfig({ KAFKA_SASL_MECHANISM: 'oauthbearer' })).toThrow(/KAFKA_SASL_MECHANISM/);
  });
});
