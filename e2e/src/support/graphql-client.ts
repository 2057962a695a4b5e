import { signDevToken, type Role } from '@sim/auth';

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; field?: string; fieldErrors?: { field: string; message: string }[] } & Record<string, unknown> }[];
}

export interface Caller {
  <T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
}

/** A client that speaks to the gateway as one user, the way any tool would. */
export async function callerFor(gatewayUrl: string, jwtSecret: string, tenantId: string, userId: string, roles: Role[]): Promise<Caller> {
  const token = await signDevToken({ tenantId, userId, roles }, { secret: jwtSecret, expiresIn: '1h' });
  return rawCaller(gatewayUrl, { authorization: `Bearer ${token}` });
}

export function rawCaller(gatewayUrl: string, headers: Record<string, string>): Caller {
  return async (query, variables = {}) => {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    let body: { data?: any; errors?: any[] };
    try {
      body = JSON.parse(text);
    } catch {
      throw new Error(`gateway answered ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
    }
    return { status: response.status, data: body.data, errors: body.errors };
  };
}
