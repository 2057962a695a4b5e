import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError, ErrorCodes } from '@sim/errors';

/** Apollo's own codes for errors raised before resolvers run; they are the client's fault. */
const passThroughCodes = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  ...Object.values(ErrorCodes),
]);

/**
 * The one place domain errors become GraphQL errors. Anything that is not a DomainError is
 * a bug: the client gets INTERNAL_SERVER_ERROR without details and the log gets the rest.
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
  log: (message: string, error: unknown) => void = (m, e) => console.error(m, e),
): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof DomainError) {
    return {
      message: original.message,
      path: formatted.path,
      extensions: { code: original.code, ...original.extensions() },
    };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && passThroughCodes.has(code) && !(original instanceof Error && !(original instanceof GraphQLError))) {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }
  if (original instanceof GraphQLError && !original.originalError) {
    // Schema-level errors (unknown field, variable coercion) carry no original error.
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code: ErrorCodes.badUserInput } };
  }
  log('unexpected error in resolver', original);
  return { message: 'internal error', path: formatted.path, extensions: { code: ErrorCodes.internal } };
}
