/**
 * Two small federated subgraphs for the gateway's specs, served over real HTTP on free ports:
 * `orchestrator` (tenant settings, and `whoami` echoing the verified internal headers) and
 * `runs` (test runs, per tenant, with a Subscription type the gateway serves from the bus).
 * Both refuse requests whose internal headers do not verify, as real subgraphs do.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { composeServices } from '@apollo/composition';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, parse, type DocumentNode } from 'graphql';
import { verifyInternalHeaders, type Principal } from '@sim/auth';

interface SubgraphContext {
  principal: Principal;
  headers: IncomingHttpHeaders;
}

export interface TestSubgraph {
  name: string;
  url: string;
  /** Headers of every request the subgraph accepted, newest last. */
  received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

const orchestratorTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    tenantSettings: TenantSettings!
    tenants: [Tenant!]!
    whoami: Caller!
  }
  type TenantSettings { simulationsEnabled: Boolean! maxActiveRuns: Int! }
  type Tenant { id: ID! simulationsEnabled: Boolean! }
  type Caller { tenantId: String! userId: String! roles: [String!]! }
`);

const runsTypeDefs = parse(/* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  type Query {
    testRun(id: ID!): TestRun
    lastRun: TestRun
    testRuns(first: Int): TestRunConnection!
    exploding: String
  }
  type Mutation { startTestRun(name: String!): TestRun! }
  type Subscription {
    testRunUpdated(id: ID!): TestRun!
    lastRunUpdated: TestRun!
    runLogAppended(id: ID!): String!
  }
  type TestRun @key(fields: "id") {
    id: ID!
    name: String!
    status: String!
    tenantId: String!
    parent: TestRun
    children(first: Int): TestRunConnection!
  }
  type TestRunConnection { edges: [TestRunEdge!]! totalCount: Int! }
  type TestRunEdge { cursor: String! node: TestRun! }
`);

export const tenantSettings: Record<string, { simulationsEnabled: boolean }> = {
  acme: { simulationsEnabled: true },
  globex: { simulationsEnabled: true },
  initech: { simulationsEnabled: false },
};

interface Run {
  id: string;
  name: string;
  status: string;
  tenantId: string;
}

export const runs: Run[] = [
  { id: 'run-1', name: 'acme smoke run', status: 'QUEUED', tenantId: 'acme' },
  { id: 'run-9', name: 'globex run', status: 'RUNNING', tenantId: 'globex' },
];

/** How many times `testRun`/`lastRun` were resolved, per tenant: shows which events woke a re-query. */
export const runReads: Record<string, number> = {};

const visibleRun = (id: string, ctx: SubgraphContext) => runs.find((run) => run.id === id && run.tenantId === ctx.principal.tenantId) ?? null;
const countRead = (ctx: SubgraphContext) => (runReads[ctx.principal.tenantId] = (runReads[ctx.principal.tenantId] ?? 0) + 1);

const orchestratorResolvers = {
  Query: {
    tenantSettings: (_: unknown, __: unknown, ctx: SubgraphContext) => {
      const settings = tenantSettings[ctx.principal.tenantId];
      if (!settings) throw new GraphQLError(`tenant "${ctx.principal.tenantId}" was not found`, { extensions: { code: 'NOT_FOUND' } });
      return { ...settings, maxActiveRuns: 3 };
    },
    tenants: () => Object.entries(tenantSettings).map(([id, settings]) => ({ id, ...settings })),
    whoami: (_: unknown, __: unknown, ctx: SubgraphContext) => ctx.principal,
  },
};

const runsResolvers = {
  Query: {
    testRun: (_: unknown, args: { id: string }, ctx: SubgraphContext) => {
      countRead(ctx);
      return visibleRun(args.id, ctx);
    },
    lastRun: (_: unknown, __: unknown, ctx: SubgraphContext) => {
      countRead(ctx);
      return runs.filter((run) => run.tenantId === ctx.principal.tenantId).at(-1) ?? null;
    },
    testRuns: (_: unknown, __: unknown, ctx: SubgraphContext) => connection(runs.filter((run) => run.tenantId === ctx.principal.tenantId)),
    exploding: () => {
      throw new Error('connection to 10.1.2.3:5432 refused');
    },
  },
  Mutation: {
    startTestRun: (_: unknown, args: { name: string }) => {
      if (!args.name.trim()) {
        const fieldErrors = [{ field: 'name', message: 'must not be empty' }];
        throw new GraphQLError('name: must not be empty', { extensions: { code: 'BAD_USER_INPUT', field: 'name', fieldErrors } });
      }
      // An error that sets the subgraph's HTTP status, as LIMIT_EXCEEDED may.
      throw new GraphQLError('at most 3 runs may be active; 3 are', {
        extensions: { code: 'LIMIT_EXCEEDED', limit: 'maxActiveRuns', max: 3, http: { status: 429 } },
      });
    },
  },
  TestRun: {
    __resolveReference: (ref: { id: string }, ctx: SubgraphContext) => visibleRun(ref.id, ctx),
    parent: (run: Run) => run,
    children: () => connection([]),
  },
};

function connection(items: Run[]) {
  return { edges: items.map((node) => ({ cursor: node.id, node })), totalCount: items.length };
}

async function startSubgraph(name: string, typeDefs: DocumentNode, resolvers: object, internalAuthSecret: string): Promise<TestSubgraph> {
  const received: IncomingHttpHeaders[] = [];
  // Stack traces on: the gateway must strip them, whatever a subgraph sends.
  const apollo = new ApolloServer<SubgraphContext>({
    schema: buildSubgraphSchema({ typeDefs, resolvers: resolvers as never }),
    includeStacktraceInErrorResponses: true,
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  const app = express();
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        let principal: Principal;
        try {
          principal = verifyInternalHeaders(req.headers, internalAuthSecret);
        } catch (error) {
          throw new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        received.push(req.headers);
        return { principal, headers: req.headers };
      },
    }),
  );
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  let stopped = false;
  return {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    received,
    async stop() {
      if (stopped) return;
      stopped = true;
      await apollo.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function startTestSubgraphs(internalAuthSecret: string) {
  const orchestrator = await startSubgraph('orchestrator', orchestratorTypeDefs, orchestratorResolvers, internalAuthSecret);
  const runsSubgraph = await startSubgraph('runs', runsTypeDefs, runsResolvers, internalAuthSecret);
  const composed = composeServices([
    { name: 'orchestrator', url: orchestrator.url, typeDefs: orchestratorTypeDefs },
    { name: 'runs', url: runsSubgraph.url, typeDefs: runsTypeDefs },
  ]);
  if (composed.errors) throw new Error(`composition failed: ${composed.errors.map((e) => e.message).join('; ')}`);
  return { orchestrator, runs: runsSubgraph, supergraphSdl: composed.supergraphSdl };
}
