import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, OperationTypeNode } from 'graphql';
import { badUserInput } from './errors/gateway-errors';
import { errorMeta, type GatewayContext, type GatewayLogger } from './gateway.context';
import { queryLimitErrors, type QueryLimits } from './limits/query-limits';
import { assertTenantAccess, rootFieldNames } from './tenants/tenant-access';
import type { TenantDirectory } from './tenants/tenant-directory';

export interface GuardPluginOptions {
  limits: QueryLimits;
  tenants: TenantDirectory;
  logger: GatewayLogger;
}

/**
 * Once the operation is known and before any subgraph is called: refuses subscriptions over
 * HTTP, operations over the depth or cost limit (BAD_USER_INPUT, HTTP 400), and operations
 * of unknown tenants or of tenants whose simulations are turned off (FORBIDDEN, HTTP 403).
 */
export function guardPlugin({ limits, tenants, logger }: GuardPluginOptions): ApolloServerPlugin<GatewayContext> {
  const onLookupError = (error: unknown) => logger.error('tenant lookup failed', errorMeta(error));
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request, contextValue }) {
          if (!operation) return; // execution reports the unknown operation name
          if (operation.operation === OperationTypeNode.SUBSCRIPTION) {
            throw badUserInput('subscriptions are served over WebSocket (graphql-ws protocol) on this same /graphql path');
          }
          const [overLimit] = queryLimitErrors(schema, document, limits, request.variables);
          if (overLimit) throw withHttpStatus(overLimit, 400);
          await assertTenantAccess(contextValue.principal, rootFieldNames(document, operation), tenants, onLookupError);
        },
      };
    },
  };
}

function withHttpStatus(error: GraphQLError, status: number): GraphQLError {
  return new GraphQLError(error.message, { nodes: error.nodes, extensions: { ...error.extensions, http: { status } } });
}
