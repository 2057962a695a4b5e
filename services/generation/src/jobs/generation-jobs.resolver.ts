import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, Subscription } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { BadUserInputError } from '@sim/errors';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { GenerateTestCasesInputModel, GenerationJobModel } from './dto/generation-job.model';
import type { GenerationJob } from './generation-job.store';
import { GenerationJobsService } from './generation-jobs.service';

@Resolver(() => GenerationJobModel)
export class GenerationJobsResolver {
  constructor(private readonly jobs: GenerationJobsService) {}

  @Mutation(() => GenerationJobModel, { description: 'Starts generating test cases from a source; follow the job with generationJobUpdated.' })
  async generateTestCases(@CurrentPrincipal() principal: Principal, @Args('input') input: GenerateTestCasesInputModel): Promise<GenerationJob> {
    requireRole(principal, 'editor');
    return this.jobs.request(principal, input);
  }

  @Query(() => GenerationJobModel, { nullable: true, description: "A generation job of the caller's tenant; null when there is none with this id." })
  async generationJob(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<GenerationJob | null> {
    requireRole(principal, 'viewer');
    return this.jobs.get(principal, id);
  }

  /**
   * Declared so it is part of the supergraph; the gateway serves it over graphql-ws, re-running
   * the subscriber's selection as a `generationJob` query on each `generation.updated` of the job.
   */
  @Subscription(() => GenerationJobModel, { description: 'The job each time its status changes.' })
  generationJobUpdated(@Args('id', { type: () => ID }) _id: string): never {
    throw BadUserInputError.field('subscription', 'subscriptions are served by the gateway over graphql-ws on /graphql');
  }

  @ResolveField(() => Int)
  generated(@Parent() job: GenerationJob): number {
    return job.created;
  }
}
