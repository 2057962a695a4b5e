import { Context, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { UnauthenticatedError } from '@sim/errors';
import { requireRole, type SubgraphContext } from '@sim/subgraph';
import { EvaluationModel, RunCaseEvaluationRef } from './dto/evaluation.model';
import type { EvaluationEntity } from './evaluation.entity';
import { EvaluationReader } from './evaluation.reader';

/** Contributes `TestRunCase.evaluation` to the orchestrator's entity. */
@Resolver(() => RunCaseEvaluationRef)
export class EvaluationResolver {
  constructor(private readonly reader: EvaluationReader) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }): RunCaseEvaluationRef {
    return { id: reference.id };
  }

  @ResolveField(() => EvaluationModel, {
    nullable: true,
    description: "The judge's verdict; null until the case is scored, when it could not be, or for another tenant's case.",
  })
  async evaluation(@Parent() runCase: RunCaseEvaluationRef, @Context() context: SubgraphContext): Promise<EvaluationModel | null> {
    const principal: Principal | undefined = context.principal;
    if (!principal) throw new UnauthenticatedError('no authenticated caller');
    requireRole(principal, 'viewer');
    const found = await this.reader.load(context, principal, runCase.id);
    return found && toModel(found);
  }
}

export function toModel(entity: EvaluationEntity): EvaluationModel {
  return {
    score: entity.score ?? 0,
    band: entity.band ?? 'FAILED',
    summary: entity.summary ?? '',
    criteria: entity.criteria,
    engine: entity.engine,
    model: entity.model,
    promptVersion: entity.promptVersion,
    simulatorError: entity.simulatorError,
    evaluatedAt: entity.evaluatedAt,
    usage: { promptTokens: entity.promptTokens, completionTokens: entity.completionTokens, costUsd: entity.costUsd },
  };
}
