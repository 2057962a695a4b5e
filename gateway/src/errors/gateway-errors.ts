import { HeaderMap } from '@apollo/server';
import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';
import { ErrorCodes, type ErrorCode } from '@sim/errors';

interface HttpHead {
  status: number;
  headers?: HeaderMap;
}

/**
 * Errors the gateway raises itself. `extensions.http` sets the HTTP status (and headers) when
 * Apollo Server sends them and is stripped from the body; over graphql-ws `formatGatewayError`
 * strips it too.
 */
function gatewayError(code: ErrorCode, message: string, http: HttpHead | undefined, extra: Record<string, unknown> = {}, nodes?: readonly ASTNode[]) {
  return new GraphQLError(message, { nodes, extensions: { code, ...extra, ...(http ? { http } : {}) } });
}

export const unauthenticated = (message: string) =>
  gatewayError(ErrorCodes.unauthenticated, message, { status: 401, headers: new HeaderMap([['www-authenticate', 'Bearer']]) });
export const forbidden = (message: string) => gatewayError(ErrorCodes.forbidden, message, { status: 403 });
export const badUserInput = (message: string, extra?: Record<string, unknown>, nodes?: readonly ASTNode[]) =>
  gatewayError(ErrorCodes.badUserInput, message, { status: 400 }, extra, nodes);
/** An internal error whose message is meant for the client (it names no internals). */
export const exposedInternalError = (message: string, status?: number) =>
  gatewayError(ErrorCodes.internal, message, status ? { status } : undefined, { expose: true });
export const serviceUnavailable = (message: string) => exposedInternalError(message, 503);

/** Codes Apollo Server uses for requests it could not parse or validate: to the client, bad input. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
]);
/** Protocol codes that clients' links act on (automatic persisted queries); passed unchanged. */
const protocolCodes = new Set(['PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);
const apiCodes = new Set<string>(Object.values(ErrorCodes));

/**
 * The one place an error's shape is decided before it reaches a client. Subgraph errors keep
 * their message, code and extensions (field, fieldErrors, ...); only API.md's codes leave the
 * gateway; an unexpected error from the gateway itself is masked (its details go to the log),
 * and no stack trace ever leaves.
 */
export function formatGatewayError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stacktrace, exception: _exception, http: _http, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  const code = typeof extensions['code'] === 'string' ? extensions['code'] : ErrorCodes.internal;
  if (protocolCodes.has(code)) return { ...formatted, extensions };
  if (requestErrorCodes.has(code)) {
    return { ...formatted, extensions: { ...extensions, code: ErrorCodes.badUserInput, ...(code !== ErrorCodes.badUserInput ? { reason: code } : {}) } };
  }
  if (apiCodes.has(code) && code !== ErrorCodes.internal) return { ...formatted, extensions };
  // A subgraph has already decided what its internal errors say; the gateway's own do not leak.
  const fromSubgraph = typeof extensions['serviceName'] === 'string';
  const deliberate = extensions['expose'] === true;
  return {
    message: fromSubgraph || deliberate ? formatted.message : 'Internal server error',
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { ...(fromSubgraph ? { serviceName: extensions['serviceName'] } : {}), code: ErrorCodes.internal },
  };
}

/** Formats a GraphQLError for graphql-ws, which sends errors without Apollo Server's formatting. */
export function formatForWebSocket(error: GraphQLError | GraphQLFormattedError): GraphQLFormattedError {
  return formatGatewayError(error instanceof GraphQLError ? error.toJSON() : error);
}
