import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@sim/auth';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import type { Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import { chunkDocument } from './domain/chunk-document';
import { MAX_DOCUMENT_BYTES, MAX_TITLE_LENGTH, requiredName } from './domain/limits';
import { isUuid } from './domain/uuid';
import { DocumentFormats, KnowledgeChunkEntity, KnowledgeCollectionEntity, KnowledgeDocumentEntity, type DocumentFormat } from './entities';

export interface DocumentSummary {
  id: string;
  collectionId: string;
  title: string;
  format: DocumentFormat;
  chunkCount: number;
  createdAt: Date;
}

export interface CollectionSummary {
  id: string;
  name: string;
  createdAt: Date;
  documents: DocumentSummary[];
}

/** Knowledge collections and their documents; a document is chunked when it is added. */
@Injectable()
export class KnowledgeService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  list(principal: Principal): Promise<CollectionSummary[]> {
    const tenantId = principal.tenantId;
    return this.db.withTenant(tenantId, async (manager) => {
      const collections = await manager.find(KnowledgeCollectionEntity, { where: { tenantId }, order: { createdAt: 'ASC', id: 'ASC' } });
      const documents = await documentSummaries(manager, tenantId, null);
      return collections.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt, documents: documents.filter((d) => d.collectionId === c.id) }));
    });
  }

  async createCollection(principal: Principal, name: string): Promise<CollectionSummary> {
    const entity: KnowledgeCollectionEntity = { id: randomUUID(), tenantId: principal.tenantId, name: requiredName(name, 'name'), createdAt: new Date() };
    await this.db.withTenant(principal.tenantId, (manager) => manager.insert(KnowledgeCollectionEntity, entity));
    return { id: entity.id, name: entity.name, createdAt: entity.createdAt, documents: [] };
  }

  async deleteCollection(principal: Principal, id: string): Promise<boolean> {
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const result = isUuid(id) ? await manager.delete(KnowledgeCollectionEntity, { id, tenantId: principal.tenantId }) : { affected: 0 };
      if (!result.affected) throw new NotFoundError('knowledge collection', id);
      return true;
    });
  }

  async addDocument(principal: Principal, collectionId: string, input: { title: string; content: string; format?: DocumentFormat | null }): Promise<DocumentSummary> {
    const tenantId = principal.tenantId;
    const title = requiredName(input.title, 'title', MAX_TITLE_LENGTH);
    const format = input.format ?? 'TEXT';
    if (!DocumentFormats.includes(format)) throw BadUserInputError.field('format', `format must be one of ${DocumentFormats.join(', ')}`);
    const content = input.content ?? '';
    if (content.trim() === '') throw BadUserInputError.field('content', 'content is required');
    if (Buffer.byteLength(content, 'utf8') > MAX_DOCUMENT_BYTES) throw BadUserInputError.field('content', 'content must be at most 1 MB; split the document');
    const chunks = chunkDocument(format, content);
    if (chunks.length === 0) throw BadUserInputError.field('content', 'content has no readable text');

    return this.db.withTenant(tenantId, async (manager) => {
      if (!isUuid(collectionId) || !(await manager.existsBy(KnowledgeCollectionEntity, { id: collectionId, tenantId }))) {
        throw new NotFoundError('knowledge collection', collectionId);
      }
      const document: KnowledgeDocumentEntity = { id: randomUUID(), tenantId, collectionId, title, format, content, createdAt: new Date() };
      await manager.insert(KnowledgeDocumentEntity, document);
      const rows: KnowledgeChunkEntity[] = chunks.map((text, position) => ({ id: randomUUID(), tenantId, documentId: document.id, collectionId, position, text }));
      for (let i = 0; i < rows.length; i += 500) await manager.insert(KnowledgeChunkEntity, rows.slice(i, i + 500));
      return { id: document.id, collectionId, title, format, chunkCount: rows.length, createdAt: document.createdAt };
    });
  }

  async removeDocument(principal: Principal, id: string): Promise<boolean> {
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const result = isUuid(id) ? await manager.delete(KnowledgeDocumentEntity, { id, tenantId: principal.tenantId }) : { affected: 0 };
      if (!result.affected) throw new NotFoundError('knowledge document', id);
      return true;
    });
  }
}

async function documentSummaries(manager: EntityManager, tenantId: string, collectionId: string | null): Promise<DocumentSummary[]> {
  const rows: { id: string; collection_id: string; title: string; format: DocumentFormat; created_at: Date; chunk_count: string }[] = await manager.query(
    `SELECT d.id, d.collection_id, d.title, d.format, d.created_at,
            (SELECT count(*) FROM generation.knowledge_chunk c WHERE c.tenant_id = d.tenant_id AND c.document_id = d.id) AS chunk_count
       FROM generation.knowledge_document d
      WHERE d.tenant_id = $1 AND ($2::uuid IS NULL OR d.collection_id = $2::uuid)
      ORDER BY d.created_at, d.id`,
    [tenantId, collectionId],
  );
  return rows.map((r) => ({
    id: r.id,
    collectionId: r.collection_id,
    title: r.title,
    format: r.format,
    chunkCount: Number(r.chunk_count),
    createdAt: new Date(r.created_at),
  }));
}
