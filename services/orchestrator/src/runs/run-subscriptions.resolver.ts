import { Args, ID, Resolver, Subscription } from '@nestjs/graphql';
import { BadUserInputError } from '@sim/errors';
import { TestRunModel } from './dto/test-run.model';

/**
 * Declares the run subscriptions of API.md so they are part of the supergraph. The gateway
 * serves them over graphql-ws: on each `run.updated` of the subscriber's tenant it re-runs
 * the subscriber's selection as a `testRun` / `lastRun` query (docs/adr/0004). A subgraph
 * itself never streams, so reaching these resolvers means a client bypassed the gateway.
 */
@Resolver(() => TestRunModel)
export class RunSubscriptionsResolver {
  @Subscription(() => TestRunModel, { description: 'The run each time its status or counts change (within a second).' })
  testRunUpdated(@Args('id', { type: () => ID }) _id: string): never {
    throw servedByGateway();
  }

  @Subscription(() => TestRunModel, { description: "The tenant's newest run each time it changes: the Last Run banner." })
  lastRunUpdated(): never {
    throw servedByGateway();
  }
}

function servedByGateway(): Error {
  return BadUserInputError.field('subscription', 'subscriptions are served by the gateway over graphql-ws on /graphql');
}
