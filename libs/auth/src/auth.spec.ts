import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import {
  AuthenticationError,
  createApiKeyVerifier,
  createJwtVerifier,
  hashApiKey,
  hasRole,
  InternalHeaders,
  parseApiKeys,
  signDevToken,
  signInternalHeaders,
  verifyInternalHeaders,
  type Principal,
} from './index';

const SECRET = 'unit-test-secret-that-is-long-enough-for-hs256';
const erin: Principal = { tenantId: 'acme', userId: 'erin.editor', roles: ['editor'] };

/** An HS256 token with exactly the claims given, so each claim can be broken on its own. */
function hsToken(claims: Record<string, unknown>, options: { secret?: string; expiresAt?: number | string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(options.expiresAt ?? '1h')
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw, but the call returned');
}

describe('user JWTs signed with the development secret', () => {
  const verify = createJwtVerifier({ secret: SECRET });

  it('verifies a token from signDevToken back to the same tenant, user and roles', async () => {
    const token = await signDevToken({ tenantId: 'acme', userId: 'alex.admin@acme.example', roles: ['admin', 'viewer'] }, { secret: SECRET });
    await expect(verify(token)).resolves.toEqual({ tenantId: 'acme', userId: 'alex.admin@acme.example', roles: ['admin', 'viewer'] });
  });

  it('checks issuer and audience when configured', async () => {
    const strict = createJwtVerifier({ secret: SECRET, issuer: 'https://id.example', audience: 'sim' });
    const good = await signDevToken(erin, { secret: SECRET, issuer: 'https://id.example', audience: 'sim' });
    await expect(strict(good)).resolves.toEqual(erin);
    const otherAudience = await signDevToken(erin, { secret: SECRET, issuer: 'https://id.example', audience: 'someone-else' });
    const error = await rejection(strict(otherAudience));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/aud/);
  });

  it('rejects an expired token', async () => {
    const expired = await hsToken({ sub: 'erin', tenant: 'acme', roles: ['editor'] }, { expiresAt: Math.floor(Date.now() / 1000) - 60 });
    const error = await rejection(verify(expired));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/exp/);
  });

  it('rejects a token signed with another secret, and garbage', async () => {
    const forged = await signDevToken(erin, { secret: 'a-different-secret-of-some-length' });
    const error = await rejection(verify(forged));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/signature/);
    await expect(verify('not.a.jwt')).rejects.toBeInstanceOf(AuthenticationError);
  });

  it.each([
    ['tenant', { sub: 'erin', roles: ['editor'] }],
    ['tenant', { sub: 'erin', tenant: 'Acme Corp!', roles: ['editor'] }],
    ['tenant', { sub: 'erin', tenant: 42, roles: ['editor'] }],
    ['sub', { tenant: 'acme', roles: ['editor'] }],
    ['sub', { sub: 'erin smith', tenant: 'acme', roles: ['editor'] }],
    ['roles', { sub: 'erin', tenant: 'acme' }],
    ['roles', { sub: 'erin', tenant: 'acme', roles: [] }],
    ['roles', { sub: 'erin', tenant: 'acme', roles: ['editor', 'superuser'] }],
    ['roles', { sub: 'erin', tenant: 'acme', roles: 'admin' }],
  ])('rejects a token whose "%s" claim is missing or invalid (%j)', async (claim, claims) => {
    const error = await rejection(verify(await hsToken(claims)));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain(`"${claim}"`);
  });

  it('refuses to build a verifier with neither a secret nor a JWKS URL', () => {
    expect(() => createJwtVerifier({})).toThrow(/JWT_SECRET or JWT_JWKS_URL/);
  });
});

