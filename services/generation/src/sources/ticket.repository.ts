import type { EntityManager } from 'typeorm';
import { takeTurn, type CursorPosition } from '@sim/persistence';
import type { TicketQuery } from './domain/ticket-query';
import { TicketEntity } from './entities';

/** Tickets of one tenant; every query names the tenant on top of row-level security. */
export class TicketRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  async insertMany(tickets: TicketEntity[]): Promise<void> {
    for (let i = 0; i < tickets.length; i += 200) {
      await this.manager.insert(
        TicketEntity,
        tickets.slice(i, i + 200).map((t) => ({ ...t, tenantId: this.tenantId })),
      );
    }
  }

  /**
   * The tenant's imports take turns. An import checks which external ids exist and then
   * inserts the rest: two imports of the same tickets side by side would both find none, and
   * the second would hit the unique constraint instead of reporting each ticket as already
   * imported.
   */
  async takeImportTurn(): Promise<void> {
    await takeTurn(this.manager, `generation.ticket-import:${this.tenantId}`);
  }

  /** Which of these external ids the tenant has already imported. */
  async existingExternalIds(externalIds: string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const rows: { external_id: string }[] = await this.manager.query(
      'SELECT external_id FROM generation.ticket WHERE tenant_id = $1 AND external_id = ANY($2::text[])',
      [this.tenantId, externalIds],
    );
    return new Set(rows.map((r) => r.external_id));
  }

  /** One page, newest (by the source's date) first, and how many tickets match. */
  async page(query: TicketQuery, first: number, after: CursorPosition | null): Promise<{ rows: TicketEntity[]; total: number }> {
    const total = await this.filtered(query).getCount();
    const builder = this.newestFirst(query).take(first + 1);
    if (after) {
      builder.andWhere('(t.created_at_source, t.id) < (:afterAt, :afterId)', { afterAt: after.createdAt, afterId: after.id });
    }
    return { rows: await builder.getMany(), total };
  }

  /** The newest `limit` tickets matching the filter. */
  matching(query: TicketQuery, limit: number): Promise<TicketEntity[]> {
    return this.newestFirst(query).take(limit).getMany();
  }

  async facets(): Promise<{ channels: string[]; tags: string[]; intents: string[] }> {
    const distinct = async (expression: string) => {
      const rows: { value: string }[] = await this.manager.query(
        `SELECT DISTINCT value FROM (SELECT ${expression} AS value FROM generation.ticket WHERE tenant_id = $1) v
         WHERE value IS NOT NULL ORDER BY 1`,
        [this.tenantId],
      );
      return rows.map((r) => r.value);
    };
    return { channels: await distinct('channel'), tags: await distinct('unnest(tags)'), intents: await distinct('intent') };
  }

  private newestFirst(query: TicketQuery) {
    return this.filtered(query).orderBy('t.created_at_source', 'DESC').addOrderBy('t.id', 'DESC');
  }

  private filtered(query: TicketQuery) {
    const builder = this.manager.createQueryBuilder(TicketEntity, 't').where('t.tenant_id = :tenantId', { tenantId: this.tenantId });
    if (query.from) builder.andWhere('t.created_at_source >= :from', { from: query.from });
    if (query.to) builder.andWhere('t.created_at_source <= :to', { to: query.to });
    if (query.channels?.length) builder.andWhere('t.channel IN (:...channels)', { channels: query.channels });
    // A ticket matches when it carries any of the asked tags.
    if (query.tags?.length) builder.andWhere('t.tags && CAST(:tags AS text[])', { tags: query.tags });
    if (query.intents?.length) builder.andWhere('t.intent IN (:...intents)', { intents: query.intents });
    if (query.minCsat != null) builder.andWhere('t.csat >= :minCsat', { minCsat: query.minCsat });
    if (query.maxCsat != null) builder.andWhere('t.csat <= :maxCsat', { maxCsat: query.maxCsat });
    return builder;
  }
}
