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
});