describe('user JWTs verified against the identity provider JWKS', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: KeyLike;
  let strangerKey: KeyLike;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      jwksRequests++;
      if (request.url !== '/.well-known/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  const rsToken = (key: KeyLike, claims: Record<string, unknown> = { tenant: 'acme', roles: ['viewer'] }) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' }).setSubject('auth0|123456').setIssuedAt().setExpirationTime('5m').sign(key);

  it('accepts a token signed by the provider key, fetched from the JWKS endpoint', async () => {
    const verify = createJwtVerifier({ jwksUrl });
    await expect(verify(await rsToken(privateKey))).resolves.toEqual({ tenantId: 'acme', userId: 'auth0|123456', roles: ['viewer'] });
    expect(jwksRequests).toBeGreaterThan(0);
  });

  it('rejects a token signed by another key under the same key id', async () => {
    const verify = createJwtVerifier({ jwksUrl });
    const error = await rejection(verify(await rsToken(strangerKey)));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/signature/);
  });

  it('rejects an HS256 token even when it carries valid claims, and a JWKS-signed token with bad claims', async () => {
    const verify = createJwtVerifier({ jwksUrl });
    await expect(verify(await signDevToken(erin, { secret: SECRET }))).rejects.toBeInstanceOf(AuthenticationError);
    const error = await rejection(verify(await rsToken(privateKey, { tenant: 'acme', roles: ['owner'] })));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('"roles"');
  });
});

describe('API keys from configuration', () => {
  const toolKey = 'sk-tool-0123456789abcdef';
  const otherKey = 'sk-other-fedcba9876543210';
  const config = `${hashApiKey(toolKey)}:acme:ci-bot:editor|viewer, ${hashApiKey(otherKey)}:globex:reporter:viewer`;

  it('parses every entry into its principal', () => {
    const entries = parseApiKeys(config);
    expect(entries.map((e) => e.principal)).toEqual([
      { tenantId: 'acme', userId: 'ci-bot', roles: ['editor', 'viewer'] },
      { tenantId: 'globex', userId: 'reporter', roles: ['viewer'] },
    ]);
    expect(parseApiKeys(undefined)).toEqual([]);
    expect(parseApiKeys('   ')).toEqual([]);
  });

  it('accepts each configured key as its own principal and rejects any other key', () => {
    const verify = createApiKeyVerifier(parseApiKeys(config));
    expect(verify(toolKey)).toEqual({ tenantId: 'acme', userId: 'ci-bot', roles: ['editor', 'viewer'] });
    expect(verify(otherKey)).toEqual({ tenantId: 'globex', userId: 'reporter', roles: ['viewer'] });
    const error = thrown(() => verify('sk-tool-0123456789abcdeX'));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/invalid API key/);
    expect(() => createApiKeyVerifier([])(toolKey)).toThrow(AuthenticationError);
  });

  it('does not let a caller change the configured roles through a returned principal', () => {
    const verify = createApiKeyVerifier(parseApiKeys(config));
    verify(toolKey).roles.push('platform-admin');
    expect(verify(toolKey).roles).toEqual(['editor', 'viewer']);
  });

  it.each([
    ['a hash that is not sha256 hex', 'abc123:acme:bot:viewer'],
    ['an unknown role', `${hashApiKey('k')}:acme:bot:owner`],
    ['no role', `${hashApiKey('k')}:acme:bot:`],
    ['a bad tenant id', `${hashApiKey('k')}:ACME!:bot:viewer`],
    ['a missing user', `${hashApiKey('k')}:acme`],
  ])('names the bad entry (%s) by its position', (_label, bad) => {
    const error = thrown(() => parseApiKeys(`${hashApiKey(toolKey)}:acme:ci-bot:editor,${bad}`));
    expect(error.message).toMatch(/API_KEYS entry 2\b/);
  });
});

