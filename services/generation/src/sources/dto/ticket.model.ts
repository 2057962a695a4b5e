import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoModel, TurnRoleEnum } from './shared.model';

@InputType('TicketFilter', { description: 'Every part is optional; all given parts must hold.' })
export class TicketFilterModel {
  @Field(() => Date, { nullable: true, description: 'Tickets created at or after this time.' }) from?: Date | null;
  @Field(() => Date, { nullable: true, description: 'Tickets created at or before this time.' }) to?: Date | null;
  @Field(() => [String], { nullable: true }) channels?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Tickets carrying any of these tags.' }) tags?: string[] | null;
  @Field(() => [String], { nullable: true }) intents?: string[] | null;
  @Field(() => Int, { nullable: true }) minCsat?: number | null;
  @Field(() => Int, { nullable: true }) maxCsat?: number | null;
}

@ObjectType('TicketTurn')
export class TicketTurnModel {
  @Field(() => TurnRoleEnum) role: TurnRoleEnum;
  @Field() text: string;
}

@ObjectType('Ticket', { description: 'A past support conversation; emails, phone and card numbers were redacted on import.' })
export class TicketModel {
  @Field(() => ID) id: string;
  @Field() externalId: string;
  @Field() channel: string;
  @Field({ description: 'When the conversation happened (from the file).' }) createdAt: Date;
  @Field(() => [String]) tags: string[];
  @Field(() => String, { nullable: true }) intent: string | null;
  @Field(() => Int, { nullable: true }) csat: number | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field(() => [TicketTurnModel]) turns: TicketTurnModel[];
  @Field() importedAt: Date;
}

@ObjectType('TicketEdge')
export class TicketEdgeModel {
  @Field() cursor: string;
  @Field(() => TicketModel) node: TicketModel;
}

@ObjectType('TicketConnection')
export class TicketConnectionModel {
  @Field(() => [TicketEdgeModel]) edges: TicketEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@ObjectType('TicketFacets', { description: 'Distinct values for the ticket filter menus.' })
export class TicketFacetsModel {
  @Field(() => [String]) channels: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => [String]) intents: string[];
}
