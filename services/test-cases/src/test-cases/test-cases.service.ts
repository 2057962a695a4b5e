import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@sim/auth';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { decodeCursor, encodeCursor, type Database, type OutboxRelay } from '@sim/persistence';
import { exportTestCases, parseTestCaseImport, type ImportError, type TestCaseFileFormat } from './domain/test-case-io';
import type { NormalizedTestCaseInput, TestCaseInput } from './domain/test-case.input';
import { NAME_MAX_LENGTH, validateTestCaseInput } from './domain/validate-test-case';
import { TestCaseEntity, type TestCaseSourceKind } from './test-case.entity';
import { TestCaseRepository, type TestCaseQuery } from './test-case.repository';
import { publishSnapshot } from './test-case.snapshot';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** An export is one string in one response; past this, narrow the filter. */
export const MAX_EXPORT = 5000;

export interface TestCasePage {
  rows: { cursor: string; entity: TestCaseEntity }[];
  hasNextPage: boolean;
  endCursor: string | null;
  total: number;
}

@Injectable()
export class TestCasesService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  get(principal: Principal, id: string): Promise<TestCaseEntity | null> {
    return this.read(principal, (repo) => repo.findById(id));
  }

  async getOrFail(principal: Principal, id: string): Promise<TestCaseEntity> {
    const found = await this.get(principal, id);
    if (!found) throw new NotFoundError('test case', id);
    return found;
  }

  getMany(principal: Principal, ids: readonly string[]): Promise<TestCaseEntity[]> {
    return this.read(principal, (repo) => repo.findByIds(ids));
  }

  async list(principal: Principal, query: TestCaseQuery, first?: number | null, after?: string | null): Promise<TestCasePage> {
    await this.assertIdsExist(principal, query);
    const size = first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      throw BadUserInputError.field('first', `must be between 0 and ${MAX_PAGE_SIZE}`);
    }
    const cursor = after ? decodeCursor(after) : null;
    if (after && !cursor) throw BadUserInputError.field('after', 'is not a cursor returned by this API');
    const { rows, total } = await this.read(principal, (repo) => repo.page(query, size, cursor));
    const page = rows.slice(0, size).map((entity) => ({ cursor: encodeCursor({ createdAt: entity.createdAt, id: entity.id }), entity }));
    return { rows: page, hasNextPage: rows.length > size, endCursor: page.at(-1)?.cursor ?? null, total };
  }

  facets(principal: Principal) {
    return this.read(principal, (repo) => repo.facets());
  }

  async create(principal: Principal, input: TestCaseInput, source: { kind: TestCaseSourceKind; ref: string | null } = { kind: 'MANUAL', ref: null }) {
    const value = this.validate(input);
    return this.write(principal, async (repo, manager) => {
      const entity = newEntity(principal.tenantId, value, source.kind, source.ref);
      await repo.insert(entity);
      await publishSnapshot(manager, entity);
      return entity;
    });
  }

  async update(principal: Principal, id: string, input: TestCaseInput) {
    const value = this.validate(input);
    return this.write(principal, async (repo, manager) => {
      const existing = await repo.findById(id);
      if (!existing) throw new NotFoundError('test case', id);
      const updated: TestCaseEntity = { ...existing, ...value, version: existing.version + 1, updatedAt: new Date() };
      await repo.update(updated);
      await publishSnapshot(manager, updated);
      return updated;
    });
  }

  async duplicate(principal: Principal, id: string) {
    return this.write(principal, async (repo, manager) => {
      const existing = await repo.findById(id);
      if (!existing) throw new NotFoundError('test case', id);
      const name = copyName(existing.name);
      const copy = newEntity(principal.tenantId, { ...existing, name }, existing.sourceKind, existing.sourceRef);
      await repo.insert(copy);
      await publishSnapshot(manager, copy);
      return copy;
    });
  }

  async delete(principal: Principal, id: string): Promise<boolean> {
    return this.write(principal, async (repo, manager) => {
      const existing = await repo.findById(id);
      if (!existing || !(await repo.delete(id))) throw new NotFoundError('test case', id);
      await publishSnapshot(manager, { ...existing, version: existing.version + 1, updatedAt: new Date() }, true);
      return true;
    });
  }

  /** All or nothing: a file with any bad record imports nothing and reports every bad record. */
  async import(principal: Principal, format: TestCaseFileFormat, content: string): Promise<{ imported: number; errors: ImportError[] }> {
    const parsed = parseTestCaseImport(format, content);
    if (parsed.errors.length > 0) return { imported: 0, errors: parsed.errors };
    const ref = `import:${format.toLowerCase()}:${new Date().toISOString()}`;
    await this.write(principal, async (repo, manager) => {
      const base = Date.now();
      // Distinct timestamps keep the file's order in the newest-first list.
      const entities = parsed.rows.map((row, i) => newEntity(principal.tenantId, row.value, 'IMPORT', ref, new Date(base + i)));
      await repo.insertMany(entities);
      for (const entity of entities) await publishSnapshot(manager, entity);
    });
    return { imported: parsed.rows.length, errors: [] };
  }

  async export(principal: Principal, query: TestCaseQuery, format: TestCaseFileFormat): Promise<string> {
    await this.assertIdsExist(principal, query);
    const rows = await this.read(principal, (repo) => repo.all(query, MAX_EXPORT + 1));
    if (rows.length > MAX_EXPORT) throw BadUserInputError.field('filter', `matches more than ${MAX_EXPORT} test cases; narrow it to export`);
    return exportTestCases(rows.map(toInput), format);
  }

  /** A filter naming cases by id must name the caller's own: anything else is NOT_FOUND. */
  private async assertIdsExist(principal: Principal, query: TestCaseQuery): Promise<void> {
    if (!query.ids?.length) return;
    if (query.ids.length > MAX_EXPORT) throw BadUserInputError.field('filter.ids', `at most ${MAX_EXPORT} ids`);
    const found = new Set((await this.getMany(principal, query.ids)).map((e) => e.id));
    const missing = query.ids.find((id) => !found.has(id));
    if (missing) throw new NotFoundError('test case', missing);
  }

  private validate(input: unknown): NormalizedTestCaseInput {
    const result = validateTestCaseInput(input);
    if (!result.ok) throw new BadUserInputError(result.errors.map((e) => ({ field: e.field || 'input', message: e.message })));
    return result.value;
  }

  private read<T>(principal: Principal, work: (repo: TestCaseRepository) => Promise<T>): Promise<T> {
    return this.db.withTenant(principal.tenantId, (manager) => work(new TestCaseRepository(manager, principal.tenantId)));
  }

  private async write<T>(principal: Principal, work: (repo: TestCaseRepository, manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.db.withTenant(principal.tenantId, (manager) => work(new TestCaseRepository(manager, principal.tenantId), manager));
    this.relay.kick();
    return result;
  }
}