describe('internal headers from the gateway to the subgraphs', () => {
  const secret = 'internal-hmac-secret';
  const now = Date.UTC(2025, 0, 15, 12, 0, 0);

  it('verifies signed headers back to the same principal', () => {
    const headers = signInternalHeaders({ tenantId: 'acme', userId: 'auth0|42', roles: ['admin', 'viewer'] }, secret, now);
    expect(Object.keys(headers).sort()).toEqual(Object.values(InternalHeaders).sort());
    expect(verifyInternalHeaders(headers, secret, now + 1000)).toEqual({ tenantId: 'acme', userId: 'auth0|42', roles: ['admin', 'viewer'] });
    // Node lowercases and may repeat headers: the first value counts.
    const asArrays = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v, 'ignored']]));
    expect(verifyInternalHeaders(asArrays, secret, now).tenantId).toBe('acme');
  });

  it.each([
    ['tenant', InternalHeaders.tenant, 'globex'],
    ['user', InternalHeaders.user, 'mallory'],
    ['roles', InternalHeaders.roles, 'platform-admin'],
    ['timestamp', InternalHeaders.timestamp, String(now + 1)],
  ])('rejects headers whose %s was changed after signing', (_label, name, value) => {
    const headers = { ...signInternalHeaders(erin, secret, now), [name]: value };
    const error = thrown(() => verifyInternalHeaders(headers, secret, now));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/signature does not verify/);
  });

  it('rejects headers signed with another secret, and a signature that is not hex of the right length', () => {
    expect(() => verifyInternalHeaders(signInternalHeaders(erin, 'other-secret', now), secret, now)).toThrow(/signature does not verify/);
    const short = { ...signInternalHeaders(erin, secret, now), [InternalHeaders.signature]: 'abcd' };
    expect(() => verifyInternalHeaders(short, secret, now)).toThrow(AuthenticationError);
  });

  it('rejects headers older (or newer) than five minutes', () => {
    const headers = signInternalHeaders(erin, secret, now);
    expect(verifyInternalHeaders(headers, secret, now + 4 * 60_000)).toEqual(erin);
    const late = thrown(() => verifyInternalHeaders(headers, secret, now + 6 * 60_000));
    expect(late).toBeInstanceOf(AuthenticationError);
    expect(late.message).toMatch(/expired/);
    expect(() => verifyInternalHeaders(headers, secret, now - 6 * 60_000)).toThrow(/expired/);
  });

  it.each(Object.values(InternalHeaders))('rejects a request without the %s header', (name) => {
    const headers: Record<string, string | undefined> = { ...signInternalHeaders(erin, secret, now) };
    delete headers[name];
    const error = thrown(() => verifyInternalHeaders(headers, secret, now));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/internal auth headers missing/);
  });

  it('rejects a validly signed principal with an unknown role or a malformed tenant', () => {
    const badRole = signInternalHeaders({ tenantId: 'acme', userId: 'erin', roles: ['owner' as never] }, secret, now);
    expect(() => verifyInternalHeaders(badRole, secret, now)).toThrow(/malformed/);
    const badTenant = signInternalHeaders({ tenantId: 'Acme Corp', userId: 'erin', roles: ['viewer'] }, secret, now);
    expect(() => verifyInternalHeaders(badTenant, secret, now)).toThrow(/malformed/);
  });
});

describe('role hierarchy', () => {
  const cases: [string, Principal['roles'], Record<string, boolean>][] = [
    ['viewer', ['viewer'], { viewer: true, editor: false, admin: false, 'platform-admin': false }],
    ['editor', ['editor'], { viewer: true, editor: true, admin: false, 'platform-admin': false }],
    ['admin', ['admin'], { viewer: true, editor: true, admin: true, 'platform-admin': false }],
    ['platform-admin', ['platform-admin'], { viewer: true, editor: true, admin: true, 'platform-admin': true }],
    ['no role', [], { viewer: false, editor: false, admin: false, 'platform-admin': false }],
    ['viewer and editor', ['viewer', 'editor'], { viewer: true, editor: true, admin: false, 'platform-admin': false }],
  ];

  it.each(cases)('%s can do what its roles imply and nothing more', (_label, roles, expected) => {
    const actual = Object.fromEntries(Object.keys(expected).map((role) => [role, hasRole({ roles }, role as never)]));
    expect(actual).toEqual(expected);
  });
});
