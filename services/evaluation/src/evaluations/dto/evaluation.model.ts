import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { ScoreBand } from '@sim/llm';

/** Declared identically by the orchestrator, which owns the case's `band`. */
export const ScoreBandEnum = { PASSED: 'PASSED', NEEDS_ATTENTION: 'NEEDS_ATTENTION', FAILED: 'FAILED' } as const satisfies Record<ScoreBand, ScoreBand>;
registerEnumType(ScoreBandEnum, { name: 'ScoreBand', description: 'PASSED >= 80, NEEDS_ATTENTION 50-79, FAILED < 50.' });

@ObjectType('CriterionVerdict', { description: 'How the conversation fared against one success criterion.' })
export class CriterionVerdictModel {
  @Field({ description: 'The criterion as the test case states it.' }) criterion: string;
  @Field({ description: "USER (the customer's success criteria) or AGENT (the criteria for the agent)." }) kind: string;
  @Field() met: boolean;
  @Field(() => Int, { description: '0-100.' }) score: number;
  @Field({ description: 'Why, citing the turns it rests on.' }) reasoning: string;
}

@ObjectType('EvaluationUsage', { description: 'What judging the conversation cost.' })
export class EvaluationUsageModel {
  @Field(() => Int) promptTokens: number;
  @Field(() => Int) completionTokens: number;
  @Field(() => Float, { description: 'Estimated from the configured prices; 0 for the offline engine.' }) costUsd: number;
}

@ObjectType('Evaluation', { description: "The judge's verdict on a run case's conversation." })
export class EvaluationModel {
  @Field(() => Int, { description: '0-100.' }) score: number;
  @Field(() => ScoreBandEnum) band: ScoreBand;
  @Field({ description: 'Why this score.' }) summary: string;
  @Field(() => [CriterionVerdictModel]) criteria: CriterionVerdictModel[];
  @Field({ description: 'Which judge scored it, e.g. `offline-rules/v1` or `openai:gpt-4o`.' }) engine: string;
  @Field({ description: 'The model behind the judge.' }) model: string;
  @Field({ description: 'Version of the judge prompt or rule set, so scores stay comparable.' }) promptVersion: string;
  @Field(() => String, { nullable: true, description: 'Set when the simulated customer, not the agent, spoiled the conversation: why.' })
  simulatorError: string | null;
  @Field() evaluatedAt: Date;
  @Field(() => EvaluationUsageModel) usage: EvaluationUsageModel;
}

/** Evaluation's view of the orchestrator's TestRunCase: only its key, plus the evaluation. */
@ObjectType('TestRunCase')
@Directive('@key(fields: "id")')
export class RunCaseEvaluationRef {
  @Field(() => ID) id: string;
}
