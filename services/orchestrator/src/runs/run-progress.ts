import type { EntityManager } from 'typeorm';
import { SimulationOutcome, type TopicMessage, type TokenUsage } from '@sim/contracts';
import { bandFromContract, countsDelta, isActiveRun, isTerminalCase, nextRunStatus } from './domain/run-status';
import type { RunChanges } from './run-announcer';
import { settleRun } from './run-settlement';
import { RunRepository, type CaseChange, type CaseState, type RunTally, type Usage } from './run.repository';

/** What happened to a message about a case; tests and logs read it, nothing else does. */
export type ProgressOutcome = 'applied' | 'unknown-case' | 'stale-attempt' | 'already-final' | 'not-applicable';

export const SIMULATOR_ERROR_PREFIX = 'The simulated customer broke the test case';

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };

/**
 * How the pipeline's messages move a run's cases (and through them the run). Every method
 * runs in the caller's tenant transaction and is idempotent on its own: a case only moves
 * forward, a terminal case ignores later messages, and a message of another attempt than
 * the case's current one is stale.
 *
 * A case's progress locks the case, changes it, then moves the run's counts by that case's
 * delta in one UPDATE (which locks the run's row until commit): the run's lock is held for
 * the last two statements of the transaction only, so the many cases of one run progress
 * side by side, and the handler that closes the last open case sees none open and ends the
 * run. Locks are always taken case first, run second (cancel locks the open cases before
 * the run), so handlers never deadlock.
 */
