import { validate, type DocumentNode, type GraphQLError, type GraphQLSchema } from 'graphql';
import { createCostLimitRule } from './cost-limit.rule';
import { createDepthLimitRule } from './depth-limit.rule';

export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
}

/**
 * Depth and cost violations of an already valid document. Run per request rather than as
 * Apollo Server `validationRules`: the cost depends on the variables (`first: $n`), and Apollo
 * caches validated documents regardless of variables.
 */
export function queryLimitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  limits: QueryLimits,
  variables?: Readonly<Record<string, unknown>> | null,
): readonly GraphQLError[] {
  return validate(schema, document, [
    createDepthLimitRule({ maxDepth: limits.maxDepth }),
    createCostLimitRule({ maxCost: limits.maxCost, variables }),
  ]);
}
