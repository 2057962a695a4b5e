import { ScoreBand as ContractScoreBand, encode, timestampFromDate, Topics, type TopicMessage } from '@sim/contracts';
import { LlmError, noUsage, type Judge, type JudgeRequest, type LlmCallContext, type TokenUsage } from '@sim/llm';
import type { EvaluationEntity } from './evaluation.entity';
import { validateJudgement, type ValidJudgement } from './validate-judgement';

/** What became of one judge call: a usable verdict, or a reason the case cannot be scored. */
export type Verdict = { kind: 'scored'; judgement: ValidJudgement } | { kind: 'failed'; error: string; usage: TokenUsage };

/**
 * Calls the judge once. A refusal that no retry can change (a non-retryable LlmError) and a
 * verdict that fails validation both become a `failed` verdict: the case ends as ERROR with
 * that reason. Anything else (a retryable LlmError, an unexpected failure) is thrown, for the
 * bus to retry the message and in the end dead-letter it.
 */
export async function judgeCase(judge: Judge, request: JudgeRequest, context: LlmCallContext): Promise<Verdict> {
  let judgement;
  try {
    judgement = await judge.judge(request, context);
  } catch (error) {
    // A call cut short by shutdown says nothing about the case: the message is handled again.
    if (context.signal?.aborted) throw error;
    if (error instanceof LlmError && !error.retryable) {
      return { kind: 'failed', error: `The judge could not score the conversation: ${error.message}`, usage: noUsage() };
    }
    throw error;
  }
  const checked = validateJudgement(judgement);
  if (!checked.ok) {
    const usage = isUsage(judgement?.usage) ? judgement.usage : noUsage();
    return { kind: 'failed', error: `The judge returned an unusable verdict: ${checked.problems.join('; ')}`, usage };
  }
  return { kind: 'scored', judgement: checked.judgement };
}

/**
 * Why the conversation does not reflect on the agent, if it does not: the simulation's own
 * report comes first (the judge is still asked, and its finding kept when simulation gave
 * no reason), then the judge's.
 */
function simulatorErrorOf(completed: TopicMessage<'simulation.completed'>, judged: string | null): string | null {
  if (completed.simulatorError) return completed.simulatorErrorReason || judged || 'The simulated customer failed during the conversation';
  return judged;
}

/** The row a verdict is stored as. */
export function toEntity(completed: TopicMessage<'simulation.completed'>, verdict: Verdict, judge: Judge, evaluatedAt: Date): EvaluationEntity {
  const base = {
    runCaseId: completed.runCaseId,
    tenantId: completed.tenantId,
    runId: completed.runId,
    attempt: completed.attempt,
    evaluatedAt,
  };
  if (verdict.kind === 'failed') {
    return {
      ...base,
      score: null,
      band: null,
      summary: null,
      criteria: [],
      engine: judge.engine,
      model: judge.model ?? judge.engine,
      promptVersion: judge.promptVersion ?? '',
      simulatorError: simulatorErrorOf(completed, null),
      error: verdict.error,
      ...usageColumns(verdict.usage),
    };
  }
  const j = verdict.judgement;
  return {
    ...base,
    score: j.score,
    band: j.band,
    summary: j.summary,
    criteria: j.criteria,
    engine: j.engine,
    model: j.model,
    promptVersion: j.promptVersion,
    simulatorError: simulatorErrorOf(completed, j.simulatorError),
    error: null,
    ...usageColumns(j.usage),
  };
}

/** The `evaluation.completed` message announcing a stored verdict to the orchestrator. */
export function evaluationCompletedMessage(evaluation: EvaluationEntity): Uint8Array {
  return encode(Topics.evaluationCompleted, {
    tenantId: evaluation.tenantId,
    runId: evaluation.runId,
    runCaseId: evaluation.runCaseId,
    attempt: evaluation.attempt,
    score: evaluation.score ?? 0,
    band: evaluation.band ? ContractScoreBand[evaluation.band] : ContractScoreBand.UNSPECIFIED,
    summary: evaluation.summary ?? '',
    engine: evaluation.engine,
    simulatorError: evaluation.simulatorError !== null,
    error: evaluation.error ?? undefined,
    usage: { promptTokens: evaluation.promptTokens, completionTokens: evaluation.completionTokens, costUsd: evaluation.costUsd },
    evaluatedAt: timestampFromDate(evaluation.evaluatedAt),
  });
}

function usageColumns(usage: TokenUsage): Pick<EvaluationEntity, 'promptTokens' | 'completionTokens' | 'costUsd'> {
  return { promptTokens: Math.round(usage.promptTokens), completionTokens: Math.round(usage.completionTokens), costUsd: usage.costUsd };
}

function isUsage(value: unknown): value is TokenUsage {
  const usage = value as Partial<TokenUsage> | null | undefined;
  return (
    !!usage &&
    [usage.promptTokens, usage.completionTokens, usage.costUsd].every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0)
  );
}
