import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@sim/auth';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import { decodePositionCursor, encodePositionCursor, type Database } from '@sim/persistence';
import { DATABASE } from '@sim/subgraph';
import { capErrors, fileError, readImportFile, type ImportError, type ImportFileFormat } from './domain/import-file';
import { checkImportSize, MAX_PAI_RECORDS, pageSize, requiredName } from './domain/limits';
import { guessPaiKind, validatePaiRecord } from './domain/pai-record';
import { isUuid } from './domain/uuid';
import { PaiCollectionEntity, PaiItemEntity } from './entities';

export interface PaiCollectionSummary {
  id: string;
  name: string;
  itemCount: number;
  createdAt: Date;
}

export interface PaiItemPage {
  rows: { cursor: string; item: PaiItemEntity }[];
  hasNextPage: boolean;
  endCursor: string | null;
  total: number;
}

/** Purchase AI collections: flat records imported from files, all or nothing. */
@Injectable()
export class PaiService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  list(principal: Principal): Promise<PaiCollectionSummary[]> {
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const rows: { id: string; name: string; created_at: Date; item_count: string }[] = await manager.query(
        `SELECT p.id, p.name, p.created_at,
                (SELECT count(*) FROM generation.pai_item i WHERE i.tenant_id = p.tenant_id AND i.collection_id = p.id) AS item_count
           FROM generation.pai_collection p WHERE p.tenant_id = $1 ORDER BY p.created_at, p.id`,
        [principal.tenantId],
      );
      return rows.map((r) => ({ id: r.id, name: r.name, createdAt: new Date(r.created_at), itemCount: Number(r.item_count) }));
    });
  }

  async createCollection(principal: Principal, name: string): Promise<PaiCollectionSummary> {
    const entity: PaiCollectionEntity = { id: randomUUID(), tenantId: principal.tenantId, name: requiredName(name, 'name'), createdAt: new Date() };
    await this.db.withTenant(principal.tenantId, (manager) => manager.insert(PaiCollectionEntity, entity));
    return { id: entity.id, name: entity.name, createdAt: entity.createdAt, itemCount: 0 };
  }

  async deleteCollection(principal: Principal, id: string): Promise<boolean> {
    return this.db.withTenant(principal.tenantId, async (manager) => {
      const result = isUuid(id) ? await manager.delete(PaiCollectionEntity, { id, tenantId: principal.tenantId }) : { affected: 0 };
      if (!result.affected) throw new NotFoundError('PAI collection', id);
      return true;
    });
  }

  /** Appends the file's records to the collection; a file with any bad record adds nothing. */
  async importItems(principal: Principal, collectionId: string, format: ImportFileFormat, content: string): Promise<{ imported: number; errors: ImportError[] }> {
    const tenantId = principal.tenantId;
    await this.assertCollection(principal, collectionId);
    checkImportSize(content);
    const read = readImportFile(format, content, 'records');
    if (!read.ok) return { imported: 0, errors: capErrors(read.errors) };
    if (read.records.length > MAX_PAI_RECORDS) {
      return { imported: 0, errors: [fileError(`the file contains ${read.records.length} records; at most ${MAX_PAI_RECORDS} can be imported at once`)] };
    }
    const errors: ImportError[] = [];
    const valid: Record<string, string>[] = [];
    for (const record of read.records) {
      const result = validatePaiRecord(record.value);
      if (result.ok) valid.push(result.data);
      else errors.push({ row: record.row, line: record.line, field: result.field, message: result.message });
    }
    if (errors.length) return { imported: 0, errors: capErrors(errors) };

    await this.db.withTenant(tenantId, async (manager) => {
      // Lock the collection so two imports into it number their items one after the other.
      const locked: unknown[] = await manager.query('SELECT id FROM generation.pai_collection WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [tenantId, collectionId]);
      if (locked.length === 0) throw new NotFoundError('PAI collection', collectionId);
      const [{ next }]: { next: number }[] = await manager.query(
        'SELECT coalesce(max(position) + 1, 0)::int AS next FROM generation.pai_item WHERE tenant_id = $1 AND collection_id = $2',
        [tenantId, collectionId],
      );
      const items: PaiItemEntity[] = valid.map((data, i) => ({ id: randomUUID(), tenantId, collectionId, position: next + i, kind: guessPaiKind(data), data }));
      for (let i = 0; i < items.length; i += 500) await manager.insert(PaiItemEntity, items.slice(i, i + 500));
    });
    return { imported: valid.length, errors: [] };
  }

  async items(principal: Principal, collectionId: string, first?: number | null, after?: string | null): Promise<PaiItemPage> {
    const tenantId = principal.tenantId;
    const size = pageSize(first);
    const cursor = after ? decodePositionCursor(after) : null;
    if (after && !cursor) throw BadUserInputError.field('after', 'is not a cursor returned by this API');
    await this.assertCollection(principal, collectionId);
    return this.db.withTenant(tenantId, async (manager) => {
      const filtered = () =>
        manager.createQueryBuilder(PaiItemEntity, 'i').where('i.tenant_id = :tenantId AND i.collection_id = :collectionId', { tenantId, collectionId });
      const total = await filtered().getCount();
      const builder = filtered().orderBy('i.position', 'ASC').addOrderBy('i.id', 'ASC').take(size + 1);
      if (cursor) builder.andWhere('(i.position, i.id) > (:position, :id)', cursor);
      const rows = await builder.getMany();
      const page = rows.slice(0, size).map((item) => ({ cursor: encodePositionCursor(item.position, item.id), item }));
      return { rows: page, hasNextPage: rows.length > size, endCursor: page.at(-1)?.cursor ?? null, total };
    });
  }

  private async assertCollection(principal: Principal, id: string): Promise<void> {
    const exists = isUuid(id) && (await this.db.withTenant(principal.tenantId, (manager) => manager.existsBy(PaiCollectionEntity, { id, tenantId: principal.tenantId })));
    if (!exists) throw new NotFoundError('PAI collection', id);
  }
}