export class RunProgress {
  private readonly repo: RunRepository;

  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
    private readonly runChanges: RunChanges,
  ) {
    this.repo = new RunRepository(manager, tenantId);
  }

  /** The first turn of an attempt: the case is RUNNING (and its run, if it was QUEUED). */
  async turnTaken(turn: TopicMessage<'simulation.turn'>): Promise<ProgressOutcome> {
    return this.withCase(turn.runId, turn.runCaseId, turn.attempt, null, async (runCase, usage) => {
      if (runCase.status !== 'NOT_STARTED') return 'not-applicable';
      await this.moveCase(runCase, { status: 'RUNNING', startedAt: runCase.startedAt ?? new Date() }, usage);
      return 'applied';
    });
  }

  /** The conversation ended: the case waits for its judge, or ends as ERROR; or the whole run cannot go on. */
  async simulationCompleted(message: TopicMessage<'simulation.completed'>): Promise<ProgressOutcome> {
    return this.withCase(message.runId, message.runCaseId, message.attempt, message.usage, async (runCase, usage) => {
      const now = new Date();
      if (message.runCannotProceed) {
        const reason = message.error || 'the run cannot proceed';
        await this.addUsage(runCase, usage);
        await this.repo.skipOpenCases(runCase.runId, now);
        const run = await this.repo.lockRun(runCase.runId);
        if (run) await settleRun(this.manager, this.repo, run, { forceStatus: 'FAILED', failureReason: reason, now });
        return 'applied';
      }
      if (message.outcome === SimulationOutcome.COMPLETED) {
        if (runCase.status === 'EVALUATING') return 'not-applicable';
        await this.moveCase(runCase, { status: 'EVALUATING', startedAt: runCase.startedAt ?? now }, usage);
        return 'applied';
      }
      const error = message.simulatorError
        ? `${SIMULATOR_ERROR_PREFIX}: ${message.simulatorErrorReason || message.error || 'no reason given'}`
        : message.error || `the conversation could not be completed (ended by ${message.endedBy || 'error'})`;
      await this.endCase(runCase, error, message.simulatorError, now, usage);
      return 'applied';
    });
  }

  /** The judge's verdict ends the case: scored, or ERROR (its own failure, or one of the simulated customer). */
  async evaluationCompleted(message: TopicMessage<'evaluation.completed'>): Promise<ProgressOutcome> {
    return this.withCase(message.runId, message.runCaseId, message.attempt, message.usage, async (runCase, usage) => {
      const now = new Date();
      if (message.simulatorError) {
        // Not the agent's fault: the case is not scored and does not count against the agent.
        await this.endCase(runCase, `${SIMULATOR_ERROR_PREFIX}: ${message.summary || message.error || 'no reason given'}`, true, now, usage);
      } else if (message.error !== undefined) {
        await this.endCase(runCase, message.error || 'the conversation could not be judged', false, now, usage);
      } else {
        const score = Math.max(0, Math.min(100, Math.round(message.score)));
        await this.moveCase(
          runCase,
          { status: 'COMPLETED', score, band: bandFromContract(message.band, score), error: null, startedAt: runCase.startedAt ?? now, finishedAt: now, deadlineAt: null },
          usage,
        );
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
    return this.withCase(resolvedRunId, runCaseId, attempt, null, async (runCase, usage) => {
      await this.endCase(runCase, reason, false, new Date(), usage);
      return 'applied';
    });
  }

  /**
   * Locks the case and hands it to `work` when the message is about its current attempt and
   * it is still open. Tokens were spent whatever became of the attempt (the message is
   * handled once, see handleOnce), so they are added to the case and its run in any case:
   * by `work` along with its change, or here.
   */
  private async withCase(
    runId: string,
    runCaseId: string,
    attempt: number | null,
    spent: TokenUsage | undefined | null,
    work: (runCase: CaseState, usage: Usage) => Promise<ProgressOutcome>,
  ): Promise<ProgressOutcome> {
    const runCase = await this.repo.lockCaseState(runId, runCaseId);
    if (!runCase) return 'unknown-case';
    const usage = spent ? toUsage(spent) : NO_USAGE;
    let outcome: ProgressOutcome;
    if (attempt !== null && attempt !== runCase.attempt) outcome = 'stale-attempt';
    else if (isTerminalCase(runCase.status)) outcome = 'already-final';
    else outcome = await work(runCase, usage);
    if (outcome !== 'applied') await this.addUsage(runCase, usage);
    return outcome;
  }

  private async addUsage(runCase: CaseState, usage: Usage): Promise<void> {
    if (usage.promptTokens === 0 && usage.completionTokens === 0 && usage.costUsd === 0) return;
    await this.repo.addUsage(runCase.runId, runCase.id, usage);
  }

  private endCase(runCase: CaseState, error: string, simulatorError: boolean, now: Date, usage: Usage): Promise<void> {
    return this.moveCase(runCase, { status: 'ERROR', error, simulatorError, score: null, band: null, finishedAt: now, deadlineAt: null }, usage);
  }

  /**
   * Changes the case, moves the run's counts by the difference (which bumps the run's
   * version) and has the run announced: subscribers re-read the run and its cases when it is.
   */
  private async moveCase(runCase: CaseState, change: CaseChange, usage: Usage): Promise<void> {
    const after = { status: change.status ?? runCase.status, band: change.band !== undefined ? change.band : runCase.band, score: change.score !== undefined ? change.score : runCase.score };
    const run = await this.repo.moveCaseAndRun(runCase, change, countsDelta(runCase, after), usage);
    if (!run) throw new Error(`run ${runCase.runId} of case ${runCase.id} vanished while its case was locked`);
    await this.advance(run);
    this.runChanges.changed(this.tenantId, run.id);
  }

  /** Moves the run's status on when its counts say so (QUEUED -> RUNNING, or finished). */
  private async advance(run: RunTally): Promise<RunTally> {
    const now = new Date();
    const counts = { total: run.totalCases, passed: run.passedCases, scored: run.scoredCases, errored: run.erroredCases, open: run.openCases };
    const status = nextRunStatus(run.status, counts, run.startedCases > 0);
    const startedAt = run.startedAt ?? (status !== 'QUEUED' && run.startedCases > 0 ? now : null);
    const finishedAt = run.finishedAt ?? (isActiveRun(status) ? null : now);
    if (status === run.status && startedAt === run.startedAt && finishedAt === run.finishedAt) return run;
    await this.repo.updateRun(run.id, { status, startedAt, finishedAt });
    return { ...run, status, startedAt, finishedAt };
  }
}

function toUsage(usage: TokenUsage): Usage {
  return { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUsd: usage.costUsd };
}
