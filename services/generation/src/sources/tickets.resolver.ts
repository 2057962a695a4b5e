import { Args, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { ExportFormat, ImportResultModel, TurnRoleEnum } from './dto/shared.model';
import { TicketConnectionModel, TicketFacetsModel, TicketFilterModel, TicketModel } from './dto/ticket.model';
import type { TicketEntity } from './entities';
import { TicketsService } from './tickets.service';

@Resolver(() => TicketModel)
export class TicketsResolver {
  constructor(private readonly service: TicketsService) {}

  @Query(() => TicketConnectionModel, { description: 'Newest first (by when the conversation happened).' })
  async tickets(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => TicketFilterModel, nullable: true }) filter?: TicketFilterModel | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TicketConnectionModel> {
    requireRole(principal, 'viewer');
    const page = await this.service.list(principal, { ...(filter ?? {}) }, first, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: toTicketModel(row.ticket) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.total,
    };
  }

  @Query(() => TicketFacetsModel)
  ticketFacets(@CurrentPrincipal() principal: Principal): Promise<TicketFacetsModel> {
    requireRole(principal, 'viewer');
    return this.service.facets(principal);
  }

  @Mutation(() => ImportResultModel, {
    description: 'JSON/YAML list or CSV (tags separated by ";", turns as a JSON list); any bad record imports nothing. Emails, phone and card numbers are redacted.',
  })
  importTickets(
    @CurrentPrincipal() principal: Principal,
    @Args('format', { type: () => ExportFormat }) format: ExportFormat,
    @Args('content') content: string,
  ): Promise<ImportResultModel> {
    requireRole(principal, 'editor');
    return this.service.import(principal, format, content);
  }
}

export function toTicketModel(ticket: TicketEntity): TicketModel {
  return {
    id: ticket.id,
    externalId: ticket.externalId,
    channel: ticket.channel,
    createdAt: ticket.createdAtSource,
    tags: ticket.tags,
    intent: ticket.intent,
    csat: ticket.csat,
    resolution: ticket.resolution,
    turns: ticket.turns.map((t) => ({ role: t.role as TurnRoleEnum, text: t.text })),
    importedAt: ticket.importedAt,
  };
}
