import { Args, Context, ID, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { UnauthenticatedError } from '@sim/errors';
import { CurrentPrincipal, requireRole, type SubgraphContext } from '@sim/subgraph';
import type { ChatWidgetEntity } from './chat-widget.entity';
import { ChatWidgetsService } from './chat-widgets.service';
import { ChatWidgetInputModel, ChatWidgetModel, ChatWidgetTestResultModel } from './dto/chat-widget.model';
import type { ChatWidgetInput } from './validate-chat-widget';

/** Thin: authorisation and shape mapping; viewers read, editors write and test. */
@Resolver(() => ChatWidgetModel)
export class ChatWidgetsResolver {
  constructor(private readonly service: ChatWidgetsService) {}

  @Query(() => [ChatWidgetModel], { description: "The tenant's chat widgets, newest first." })
  async chatWidgets(@CurrentPrincipal() principal: Principal): Promise<ChatWidgetModel[]> {
    requireRole(principal, 'viewer');
    return (await this.service.list(principal)).map(toModel);
  }

  @Query(() => ChatWidgetModel, { nullable: true, description: "NOT_FOUND for an unknown id or another tenant's." })
  async chatWidget(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<ChatWidgetModel> {
    requireRole(principal, 'viewer');
    return toModel(await this.service.getOrFail(principal, id));
  }

  @Mutation(() => ChatWidgetModel)
  async createChatWidget(@CurrentPrincipal() principal: Principal, @Args('input') input: ChatWidgetInputModel): Promise<ChatWidgetModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.create(principal, plain(input)));
  }

  @Mutation(() => ChatWidgetModel, { description: 'Secrets left out of the input keep their stored value.' })
  async updateChatWidget(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: ChatWidgetInputModel,
  ): Promise<ChatWidgetModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.update(principal, id, plain(input)));
  }

  @Mutation(() => Boolean)
  deleteChatWidget(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.delete(principal, id);
  }

  @Mutation(() => ChatWidgetTestResultModel, { description: 'Sends one message to the agent and returns its answer (or why it failed).' })
  testChatWidget(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('message') message: string,
  ): Promise<ChatWidgetTestResultModel> {
    requireRole(principal, 'editor');
    return this.service.test(principal, id, message);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @Context() context: SubgraphContext): Promise<ChatWidgetModel | null> {
    if (!context.principal) throw new UnauthenticatedError('no authenticated caller');
    const found = await this.service.get(context.principal, reference.id);
    return found && toModel(found);
  }
}

/** GraphQL input objects are class instances with null prototypes: validate plain data. */
function plain(input: ChatWidgetInputModel): ChatWidgetInput {
  return JSON.parse(JSON.stringify(input)) as ChatWidgetInput;
}

export function toModel(entity: ChatWidgetEntity): ChatWidgetModel {
  return {
    id: entity.id,
    name: entity.name,
    connector: entity.connector,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
    url: entity.settings.url,
    model: entity.settings.model,
    systemPrompt: entity.settings.systemPrompt,
    timeoutMs: entity.settings.timeoutMs,
    hasApiKey: entity.settings.hasApiKey,
    hasSigningSecret: entity.settings.hasSigningSecret,
  };
}
