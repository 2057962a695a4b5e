import type { EntityManager } from 'typeorm';
import { TestCaseEntity } from './test-case.entity';
import type { CursorPosition } from '@sim/persistence';

export interface TestCaseQuery {
  types?: string[] | null;
  languages?: string[] | null;
  intents?: string[] | null;
  search?: string | null;
  ids?: string[] | null;
}

/** A test case with no language is held in English (PRODUCT.md), and filters treat it so. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * Every query names the tenant explicitly, on top of the row-level security the
 * transaction runs under: isolation holds even if one of the two were wrong.
 */
export class TestCaseRepository {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  findById(id: string): Promise<TestCaseEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.manager.findOneBy(TestCaseEntity, { id, tenantId: this.tenantId });
  }

  async findByIds(ids: readonly string[]): Promise<TestCaseEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.manager
      .createQueryBuilder(TestCaseEntity, 'tc')
      .where('tc.tenant_id = :tenantId', { tenantId: this.tenantId })
      .andWhere('tc.id IN (:...ids)', { ids: valid })
      .getMany();
  }

  async insert(entity: TestCaseEntity): Promise<void> {
    await this.manager.insert(TestCaseEntity, { ...entity, tenantId: this.tenantId });
  }

  async insertMany(entities: TestCaseEntity[]): Promise<void> {
    for (let i = 0; i < entities.length; i += 200) {
      await this.manager.insert(
        TestCaseEntity,
        entities.slice(i, i + 200).map((e) => ({ ...e, tenantId: this.tenantId })),
      );
    }
  }

  async update(entity: TestCaseEntity): Promise<void> {
    const { id, tenantId: _ignored, ...changes } = entity;
    await this.manager.update(TestCaseEntity, { id, tenantId: this.tenantId }, changes);
  }

  async delete(id: string): Promise<boolean> {
    if (!isUuid(id)) return false;
    const result = await this.manager.delete(TestCaseEntity, { id, tenantId: this.tenantId });
    return (result.affected ?? 0) > 0;
  }

  /** One page, newest first, and the number of cases matching the filter. */
  async page(query: TestCaseQuery, first: number, after: CursorPosition | null): Promise<{ rows: TestCaseEntity[]; total: number }> {
    const total = await this.filtered(query).getCount();
    const builder = this.filtered(query).orderBy('tc.created_at', 'DESC').addOrderBy('tc.id', 'DESC').take(first + 1);
    if (after) builder.andWhere('(tc.created_at, tc.id) < (:afterAt, :afterId)', { afterAt: after.createdAt, afterId: after.id });
    return { rows: await builder.getMany(), total };
  }

  all(query: TestCaseQuery, limit: number): Promise<TestCaseEntity[]> {
    return this.filtered(query).orderBy('tc.created_at', 'ASC').addOrderBy('tc.id', 'ASC').take(limit).getMany();
  }

  async facets(): Promise<{ types: string[]; languages: string[]; intents: string[] }> {
    const distinct = async (expression: string) => {
      const rows: { value: string }[] = await this.manager.query(
        `SELECT DISTINCT ${expression} AS value FROM test_case WHERE tenant_id = $1 AND ${expression} IS NOT NULL ORDER BY 1`,
        [this.tenantId],
      );
      return rows.map((r) => r.value);
    };
    return {
      types: await distinct('type'),
      languages: await distinct(`coalesce(language, '${DEFAULT_LANGUAGE}')`),
      intents: await distinct('intent'),
    };
  }

  private filtered(query: TestCaseQuery) {
    const builder = this.manager.createQueryBuilder(TestCaseEntity, 'tc').where('tc.tenant_id = :tenantId', { tenantId: this.tenantId });
    if (query.types?.length) builder.andWhere('tc.type IN (:...types)', { types: query.types });
    if (query.intents?.length) builder.andWhere('tc.intent IN (:...intents)', { intents: query.intents });
    if (query.languages?.length) {
      builder.andWhere(`coalesce(tc.language, '${DEFAULT_LANGUAGE}') IN (:...languages)`, { languages: query.languages });
    }
    if (query.ids) builder.andWhere('tc.id IN (:...ids)', { ids: query.ids.length ? query.ids : ['00000000-0000-0000-0000-000000000000'] });
    const tsquery = toPrefixTsQuery(query.search);
    if (tsquery) builder.andWhere(`tc.search @@ to_tsquery('simple', :tsquery)`, { tsquery });
    return builder;
  }
}

/**
 * Turns what a user typed into a full-text query where every word must match the start of
 * a word in the name, behaviour or criteria ("ord trac" finds "Order tracking").
 * Only letters and digits survive, so no input can break the tsquery syntax.
 */
export function toPrefixTsQuery(search: string | null | undefined): string | null {
  const words = (search ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 16).map((w) => `${w}:*`).join(' & ');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
