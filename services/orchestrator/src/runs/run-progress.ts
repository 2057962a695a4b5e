import type { EntityManager } from 'typeorm';
import { SimulationOutcome, type TokenUsage, type TopicMessage } from '@sim/contracts';
import type { Database, MessageOnce } from '@sim/persistence';
import { bandFromContract, isTerminalCase, OPEN_CASE_STATUSES } from './domain/run-status';
import { isUuid } from './domain/start-run.input';
import type { RunChanges } from './run-announcer';
import { settleRun } from './run-settlement';
import { caseProgressOf, caseProgressStatement, RunRepository, type CaseChange, type CaseMove, type CaseProgress, type CaseProgressRow, type Usage } from './run.repository';

/** What happened to a message about a case; tests and logs read it, nothing else does. */
export type ProgressOutcome = 'applied' | 'unknown-case' | 'stale-attempt' | 'already-final' | 'not-applicable';

export const SIMULATOR_ERROR_PREFIX = 'The simulated customer broke the test case';

const NO_USAGE: Usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };

/**
 * How the pipeline's messages move a run's cases (and through them the run): conversation
 * started -> RUNNING, conversation over -> EVALUATING (or ERROR), verdict -> COMPLETED (or ERROR).
 *
 * Each message is one move of its case (CaseMove), idempotent on its own: a case only moves
 * forward, a terminal case ignores later messages, and a message of another attempt than
 * the case's current one is stale. Tokens were spent whatever became of the attempt, so
 * they are added to the case and its run in any case; a message that carries them is
 * handled once (its dedupe row goes in with the move), so they are never counted twice.
 *
 * The hot messages move their case in one statement, a tenant transaction of its own
 * (RunRepository.caseProgressStatement, ADR 0017). The rare ones (a run that cannot
 * proceed, a dead letter) run in the caller's transaction.
 */
export class RunProgress {
  constructor(
    private readonly db: Database,
    private readonly runChanges: RunChanges,
  ) {}

  /** An attempt's conversation began: the case is RUNNING (and its run, if it was QUEUED). */
  started(message: TopicMessage<'simulation.started'>): Promise<ProgressOutcome | 'duplicate'> {
    const now = new Date();
    return this.apply(message.tenantId, { ...caseOf(message, undefined, now), from: ['NOT_STARTED'], change: { status: 'RUNNING', startedAt: now } }, null);
  }

  /** The conversation ended: the case waits for its judge, or ends as ERROR. */
  simulationCompleted(tenantId: string, message: TopicMessage<'simulation.completed'>, once: MessageOnce): Promise<ProgressOutcome | 'duplicate'> {
    const now = new Date();
    const base = caseOf(message, message.usage, now);
    if (message.outcome === SimulationOutcome.COMPLETED) {
      return this.apply(tenantId, { ...base, from: ['NOT_STARTED', 'RUNNING'], change: { status: 'EVALUATING', startedAt: now } }, once);
    }
    const error = message.simulatorError
      ? `${SIMULATOR_ERROR_PREFIX}: ${message.simulatorErrorReason || message.error || 'no reason given'}`
      : message.error || `the conversation could not be completed (ended by ${message.endedBy || 'error'})`;
    return this.apply(tenantId, { ...base, from: OPEN_CASE_STATUSES, change: ended(error, message.simulatorError, now) }, once);
  }

  /** The judge's verdict ends the case: scored, or ERROR (its own failure, or one of the simulated customer). */
  evaluationCompleted(tenantId: string, message: TopicMessage<'evaluation.completed'>, once: MessageOnce): Promise<ProgressOutcome | 'duplicate'> {
    const now = new Date();
    let change: CaseChange;
    if (message.simulatorError) {
      // Not the agent's fault: the case is not scored and does not count against the agent.
      change = ended(`${SIMULATOR_ERROR_PREFIX}: ${message.summary || message.error || 'no reason given'}`, true, now);
    } else if (message.error !== undefined) {
      change = ended(message.error || 'the conversation could not be judged', false, now);
    } else {
      const score = Math.max(0, Math.min(100, Math.round(message.score)));
      change = { status: 'COMPLETED', score, band: bandFromContract(message.band, score), error: null, startedAt: now, finishedAt: now, deadlineAt: null };
    }
    return this.apply(tenantId, { ...caseOf(message, message.usage, now), from: OPEN_CASE_STATUSES, change }, once);
  }

