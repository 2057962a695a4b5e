import { createHmac, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from './auth-error';
import { isIdentifier, isRole, isUserId, type Principal, type Role } from './roles';

/**
 * The gateway forwards who is calling to subgraphs in these headers, HMAC-signed with a
 * secret only the platform's processes hold; a subgraph refuses a request whose signature
 * does not verify, so nothing can reach a subgraph around the gateway's authentication.
 */
export const InternalHeaders = {
  tenant: 'x-sim-tenant',
  user: 'x-sim-user',
  roles: 'x-sim-roles',
  timestamp: 'x-sim-timestamp',
  signature: 'x-sim-signature',
} as const;

const MAX_CLOCK_SKEW_MS = 5 * 60_000;

function signature(secret: string, tenant: string, user: string, roles: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`v1\n${tenant}\n${user}\n${roles}\n${timestamp}`).digest('hex');
}

export function signInternalHeaders(principal: Principal, secret: string, now = Date.now()): Record<string, string> {
  const roles = principal.roles.join(',');
  const timestamp = String(now);
  return {
    [InternalHeaders.tenant]: principal.tenantId,
    [InternalHeaders.user]: principal.userId,
    [InternalHeaders.roles]: roles,
    [InternalHeaders.timestamp]: timestamp,
    [InternalHeaders.signature]: signature(secret, principal.tenantId, principal.userId, roles, timestamp),
  };
}

type HeaderBag = Record<string, string | string[] | undefined>;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function verifyInternalHeaders(headers: HeaderBag, secret: string, now = Date.now()): Principal {
  const tenant = header(headers, InternalHeaders.tenant);
  const user = header(headers, InternalHeaders.user);
  const roles = header(headers, InternalHeaders.roles);
  const timestamp = header(headers, InternalHeaders.timestamp);
  const given = header(headers, InternalHeaders.signature);
  if (!tenant || !user || roles === undefined || !timestamp || !given) {
    throw new AuthenticationError('request did not come through the gateway (internal auth headers missing)');
  }
  const expected = Buffer.from(signature(secret, tenant, user, roles, timestamp), 'hex');
  const actual = Buffer.from(given, 'hex');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
    throw new AuthenticationError('internal auth signature does not verify');
  }
  if (Math.abs(now - Number(timestamp)) > MAX_CLOCK_SKEW_MS) {
    throw new AuthenticationError('internal auth headers have expired');
  }
  const roleList = roles.split(',').filter(Boolean);
  if (!isIdentifier(tenant) || !isUserId(user) || !roleList.every(isRole)) {
    throw new AuthenticationError('internal auth headers are malformed');
  }
  return { tenantId: tenant, userId: user, roles: roleList as Role[] };
}
