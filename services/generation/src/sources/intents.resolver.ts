import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { IntentInputModel, IntentModel } from './dto/intent.model';
import { IntentsService } from './intents.service';

@Resolver(() => IntentModel)
export class IntentsResolver {
  constructor(private readonly service: IntentsService) {}

  @Query(() => [IntentModel], { description: 'By name.' })
  intents(@CurrentPrincipal() principal: Principal): Promise<IntentModel[]> {
    requireRole(principal, 'viewer');
    return this.service.list(principal);
  }

  @Mutation(() => IntentModel)
  createIntent(@CurrentPrincipal() principal: Principal, @Args('input') input: IntentInputModel): Promise<IntentModel> {
    requireRole(principal, 'editor');
    return this.service.create(principal, { name: input.name, description: input.description, examples: input.examples });
  }

  @Mutation(() => Boolean)
  deleteIntent(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.delete(principal, id);
  }
}
