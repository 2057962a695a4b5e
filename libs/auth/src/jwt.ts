import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AuthenticationError } from './auth-error';
import { isIdentifier, isRole, isUserId, type Principal, type Role } from './roles';

export interface JwtVerifierOptions {
  /** HS256 shared secret (development). */
  secret?: string;
  /** JWKS endpoint of the identity provider (production). */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export type JwtVerifier = (token: string) => Promise<Principal>;

export function createJwtVerifier(options: JwtVerifierOptions): JwtVerifier {
  const jwks: JWTVerifyGetKey | undefined = options.jwksUrl ? createRemoteJWKSet(new URL(options.jwksUrl)) : undefined;
  const secret = options.secret ? new TextEncoder().encode(options.secret) : undefined;
  if (!jwks && !secret) throw new Error('JWT verification needs JWT_SECRET or JWT_JWKS_URL');
  const verifyOptions = {
    issuer: options.issuer,
    audience: options.audience,
    algorithms: jwks ? undefined : ['HS256'],
  };
  return async (token) => {
    let payload: JWTPayload;
    try {
      payload = jwks
        ? (await jwtVerify(token, jwks, verifyOptions)).payload
        : (await jwtVerify(token, secret!, verifyOptions)).payload;
    } catch (error) {
      throw new AuthenticationError(`invalid token: ${(error as Error).message}`);
    }
    return principalFromClaims(payload);
  };
}

export function principalFromClaims(payload: JWTPayload): Principal {
  const tenant = payload['tenant'];
  const roles = payload['roles'];
  if (!isUserId(payload.sub)) throw new AuthenticationError('token claim "sub" is missing or not a valid user id');
  if (!isIdentifier(tenant)) throw new AuthenticationError('token claim "tenant" is missing or not a valid tenant id');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === 'string' && isRole(r))) {
    throw new AuthenticationError('token claim "roles" must list viewer, editor, admin or platform-admin');
  }
  return { tenantId: tenant, userId: payload.sub, roles: roles as Role[] };
}

export interface DevTokenOptions {
  secret: string;
  expiresIn?: string;
  issuer?: string;
  audience?: string;
}

/** A development token, HS256-signed with the configured secret. */
export async function signDevToken(principal: Principal, options: DevTokenOptions): Promise<string> {
  let jwt = new SignJWT({ tenant: principal.tenantId, roles: principal.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.userId)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(options.secret));
}
