import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import type { DynamicModule } from '@nestjs/common';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Request } from 'express';
import type { Principal } from '@sim/auth';
import { formatSubgraphError } from './error-mapping';
import type { SubgraphContext } from './principal';

export interface SubgraphGraphQLOptions {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
}

/** Code-first federation 2 subgraph with the platform's context and error mapping. */
export function subgraphGraphQLModule(options: SubgraphGraphQLOptions = {}): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    autoSchemaFile: { federation: 2 },
    sortSchema: true,
    path: '/graphql',
    playground: false,
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Traces are for Apollo's hosted studio, which this platform does not report to.
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [] },
    context: ({ req }: { req: Request & { principal?: Principal; requestId?: string } }): SubgraphContext => ({
      principal: req.principal,
      requestId: req.requestId,
    }),
    formatError: (formatted, error) => formatSubgraphError(formatted, error),
  });
}
