import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketQuery } from './domain/ticket-query';
import { isUuid } from './domain/uuid';
import { IntentEntity, PaiItemEntity, PaiItemKind, TicketEntity } from './entities';
import { TicketRepository } from './ticket.repository';

export interface KnowledgeChunkView {
  id: string;
  documentId: string;
  title: string;
  text: string;
}

export interface PaiItemView {
  id: string;
  kind: PaiItemKind;
  data: Record<string, string>;
}

/**
 * What generation jobs read from the sources. Callers pass the manager of their own
 * tenant transaction (`db.withTenant`); every query also names the tenant.
 * An unknown or other tenant's collection reads as empty; callers check existence first when that matters.
 */
@Injectable()
export class SourcesReader {
  /** The collection's chunks in document order, each with its document's title. */
  async knowledgeChunks(manager: EntityManager, tenantId: string, collectionId: string): Promise<KnowledgeChunkView[]> {
    if (!isUuid(collectionId)) return [];
    const rows: { id: string; document_id: string; title: string; text: string }[] = await manager.query(
      `SELECT c.id, c.document_id, d.title, c.text
         FROM generation.knowledge_chunk c
         JOIN generation.knowledge_document d ON d.id = c.document_id AND d.tenant_id = c.tenant_id
        WHERE c.tenant_id = $1 AND c.collection_id = $2
        ORDER BY d.created_at, d.id, c.position`,
      [tenantId, collectionId],
    );
    return rows.map((r) => ({ id: r.id, documentId: r.document_id, title: r.title, text: r.text }));
  }

  async paiItems(manager: EntityManager, tenantId: string, collectionId: string): Promise<PaiItemView[]> {
    if (!isUuid(collectionId)) return [];
    const rows = await manager.find(PaiItemEntity, { where: { tenantId, collectionId }, order: { position: 'ASC' } });
    return rows.map((r) => ({ id: r.id, kind: r.kind, data: r.data }));
  }

  /** The tenant's intents among `ids`, in the order asked; unknown ids are left out. */
  async intentsByIds(manager: EntityManager, tenantId: string, ids: readonly string[]): Promise<IntentEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    const rows = await manager
      .createQueryBuilder(IntentEntity, 'i')
      .where('i.tenant_id = :tenantId', { tenantId })
      .andWhere('i.id IN (:...ids)', { ids: valid })
      .getMany();
    const byId = new Map(rows.map((r) => [r.id, r]));
    return [...new Set(valid)].flatMap((id) => byId.get(id) ?? []);
  }

  /** The newest `limit` tickets matching the filter, with their (redacted) turns. */
  ticketsMatching(manager: EntityManager, tenantId: string, filter: TicketQuery | null | undefined, limit: number): Promise<TicketEntity[]> {
    return new TicketRepository(manager, tenantId).matching(filter ?? {}, limit);
  }

  /** Whether the tenant has this knowledge collection. */
  async hasKnowledgeCollection(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows: unknown[] = await manager.query('SELECT 1 FROM generation.knowledge_collection WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows.length > 0;
  }

  /** Whether the tenant has this Purchase AI collection. */
  async hasPaiCollection(manager: EntityManager, tenantId: string, id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows: unknown[] = await manager.query('SELECT 1 FROM generation.pai_collection WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return rows.length > 0;
  }
}
