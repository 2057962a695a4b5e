import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { signDevToken, type Role } from '@sim/auth';

export interface LiveResults<T> {
  results: { data?: T | null; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }[];
  /** Milliseconds since the epoch at which each result arrived. */
  arrivals: number[];
  error: unknown;
  stop(): void;
}

/** A graphql-ws client at the gateway, signed in as one user, as the web app connects. */
export class Subscriber {
  private constructor(private readonly client: Client) {}

  static async connect(gatewayUrl: string, jwtSecret: string, tenantId: string, userId: string, roles: Role[]): Promise<Subscriber> {
    const token = await signDevToken({ tenantId, userId, roles }, { secret: jwtSecret, expiresIn: '1h' });
    const client = createClient({
      url: gatewayUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
      lazy: true,
    });
    return new Subscriber(client);
  }

  subscribe<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}): LiveResults<T> {
    const state: Omit<LiveResults<T>, 'stop'> = { results: [], arrivals: [], error: undefined };
    const stop = this.client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          state.results.push(result as LiveResults<T>['results'][number]);
          state.arrivals.push(Date.now());
        },
        error: (error) => void (state.error = error),
        complete: () => undefined,
      },
    );
    return Object.assign(state, { stop });
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