function newEntity(tenantId: string, value: NormalizedTestCaseInput, kind: TestCaseSourceKind, ref: string | null, at = new Date()): TestCaseEntity {
  return {
    id: randomUUID(),
    tenantId,
    name: value.name,
    toneOfVoice: value.toneOfVoice,
    behaviour: value.behaviour,
    personaFacts: value.personaFacts.map((f) => ({ name: f.name, value: f.value })),
    successCriteria: value.successCriteria,
    language: value.language,
    agentCriteria: value.agentCriteria,
    type: value.type,
    intent: value.intent,
    sourceKind: kind,
    sourceRef: ref,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

/** "Refunds" -> "Refunds (copy)", kept within the name's maximum length. */
export function copyName(name: string): string {
  const suffix = ' (copy)';
  return name.length + suffix.length <= NAME_MAX_LENGTH ? name + suffix : name.slice(0, NAME_MAX_LENGTH - suffix.length) + suffix;
}

export function toInput(entity: TestCaseEntity): TestCaseInput {
  return {
    name: entity.name,
    toneOfVoice: entity.toneOfVoice,
    behaviour: entity.behaviour,
    personaFacts: entity.personaFacts,
    successCriteria: entity.successCriteria,
    language: entity.language,
    agentCriteria: entity.agentCriteria,
    type: entity.type,
    intent: entity.intent,
  };
}
