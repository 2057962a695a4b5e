import type { EntityManager } from 'typeorm';
import { isActiveRun, nextRunStatus, type RunStatus } from './domain/run-status';
import { announceRun } from './run-events';
import type { TestRunEntity } from './run.entities';
import type { RunRepository } from './run.repository';

/**
 * How a run changes after several of its cases changed at once (cancel, a run that cannot
 * proceed, the deadline sweeper): counts recomputed from the cases, the status moved on
 * (runStatusAfter), the version bumped and `run.updated` enqueued. The caller holds the
 * run's row lock (RunRepository.lockRun). One case's progress moves the run by that case's
 * delta instead (RunProgress), which adds up to the same counts.
 *
 * `forceStatus` ends a run on purpose (CANCELLED, FAILED) whatever its cases say.
 */
export async function settleRun(
  manager: EntityManager,
  repo: RunRepository,
  run: TestRunEntity,
  options: { forceStatus?: RunStatus; failureReason?: string; now?: Date } = {},
): Promise<TestRunEntity> {
  const now = options.now ?? new Date();
  const counts = await repo.countsOf(run.id);
  const status = options.forceStatus ?? nextRunStatus(run.status, counts, counts.started > 0);
  const next: TestRunEntity = {
    ...run,
    status,
    totalCases: counts.total,
    passedCases: counts.passed,
    scoredCases: counts.scored,
    erroredCases: counts.errored,
    openCases: counts.open,
    startedCases: counts.started,
    startedAt: run.startedAt ?? (status !== 'QUEUED' && counts.started > 0 ? now : null),
    finishedAt: run.finishedAt ?? (isActiveRun(status) ? null : now),
    failureReason: options.failureReason ?? run.failureReason,
    version: run.version + 1,
  };
  await repo.updateRun(run.id, {
    status: next.status,
    totalCases: next.totalCases,
    passedCases: next.passedCases,
    scoredCases: next.scoredCases,
    erroredCases: next.erroredCases,
    openCases: next.openCases,
    startedCases: next.startedCases,
    startedAt: next.startedAt,
    finishedAt: next.finishedAt,
    failureReason: next.failureReason,
    version: next.version,
  });
  await announceRun(manager, next, now);
  return next;
}
