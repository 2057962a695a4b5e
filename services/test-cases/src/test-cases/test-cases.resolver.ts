import { Args, Context, ID, Int, Mutation, Parent, Query, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole, type SubgraphContext } from '@sim/subgraph';
import { UnauthenticatedError } from '@sim/errors';
import {
  ImportResultModel,
  TestCaseConnectionModel,
  TestCaseFacetsModel,
  TestCaseModel,
} from './dto/test-case.model';
import { ExportFormat, TestCaseFilterModel, TestCaseInputModel } from './dto/test-case.input';
import type { TestCaseEntity } from './test-case.entity';
import type { TestCaseInput } from './domain/test-case.input';
import { TestCasesService } from './test-cases.service';

/** Thin: authorisation and shape mapping only; the service does the work. */
@Resolver(() => TestCaseModel)
export class TestCasesResolver {
  constructor(private readonly service: TestCasesService) {}

  @Query(() => TestCaseConnectionModel, { description: 'Newest first, filtered and searched.' })
  async testCases(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => TestCaseFilterModel, nullable: true }) filter?: TestCaseFilterModel | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TestCaseConnectionModel> {
    requireRole(principal, 'viewer');
    const page = await this.service.list(principal, filter ?? {}, first, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: toModel(row.entity) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.total,
    };
  }

  @Query(() => TestCaseModel, { nullable: true, description: 'NOT_FOUND for an unknown id or another tenant\'s.' })
  async testCase(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TestCaseModel | null> {
    requireRole(principal, 'viewer');
    return toModel(await this.service.getOrFail(principal, id));
  }

  @Query(() => TestCaseFacetsModel)
  testCaseFacets(@CurrentPrincipal() principal: Principal): Promise<TestCaseFacetsModel> {
    requireRole(principal, 'viewer');
    return this.service.facets(principal);
  }

  @Query(() => String, { description: 'The matching test cases as a file; it imports back unchanged.' })
  exportTestCases(
    @CurrentPrincipal() principal: Principal,
    @Args('format', { type: () => ExportFormat }) format: ExportFormat,
    @Args('filter', { type: () => TestCaseFilterModel, nullable: true }) filter?: TestCaseFilterModel | null,
  ): Promise<string> {
    requireRole(principal, 'viewer');
    return this.service.export(principal, filter ?? {}, format);
  }

  @Mutation(() => TestCaseModel)
  async createTestCase(@CurrentPrincipal() principal: Principal, @Args('input') input: TestCaseInputModel): Promise<TestCaseModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.create(principal, plain(input) as TestCaseInput));
  }

  @Mutation(() => TestCaseModel)
  async updateTestCase(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: TestCaseInputModel,
  ): Promise<TestCaseModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.update(principal, id, plain(input) as TestCaseInput));
  }

  @Mutation(() => TestCaseModel, { description: 'A copy named "<name> (copy)".' })
  async duplicateTestCase(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TestCaseModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.duplicate(principal, id));
  }

  @Mutation(() => Boolean)
  deleteTestCase(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.delete(principal, id);
  }

  @Mutation(() => ImportResultModel, { description: 'All or nothing: any bad record imports nothing and every bad record is reported.' })
  importTestCases(
    @CurrentPrincipal() principal: Principal,
    @Args('format', { type: () => ExportFormat }) format: ExportFormat,
    @Args('content') content: string,
  ): Promise<ImportResultModel> {
    requireRole(principal, 'editor');
    return this.service.import(principal, format, content);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @Context() context: SubgraphContext): Promise<TestCaseModel | null> {
    if (!context.principal) throw new UnauthenticatedError('no authenticated caller');
    const found = await this.service.get(context.principal, reference.id);
    return found && toModel(found);
  }
}

/** GraphQL input objects are class instances with null prototypes: validate plain data. */
function plain<T>(input: T): T {
  return JSON.parse(JSON.stringify(input)) as T;
}

export function toModel(entity: TestCaseEntity): TestCaseModel {
  return {
    id: entity.id,
    name: entity.name,
    toneOfVoice: entity.toneOfVoice,
    behaviour: entity.behaviour,
    personaFacts: entity.personaFacts,
    successCriteria: entity.successCriteria,
    language: entity.language,
    agentCriteria: entity.agentCriteria,
    type: entity.type,
    intent: entity.intent,
    source: { kind: entity.sourceKind, ref: entity.sourceRef },
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}
