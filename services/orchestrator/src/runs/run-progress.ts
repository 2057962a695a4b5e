import type { EntityManager } from 'typeorm';
import { SimulationOutcome, type TopicMessage, type TokenUsage } from '@sim/contracts';
import { bandFromContract, isTerminalCase } from './domain/run-status';
import { settleRun } from './run-settlement';
import type { TestRunCaseEntity, TestRunEntity } from './run.entities';
import { RunRepository, type Usage } from './run.repository';

/** What happened to a message about a case; tests and logs read it, nothing else does. */
export type ProgressOutcome = 'applied' | 'unknown-case' | 'stale-attempt' | 'already-final' | 'not-applicable';

type CaseChange = Partial<Pick<TestRunCaseEntity, 'status' | 'score' | 'band' | 'error' | 'simulatorError' | 'startedAt' | 'finishedAt' | 'deadlineAt'>>;

export const SIMULATOR_ERROR_PREFIX = 'The simulated customer broke the test case';

/**
 * How the pipeline's messages move a run's cases (and through them the run). Every method
 * runs in the caller's tenant transaction, locks the run first and its case second (the
 * same order everywhere, so handlers never deadlock), and is idempotent on its own: a case
 * only moves forward, a terminal case ignores later messages, and a message of another
 * attempt than the case's current one is stale.
 */
export class RunProgress {
  private readonly repo: RunRepository;

  constructor(
    private readonly manager: EntityManager,
    tenantId: string,
  ) {
    this.repo = new RunRepository(manager, tenantId);
  }

  /** The first turn of an attempt: the case is RUNNING (and its run, if it was QUEUED). */
  async turnTaken(turn: TopicMessage<'simulation.turn'>): Promise<ProgressOutcome> {
    return this.withCase(turn.runId, turn.runCaseId, turn.attempt, null, async (run, runCase) => {
      if (runCase.status !== 'NOT_STARTED') return 'not-applicable';
      await this.moveCase(run, runCase, { status: 'RUNNING', startedAt: runCase.startedAt ?? new Date() });
      return 'applied';
    });
  }

  /** The conversation ended: the case waits for its judge, or ends as ERROR; or the whole run cannot go on. */
  async simulationCompleted(message: TopicMessage<'simulation.completed'>): Promise<ProgressOutcome> {
    return this.withCase(message.runId, message.runCaseId, message.attempt, message.usage, async (run, runCase) => {
      const now = new Date();
      if (message.runCannotProceed) {
        const reason = message.error || 'the run cannot proceed';
        await this.repo.skipOpenCases(run.id, now);
        await settleRun(this.manager, this.repo, run, { forceStatus: 'FAILED', failureReason: reason, now });
        return 'applied';
      }
      if (message.outcome === SimulationOutcome.COMPLETED) {
        if (runCase.status === 'EVALUATING') return 'not-applicable';
        await this.moveCase(run, runCase, { status: 'EVALUATING', startedAt: runCase.startedAt ?? now });
        return 'applied';
      }
      const error = message.simulatorError
        ? `${SIMULATOR_ERROR_PREFIX}: ${message.simulatorErrorReason || message.error || 'no reason given'}`
        : message.error || `the conversation could not be completed (ended by ${message.endedBy || 'error'})`;
      await this.endCase(run, runCase, error, message.simulatorError, now);
      return 'applied';
    });
  }

  /** The judge's verdict ends the case: scored, or ERROR (its own failure, or one of the simulated customer). */
  async evaluationCompleted(message: TopicMessage<'evaluation.completed'>): Promise<ProgressOutcome> {
    return this.withCase(message.runId, message.runCaseId, message.attempt, message.usage, async (run, runCase) => {
      const now = new Date();
      if (message.simulatorError) {
        // Not the agent's fault: the case is not scored and does not count against the agent.
        await this.endCase(run, runCase, `${SIMULATOR_ERROR_PREFIX}: ${message.summary || message.error || 'no reason given'}`, true, now);
      } else if (message.error !== undefined) {
        await this.endCase(run, runCase, message.error || 'the conversation could not be judged', false, now);
      } else {
        const score = Math.max(0, Math.min(100, Math.round(message.score)));
        await this.moveCase(run, runCase, {
          status: 'COMPLETED',
          score,
          band: bandFromContract(message.band, score),
          error: null,
          startedAt: runCase.startedAt ?? now,
          finishedAt: now,
          deadlineAt: null,
        });
      }
      return 'applied';
    });
  }

  /**
   * A message about the case was dead-lettered: nothing will move the case any more, so it
   * ends as ERROR with the reason. `attempt` is null when the payload could not be read.
   */
  async deadLettered(runId: string | null, runCaseId: string, attempt: number | null, reason: string): Promise<ProgressOutcome> {
    const resolvedRunId = runId ?? (await this.repo.findCase(runCaseId))?.runId;
    if (!resolvedRunId) return 'unknown-case';
    return this.withCase(resolvedRunId, runCaseId, attempt, null, async (run, runCase) => {
      await this.endCase(run, runCase, reason, false, new Date());
      return 'applied';
    });
  }

  private async withCase(
    runId: string,
    runCaseId: string,
    attempt: number | null,
    usage: TokenUsage | undefined | null,
    work: (run: TestRunEntity, runCase: TestRunCaseEntity) => Promise<ProgressOutcome>,
  ): Promise<ProgressOutcome> {
    const run = await this.repo.lockRun(runId);
    if (!run) return 'unknown-case';
    const runCase = await this.repo.lockCase(run.id, runCaseId);
    if (!runCase) return 'unknown-case';
    // Tokens were spent whatever became of the attempt; the message is handled once (handleOnce).
    if (usage) await this.repo.addUsage(run.id, runCase.id, toUsage(usage));
    if (attempt !== null && attempt !== runCase.attempt) return 'stale-attempt';
    if (isTerminalCase(runCase.status)) return 'already-final';
    return work(run, runCase);
  }

  private async endCase(run: TestRunEntity, runCase: TestRunCaseEntity, error: string, simulatorError: boolean, now: Date): Promise<void> {
    await this.moveCase(run, runCase, {
      status: 'ERROR',
      error,
      simulatorError,
      score: null,
      band: null,
      finishedAt: now,
      deadlineAt: null,
    });
  }

  private async moveCase(run: TestRunEntity, runCase: TestRunCaseEntity, change: CaseChange): Promise<void> {
    await this.repo.updateCase(runCase.id, change);
    await settleRun(this.manager, this.repo, run);
  }
}

function toUsage(usage: TokenUsage): Usage {
  return { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUsd: usage.costUsd };
}
