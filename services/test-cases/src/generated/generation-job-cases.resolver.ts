import { Context, Directive, Field, ID, Int, ObjectType, Parent, ResolveField, Resolver, ResolveReference } from '@nestjs/graphql';
import { Inject } from '@nestjs/common';
import { UnauthenticatedError } from '@sim/errors';
import type { Database } from '@sim/persistence';
import { DATABASE, requireRole, type SubgraphContext } from '@sim/subgraph';
import { TestCaseModel } from '../test-cases/dto/test-case.model';
import { TestCaseEntity } from '../test-cases/test-case.entity';
import { toModel } from '../test-cases/test-cases.resolver';

/**
 * The cases a generation job created, as test-cases knows them: generation owns the job,
 * but only test-cases knows which generated cases it stored (duplicates of existing cases
 * and invalid ones are not) and which still exist.
 */
@ObjectType('GenerationJob')
@Directive('@key(fields: "id")')
export class GenerationJobCasesRef {
  @Field(() => ID) id: string;
}

@Resolver(() => GenerationJobCasesRef)
export class GenerationJobCasesResolver {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @ResolveReference()
  resolveReference(@Parent() reference: { id: string }): GenerationJobCasesRef {
    return { id: reference.id };
  }

  @ResolveField(() => [TestCaseModel], { description: 'The cases the job created that still exist, in the order generated.' })
  async testCases(@Parent() job: GenerationJobCasesRef, @Context() context: SubgraphContext): Promise<TestCaseModel[]> {
    return (await this.casesOf(job.id, context)).map(toModel);
  }

  @ResolveField(() => Int, { description: 'How many cases the job created (duplicates of existing cases are not created).' })
  async created(@Parent() job: GenerationJobCasesRef, @Context() context: SubgraphContext): Promise<number> {
    return (await this.casesOf(job.id, context)).length;
  }

  private casesOf(jobId: string, context: SubgraphContext): Promise<TestCaseEntity[]> {
    const principal = context.principal;
    if (!principal) throw new UnauthenticatedError('no authenticated caller');
    requireRole(principal, 'viewer');
    return this.db.withTenant(principal.tenantId, (manager) =>
      manager
        .createQueryBuilder(TestCaseEntity, 't')
        .innerJoin('generated_case', 'g', 'g.test_case_id = t.id AND g.tenant_id = t.tenant_id')
        .where('g.job_id = :jobId AND t.tenant_id = :tenantId', { jobId, tenantId: principal.tenantId })
        .orderBy('t.created_at', 'ASC')
        .getMany(),
    );
  }
}
