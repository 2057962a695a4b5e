import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { RunCaseStatuses, RunStatuses, ScoreBands, type RunCaseStatus, type RunStatus, type ScoreBandName } from '../domain/run-status';

const asEnum = <T extends string>(values: readonly T[]) => Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const TestRunStatusEnum = asEnum(RunStatuses);
registerEnumType(TestRunStatusEnum, {
  name: 'TestRunStatus',
  description: 'QUEUED and RUNNING count against the tenant\'s maxActiveRuns; COMPLETED_WITH_ERRORS: some cases ended as ERROR; FAILED: the run itself could not complete.',
});

export const TestRunCaseStatusEnum = asEnum(RunCaseStatuses);
registerEnumType(TestRunCaseStatusEnum, { name: 'TestRunCaseStatus' });

export const ScoreBandEnum = asEnum(ScoreBands);
registerEnumType(ScoreBandEnum, { name: 'ScoreBand', description: 'PASSED >= 80, NEEDS_ATTENTION 50-79, FAILED < 50.' });

/** Owned by simulation; the orchestrator only names which widget a run tested. */
@ObjectType('ChatWidget')
@Directive('@key(fields: "id", resolvable: false)')
export class ChatWidgetRef {
  @Field(() => ID) id: string;
}

/** Owned by test-cases, which resolves the rest of it. */
@ObjectType('TestCase')
@Directive('@key(fields: "id", resolvable: false)')
export class TestCaseRef {
  @Field(() => ID) id: string;
}

@ObjectType('PageInfo')
@Directive('@shareable')
export class PageInfoModel {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('TestRunUsage', { description: 'What the LLM calls of a run (or one of its cases) cost: simulated customer and judge.' })
export class TestRunUsageModel {
  @Field(() => Int) promptTokens: number;
  @Field(() => Int) completionTokens: number;
  @Field(() => Float, { description: 'Estimated, in US dollars, from the configured provider prices.' }) costUsd: number;
}

@ObjectType('TestRunCase', { description: 'One test case within a run, with the snapshot of the case the run captured.' })
@Directive('@key(fields: "id")')
export class TestRunCaseModel {
  @Field(() => ID) id: string;
  @Field(() => TestCaseRef, { nullable: true, description: 'Null once the test case has been deleted (the run keeps its snapshot).' })
  testCase: TestCaseRef | null;
  @Field({ description: 'The test case\'s name when the run started.' }) name: string;
  @Field(() => Int, { description: '0-based order within the run.' }) position: number;
  @Field(() => TestRunCaseStatusEnum) status: RunCaseStatus;
  @Field(() => Int, { nullable: true, description: '0-100, once judged.' }) score: number | null;
  @Field(() => ScoreBandEnum, { nullable: true }) band: ScoreBandName | null;
  @Field(() => String, { nullable: true, description: 'Why the case ended as ERROR.' }) error: string | null;
  @Field(() => Boolean, { description: 'The ERROR was the simulated customer\'s, not the agent\'s: the case does not count against the agent.' })
  simulatorError: boolean;
  @Field(() => Int, { description: '1, or more when the case was dispatched again after missing its deadline.' }) attempt: number;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => TestRunUsageModel) usage: TestRunUsageModel;
}

@ObjectType('TestRunCaseEdge')
export class TestRunCaseEdgeModel {
  @Field() cursor: string;
  @Field(() => TestRunCaseModel) node: TestRunCaseModel;
}

@ObjectType('TestRunCaseConnection')
export class TestRunCaseConnectionModel {
  @Field(() => [TestRunCaseEdgeModel]) edges: TestRunCaseEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@ObjectType('TestRun', { description: 'A batch of test cases run against one chat widget.' })
@Directive('@key(fields: "id")')
export class TestRunModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => TestRunStatusEnum) status: RunStatus;
  @Field(() => ChatWidgetRef, { nullable: true }) widget: ChatWidgetRef | null;
  @Field(() => String, { nullable: true, description: 'BCP 47 tag every case of the run was held in, instead of its own language.' })
  languageOverride: string | null;
  @Field(() => String, { nullable: true }) chatUrl: string | null;
  @Field(() => GraphQLJSON, { nullable: true }) metadata: Record<string, unknown> | null;
  @Field(() => Int, { description: 'Turn limit of each conversation (the run\'s, else the tenant\'s default at start).' }) maxTurns: number;
  @Field({ description: 'User id of who started the run.' }) createdBy: string;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) startedAt: Date | null;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
  @Field(() => Int) totalCases: number;
  @Field(() => Int, { description: 'Cases scored PASSED (>= 80).' }) passedCases: number;
  @Field(() => Int, { description: 'Cases judged with a score.' }) scoredCases: number;
  @Field(() => Int, { description: 'Cases that ended as ERROR.' }) erroredCases: number;
  @Field(() => Float, { nullable: true, description: 'passedCases / scoredCases * 100; null until a case is scored.' }) passRate: number | null;
  @Field({ description: 'Link to the run in the web app.' }) shareUrl: string;
  @Field(() => String, { nullable: true, description: 'Why a FAILED run could not complete.' }) failureReason: string | null;
  @Field(() => TestRunUsageModel) usage: TestRunUsageModel;
  /** Resolved by `rerunOf`; not a field itself. */
  rerunOfId: string | null;
}

@ObjectType('TestRunEdge')
export class TestRunEdgeModel {
  @Field() cursor: string;
  @Field(() => TestRunModel) node: TestRunModel;
}

@ObjectType('TestRunConnection')
export class TestRunConnectionModel {
  @Field(() => [TestRunEdgeModel]) edges: TestRunEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@InputType('TestRunFilter')
export class TestRunFilterModel {
  @Field(() => [ID], { nullable: true }) widgetIds?: string[] | null;
  @Field(() => [TestRunStatusEnum], { nullable: true }) statuses?: RunStatus[] | null;
  @Field(() => String, { nullable: true, description: 'Words the run name must contain (prefixes match).' }) search?: string | null;
}

@InputType('StartTestRunInput')
export class StartTestRunInputModel {
  @Field({ description: 'Required, at most 200 characters.' }) name: string;
  @Field(() => ID) widgetId: string;
  @Field(() => [ID], { description: 'In the order the run lists them; each once.' }) testCaseIds: string[];
  @Field(() => String, { nullable: true, description: 'BCP 47 tag every case is held in instead of its own language.' })
  languageOverride?: string | null;
  @Field(() => String, { nullable: true, description: 'An http(s) page URL passed to the agent as context.' }) chatUrl?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'A JSON object passed to the agent on every turn.' }) metadata?: unknown;
  @Field(() => Int, { nullable: true, description: '1-50; defaults to the tenant\'s defaultMaxTurns.' }) maxTurns?: number | null;
}
