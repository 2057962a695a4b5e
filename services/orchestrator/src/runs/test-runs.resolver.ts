import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { UnauthenticatedError } from '@sim/errors';
import { CurrentPrincipal, requireRole, type SubgraphContext } from '@sim/subgraph';
import { passRate } from './domain/run-status';
import {
  StartTestRunInputModel,
  TestRunCaseConnectionModel,
  TestRunCaseModel,
  TestRunConnectionModel,
  TestRunFilterModel,
  TestRunModel,
} from './dto/test-run.model';
import type { TestRunEntity } from './run.entities';
import type { ListedRunCase } from './run.repository';
import { TestRunsService } from './test-runs.service';

/** Thin: authorisation and shape mapping only; the service does the work. */
@Resolver(() => TestRunModel)
export class TestRunsResolver {
  constructor(private readonly service: TestRunsService) {}

  @Query(() => TestRunConnectionModel, { description: 'Newest first, filtered by widget and status and searched by name.' })
  async testRuns(
    @CurrentPrincipal() principal: Principal,
    @Args('filter', { type: () => TestRunFilterModel, nullable: true }) filter?: TestRunFilterModel | null,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TestRunConnectionModel> {
    requireRole(principal, 'viewer');
    const page = await this.service.list(principal, filter ?? {}, first, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: this.toModel(row.node) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.total,
    };
  }

  @Query(() => TestRunModel, { nullable: true, description: "NOT_FOUND for an unknown id or another tenant's." })
  async testRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TestRunModel> {
    requireRole(principal, 'viewer');
    return this.toModel(await this.service.getOrFail(principal, id));
  }

  @Query(() => TestRunModel, { nullable: true, description: "The tenant's newest run (the Last Run banner), or null." })
  async lastRun(@CurrentPrincipal() principal: Principal): Promise<TestRunModel | null> {
    requireRole(principal, 'viewer');
    const run = await this.service.lastRun(principal);
    return run && this.toModel(run);
  }

  @Mutation(() => TestRunModel, {
    description: 'Queues a run of the given test cases. FORBIDDEN when Conversation Simulations is off for the tenant; LIMIT_EXCEEDED beyond maxActiveRuns or maxCasesPerRun.',
  })
  async startTestRun(@CurrentPrincipal() principal: Principal, @Args('input') input: StartTestRunInputModel): Promise<TestRunModel> {
    requireRole(principal, 'editor');
    return this.toModel(await this.service.start(principal, { ...input, metadata: input.metadata }));
  }

  @Mutation(() => TestRunModel, { description: 'A new run "<name> (rerun)" with the same configuration and test cases, at their current versions.' })
  async rerunTestRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TestRunModel> {
    requireRole(principal, 'editor');
    return this.toModel(await this.service.rerun(principal, id));
  }

  @Mutation(() => TestRunModel, { description: 'Stops a queued or running run; its unfinished cases are SKIPPED.' })
  async cancelTestRun(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<TestRunModel> {
    requireRole(principal, 'editor');
    return this.toModel(await this.service.cancel(principal, id));
  }

  @ResolveField(() => TestRunCaseConnectionModel, { description: 'In the order the run was started with.' })
  async cases(
    @CurrentPrincipal() principal: Principal,
    @Parent() run: TestRunModel,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<TestRunCaseConnectionModel> {
    requireRole(principal, 'viewer');
    const page = await this.service.cases(principal, run.id, first, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: toCaseModel(row.node) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.total,
    };
  }

  @ResolveField(() => TestRunModel, { nullable: true, description: 'The run this one reran, while it exists.' })
  async rerunOf(@CurrentPrincipal() principal: Principal, @Parent() run: TestRunModel): Promise<TestRunModel | null> {
    if (!run.rerunOfId) return null;
    const original = await this.service.get(principal, run.rerunOfId);
    return original && this.toModel(original);
  }

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @Context() context: SubgraphContext): Promise<TestRunModel | null> {
    if (!context.principal) throw new UnauthenticatedError('no authenticated caller');
    const run = await this.service.get(context.principal, reference.id);
    return run && this.toModel(run);
  }

  private toModel(run: TestRunEntity): TestRunModel {
    return {
      id: run.id,
      name: run.name,
      status: run.status,
      widget: { id: run.widgetId },
      languageOverride: run.languageOverride,
      chatUrl: run.chatUrl,
      metadata: run.metadata,
      maxTurns: run.maxTurns,
      createdBy: run.createdBy,
      createdAt: run.createdAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      totalCases: run.totalCases,
      passedCases: run.passedCases,
      scoredCases: run.scoredCases,
      erroredCases: run.erroredCases,
      passRate: passRate(run.passedCases, run.scoredCases),
      shareUrl: this.service.shareUrl(run.id),
      failureReason: run.failureReason,
      usage: { promptTokens: run.promptTokens, completionTokens: run.completionTokens, costUsd: run.costUsd },
      rerunOfId: run.rerunOf,
    };
  }
}

@Resolver(() => TestRunCaseModel)
export class TestRunCasesResolver {
  constructor(private readonly service: TestRunsService) {}

  @ResolveReference()
  async resolveReference(@Parent() reference: { id: string }, @Context() context: SubgraphContext): Promise<TestRunCaseModel | null> {
    if (!context.principal) throw new UnauthenticatedError('no authenticated caller');
    const found = await this.service.getCase(context.principal, reference.id);
    return found && toCaseModel(found);
  }
}

export function toCaseModel({ entity, testCaseExists }: ListedRunCase): TestRunCaseModel {
  return {
    id: entity.id,
    testCase: testCaseExists ? { id: entity.testCaseId } : null,
    name: entity.name,
    position: entity.position,
    status: entity.status,
    score: entity.score,
    band: entity.band,
    error: entity.error,
    simulatorError: entity.simulatorError,
    attempt: entity.attempt,
    startedAt: entity.startedAt,
    finishedAt: entity.finishedAt,
    usage: { promptTokens: entity.promptTokens, completionTokens: entity.completionTokens, costUsd: entity.costUsd },
  };
}