  /**
   * Simulation found that the whole run cannot go on: its open cases are SKIPPED and it ends
   * FAILED with the reason. In the caller's transaction, which handles the message once.
   */
  async runCannotProceed(manager: EntityManager, tenantId: string, message: TopicMessage<'simulation.completed'>): Promise<ProgressOutcome> {
    const now = new Date();
    const repo = new RunRepository(manager, tenantId);
    // Moves nothing: locks and reads the case, and adds what the message's step cost.
    const move: CaseMove = { ...caseOf(message, message.usage, now), from: [], change: {} };
    const outcome = this.outcome(tenantId, move, await repo.progressCase(move));
    if (outcome !== 'not-applicable') return outcome as ProgressOutcome;
    await repo.skipOpenCases(message.runId, now);
    const run = await repo.lockRun(message.runId);
    if (run) await settleRun(manager, repo, run, { forceStatus: 'FAILED', failureReason: message.error || 'the run cannot proceed', now });
    return 'applied';
  }

  /**
   * A message about the case was dead-lettered: nothing will move the case any more, so it
   * ends as ERROR with the reason. `attempt` is null when the payload could not be read. In
   * the caller's transaction, which handles the dead letter once.
   */
  async deadLettered(manager: EntityManager, tenantId: string, runId: string | null, runCaseId: string, attempt: number | null, reason: string): Promise<ProgressOutcome> {
    const repo = new RunRepository(manager, tenantId);
    const resolvedRunId = runId ?? (await repo.findCase(runCaseId))?.runId;
    if (!resolvedRunId) return 'unknown-case';
    const now = new Date();
    const move: CaseMove = { runId: resolvedRunId, caseId: runCaseId, attempt, from: OPEN_CASE_STATUSES, change: ended(reason, false, now), usage: NO_USAGE, now };
    return this.outcome(tenantId, move, await repo.progressCase(move)) as ProgressOutcome;
  }

  private async apply(tenantId: string, move: CaseMove, once: MessageOnce | null): Promise<ProgressOutcome | 'duplicate'> {
    if (!isUuid(move.caseId) || !isUuid(move.runId)) return 'unknown-case';
    const { sql, params } = caseProgressStatement(tenantId, move, once);
    const [row] = await this.db.tenantStatement<CaseProgressRow>(tenantId, sql, params);
    return this.outcome(tenantId, move, caseProgressOf(row));
  }

  /** What the move did; a run whose case moved is announced (RunAnnouncer). */
  private outcome(tenantId: string, move: CaseMove, progress: CaseProgress): ProgressOutcome | 'duplicate' {
    if (!progress.fresh) return 'duplicate';
    if (!progress.before) return 'unknown-case';
    if (move.attempt !== null && move.attempt !== progress.before.attempt) return 'stale-attempt';
    if (isTerminalCase(progress.before.status)) return 'already-final';
    if (!progress.run) return 'not-applicable';
    this.runChanges.changed(tenantId, progress.run.id);
    return 'applied';
  }
}

/** The case a message is about, and what its step cost. */
function caseOf(message: { runId: string; runCaseId: string; attempt: number }, usage: TokenUsage | undefined, now: Date) {
  return { runId: message.runId, caseId: message.runCaseId, attempt: message.attempt, usage: usage ? toUsage(usage) : NO_USAGE, now };
}

/** A case ended as ERROR: not scored, and no longer waited for. */
function ended(error: string, simulatorError: boolean, now: Date): CaseChange {
  return { status: 'ERROR', error, simulatorError, score: null, band: null, finishedAt: now, deadlineAt: null };
}

function toUsage(usage: TokenUsage): Usage {
  return { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens, costUsd: usage.costUsd };
}
