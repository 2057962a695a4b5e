import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createJwtVerifier } from '@sim/auth';
import { loadGatewayConfig } from '../gateway.config';
import { createAuthRouter } from './dev-sign-in';

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve)))));

async function serve(env: Record<string, string>): Promise<string> {
  const config = loadGatewayConfig({ ...env });
  const app = express();
  app.use('/auth', createAuthRouter(config, env as NodeJS.ProcessEnv));
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth`;
}

const ask = (base: string, body: unknown) =>
  fetch(`${base}/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('development sign-in (web app, embedded default)', () => {
  it('signs a token the gateway accepts, for the tenant, user and role picked', async () => {
    const base = await serve({ JWT_SECRET: 'a-secret-for-this-test' });
    expect(await (await fetch(`${base}/config`)).json()).toEqual({ devSignIn: true, demoTenants: ['acme', 'globex', 'platform'] });
    const response = await ask(base, { tenant: 'acme', user: 'erin@acme.test', role: 'viewer' });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    const principal = await createJwtVerifier({ secret: 'a-secret-for-this-test' })(token);
    expect(principal).toEqual({ tenantId: 'acme', userId: 'erin@acme.test', roles: ['viewer'] });
  });

  it('names the field that is wrong', async () => {
    const base = await serve({});
    for (const [body, field] of [
      [{ tenant: 'Acme Corp', user: 'erin', role: 'editor' }, 'tenant'],
      [{ tenant: 'acme', user: '', role: 'editor' }, 'user'],
      [{ tenant: 'acme', user: 'erin', role: 'owner' }, 'role'],
    ] as const) {
      const response = await ask(base, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toMatch(new RegExp(`^${field}:`));
    }
  });

  it('is off in production and wherever an identity provider issues the tokens', async () => {
    const environments: Record<string, string>[] = [
      { NODE_ENV: 'production', JWT_SECRET: 'prod-secret', INTERNAL_AUTH_SECRET: 'prod-internal' },
      { JWT_JWKS_URL: 'https://idp.example.com/.well-known/jwks.json' },
    ];
    for (const env of environments) {
      const base = await serve(env);
      expect(await (await fetch(`${base}/config`)).json()).toEqual({ devSignIn: false, demoTenants: [] });
      expect((await ask(base, { tenant: 'acme', user: 'erin', role: 'platform-admin' })).status).toBe(404);
    }
  });
});
