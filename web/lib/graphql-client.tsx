'use client';

import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { useEffect, useMemo, type ReactNode } from 'react';
import { cacheExchange, Client, fetchExchange, mapExchange, Provider, subscriptionExchange } from 'urql';
import { useAuth } from './auth-context';

/**
 * One urql client per signed-in session. Queries and mutations go to `/graphql` on this origin
 * (the web server forwards them to the gateway); subscriptions go over graphql-ws on the same
 * path, authenticated in the connection's first message. A request the gateway refuses as
 * UNAUTHENTICATED (expired token) signs the user out.
 */
export function GraphQLProvider({ children }: { children: ReactNode }) {
  const { session, signOut } = useAuth();
  const token = session?.token ?? null;

  const { client, ws } = useMemo(() => {
    if (!token) return { client: null, ws: null };
    const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/graphql`;
    const ws: WsClient = createWsClient({
      url: wsUrl,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: Infinity,
      shouldRetry: () => true,
    });
    const client = new Client({
      url: '/graphql',
      // Lists must follow changes made elsewhere (other users, running jobs): the network wins.
      requestPolicy: 'cache-and-network',
      // urql sends short queries as GET by default; the gateway's CSRF prevention refuses a GET
      // without a preflight header, so every operation is a JSON POST.
      preferGetMethod: false,
      fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
      exchanges: [
        mapExchange({
          onError(error) {
            if (error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED') || error.response?.status === 401) signOut();
          },
        }),
        cacheExchange,
        fetchExchange,
        subscriptionExchange({
          forwardSubscription(request) {
            const input = { ...request, query: request.query || '' };
            return {
              subscribe(sink) {
                const unsubscribe = ws.subscribe(input, sink);
                return { unsubscribe };
              },
            };
          },
        }),
      ],
    });
    return { client, ws };
  }, [token, signOut]);

  useEffect(() => () => void ws?.dispose(), [ws]);

  if (!client) return <>{children}</>;
  return <Provider value={client}>{children}</Provider>;
}
