/** Where the GraphQL gateway listens when GATEWAY_URL is not set (the platform's default). */
export const DEFAULT_GATEWAY_URL = 'http://127.0.0.1:4000';

/**
 * The gateway's base URL, read at request time (never inlined at build time) so one build
 * serves any deployment; `startWeb` sets GATEWAY_URL for the embedded, one-process mode.
 */
export function gatewayUrl(): string {
  const configured = process.env.GATEWAY_URL?.trim();
  return (configured || DEFAULT_GATEWAY_URL).replace(/\/+$/, '');
}

/** The GraphQL endpoint over HTTP, and the same path over WebSocket for subscriptions. */
export function graphqlEndpoints(base: string = gatewayUrl()): { http: string; ws: string } {
  const http = `${base}/graphql`;
  return { http, ws: http.replace(/^http/, 'ws') };
}
