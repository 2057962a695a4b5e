import { AuthenticationError, createApiKeyVerifier, createJwtVerifier, type Principal } from '@sim/auth';
import { unauthenticated } from '../errors/gateway-errors';
import type { GatewayConfig } from '../gateway.config';

/** Credentials as they arrive: from HTTP headers, or from graphql-ws connection params. */
export interface Credentials {
  authorization?: unknown;
  apiKey?: unknown;
}

/** Resolves credentials to a principal, or throws a GraphQL UNAUTHENTICATED error (HTTP 401). */
export type Authenticator = (credentials: Credentials) => Promise<Principal>;

export function createAuthenticator(config: GatewayConfig): Authenticator {
  const verifyJwt = createJwtVerifier({
    secret: config.jwtJwksUrl ? undefined : config.jwtSecret,
    jwksUrl: config.jwtJwksUrl ?? undefined,
    issuer: config.jwtIssuer ?? undefined,
    audience: config.jwtAudience ?? undefined,
  });
  const verifyApiKey = createApiKeyVerifier(config.apiKeys);

  return async ({ authorization, apiKey }) => {
    try {
      if (typeof authorization === 'string' && authorization.trim() !== '') {
        const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization.trim());
        if (!match) throw new AuthenticationError('the Authorization header must be "Bearer <token>"');
        return await verifyJwt(match[1]!);
      }
      if (typeof apiKey === 'string' && apiKey.trim() !== '') return verifyApiKey(apiKey.trim());
    } catch (error) {
      if (error instanceof AuthenticationError) throw unauthenticated(`not authenticated: ${error.message}`);
      throw error;
    }
    throw unauthenticated('not authenticated: send "Authorization: Bearer <token>" or an "x-api-key" header');
  };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export function credentialsFromHeaders(headers: Record<string, string | string[] | undefined>): Credentials {
  return { authorization: single(headers['authorization']), apiKey: single(headers['x-api-key']) };
}

/** graphql-ws clients send credentials in `connectionParams`, as `authorization` or `x-api-key`. */
export function credentialsFromConnectionParams(params: Readonly<Record<string, unknown>> | undefined): Credentials {
  return { authorization: params?.['authorization'] ?? params?.['Authorization'], apiKey: params?.['x-api-key'] };
}
