import { Directive, Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConversationStatuses, type ConversationStatus, type TurnRole } from './conversation.entity';

export const TurnRoleEnum = { CUSTOMER: 'CUSTOMER', AGENT: 'AGENT' } as const satisfies Record<TurnRole, TurnRole>;
registerEnumType(TurnRoleEnum, { name: 'TurnRole', description: 'Who spoke a turn: the simulated CUSTOMER or the AGENT under test.' });

export const ConversationStatusEnum = Object.fromEntries(ConversationStatuses.map((s) => [s, s])) as Record<ConversationStatus, ConversationStatus>;
registerEnumType(ConversationStatusEnum, { name: 'ConversationStatus' });

@ObjectType('Turn')
export class TurnModel {
  @Field(() => Int, { description: '0-based position in the conversation.' }) index: number;
  @Field(() => TurnRoleEnum) role: TurnRole;
  @Field() text: string;
  @Field() at: Date;
}

@ObjectType('Conversation', { description: "A run case's simulated conversation (its latest attempt), turn by turn." })
export class ConversationModel {
  @Field(() => [TurnModel]) turns: TurnModel[];
  @Field({ description: 'customer, agent, handoff, max_turns, deadline, error or cancelled; empty while it is going on.' }) endedBy: string;
  @Field(() => ConversationStatusEnum) status: ConversationStatus;
  @Field(() => Int, { description: 'Which dispatch of the case this is (1 unless it was re-dispatched).' }) attempt: number;
  @Field(() => String, { nullable: true, description: 'Why it ended as ERROR.' }) error: string | null;
}

/** Simulation's view of the orchestrator's TestRunCase: only its key, plus the conversation. */
@ObjectType('TestRunCase')
@Directive('@key(fields: "id")')
export class RunCaseConversationRef {
  @Field(() => ID) id: string;
}
