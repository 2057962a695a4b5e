import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { signInternalHeaders } from '@sim/auth';
import { ErrorCodes } from '@sim/errors';
import { injectTraceContext } from '@sim/observability';
import type { GatewayContext } from '../gateway.context';
import { operationTraceOf } from '../observability.plugin';

export const REQUEST_ID_HEADER = 'x-request-id';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * Sends subgraph requests with the caller's tenant, user and roles in HMAC-signed headers,
 * which is how a subgraph knows the request came through the gateway, plus the request id and
 * the operation's trace context (`traceparent`), so the subgraph's work joins its trace.
 */
export class SignedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
    private readonly internalAuthSecret: string,
  ) {
    // Node's own fetch, not Apollo's default (make-fetch-happen): that one's socket agent
    // builds an Error stack on every request to tell http from https, and with source maps on
    // that alone took a tenth of the gateway's time under load. Neither retries a request.
    super({ url, fetcher: nodeFetch });
    this.fetcher = keepGraphQLErrorBodies(this.fetcher);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = request.http?.headers;
    // Only operations carry a principal; the gateway sends nothing else with a static supergraph.
    if (!headers || !context?.principal) return;
    for (const [name, value] of Object.entries(signInternalHeaders(context.principal, this.internalAuthSecret))) {
      headers.set(name, value);
    }
    headers.set(REQUEST_ID_HEADER, context.requestId);
    const trace = operationTraceOf(context);
    if (trace) for (const [name, value] of Object.entries(injectTraceContext({}, trace))) headers.set(name, value);
  }

  /**
   * Transport failures (unreachable, or a non-GraphQL answer such as a proxy's 502) name the
   * service, never its address, the socket error or the body; the original goes to the log.
   */
  override didEncounterError(error: Error, _request: unknown, response?: { status: number }): void {
    const message = response ? `the ${this.name} service failed (HTTP ${response.status})` : `the ${this.name} service is unavailable; try again shortly`;
    throw new GraphQLError(message, { originalError: error, extensions: { code: ErrorCodes.internal, serviceName: this.name } });
  }
}

/** Node's own fetch as Apollo's fetcher (the gateway only sends string bodies). */
const nodeFetch: Fetcher = (url, init) => fetch(url, init as RequestInit);

/**
 * Apollo Gateway turns any non-2xx subgraph response into a bare "400: Bad Request" error
 * carrying the subgraph's URL, dropping the GraphQL errors in the body. A subgraph whose
 * error sets an HTTP status (Apollo Server honours `extensions.http`) would lose its code,
 * message and field. A non-2xx response whose body is a GraphQL response is therefore handed
 * to the gateway as the answer it is; anything else stays an error.
 */
function keepGraphQLErrorBodies(fetcher: Fetcher): Fetcher {
  return async (url, init) => {
    const response = await fetcher(url, init);
    const type = response.headers.get('content-type') ?? '';
    if (response.ok || !/^application\/(graphql-response\+)?json/.test(type)) return response;
    const text = await response.text();
    let graphqlBody = false;
    try {
      const body = JSON.parse(text) as { errors?: unknown };
      graphqlBody = Array.isArray(body.errors) && body.errors.length > 0;
    } catch {
      graphqlBody = false;
    }
    return new Response(text, {
      status: graphqlBody ? 200 : response.status,
      statusText: graphqlBody ? 'OK' : response.statusText,
      headers: Object.fromEntries(response.headers),
    });
  };
}
