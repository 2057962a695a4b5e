import { GraphQLError, type ASTNode } from 'graphql';
import { ErrorCodes } from '@sim/errors';

export type QueryLimit = 'depth' | 'cost';

/** An operation over one of the gateway's limits: bad input, naming the limit and both numbers. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limit: QueryLimit,
    readonly actual: number,
    readonly max: number,
    node?: ASTNode,
  ) {
    super(`query ${limit} ${actual} exceeds the maximum of ${max}`, {
      nodes: node ? [node] : undefined,
      extensions: { code: ErrorCodes.badUserInput, limit, max, actual },
    });
    this.name = 'QueryLimitError';
  }
}
