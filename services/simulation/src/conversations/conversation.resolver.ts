import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import type { Database } from '@sim/persistence';
import { CurrentPrincipal, DATABASE, requireRole } from '@sim/subgraph';
import { isUuid } from '../widgets/chat-widgets.service';
import { ConversationStore } from './conversation.store';
import { ConversationModel, RunCaseConversationRef } from './conversation.model';

/** Contributes `TestRunCase.conversation` to the orchestrator's entity. */
@Resolver(() => RunCaseConversationRef)
export class ConversationResolver {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }): RunCaseConversationRef {
    return { id: reference.id };
  }

  @ResolveField(() => ConversationModel, { nullable: true, description: 'The latest attempt; null before the case started (or for another tenant).' })
  async conversation(@Parent() runCase: RunCaseConversationRef, @CurrentPrincipal() principal: Principal): Promise<ConversationModel | null> {
    requireRole(principal, 'viewer');
    if (!isUuid(runCase.id)) return null;
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const store = new ConversationStore(manager, principal.tenantId);
      const conversation = await store.find(runCase.id);
      if (!conversation) return null;
      const turns = await store.turns(runCase.id, conversation.attempt);
      return {
        turns: turns.map((t) => ({ index: t.index, role: t.role, text: t.text, at: t.at })),
        endedBy: conversation.endedBy ?? '',
        status: conversation.status,
        attempt: conversation.attempt,
        error: conversation.error,
      };
    });
  }
}
