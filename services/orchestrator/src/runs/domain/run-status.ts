import { ScoreBand, TestRunStatus } from '@sim/contracts';

/** API.md `TestRunStatus`. */
export const RunStatuses = ['QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'] as const;
export type RunStatus = (typeof RunStatuses)[number];

/** API.md `TestRunCaseStatus`. */
export const RunCaseStatuses = ['NOT_STARTED', 'RUNNING', 'EVALUATING', 'COMPLETED', 'ERROR', 'SKIPPED'] as const;
export type RunCaseStatus = (typeof RunCaseStatuses)[number];

/** API.md `ScoreBand`: PASSED >= 80, NEEDS_ATTENTION 50-79, FAILED < 50. */
export const ScoreBands = ['PASSED', 'NEEDS_ATTENTION', 'FAILED'] as const;
export type ScoreBandName = (typeof ScoreBands)[number];

/** Runs that count against a tenant's `maxActiveRuns`. */
export const ACTIVE_RUN_STATUSES: readonly RunStatus[] = ['QUEUED', 'RUNNING'];
export const OPEN_CASE_STATUSES: readonly RunCaseStatus[] = ['NOT_STARTED', 'RUNNING', 'EVALUATING'];

export function isActiveRun(status: RunStatus): boolean {
  return ACTIVE_RUN_STATUSES.includes(status);
}

/** A terminal case ignores every later message about it. */
export function isTerminalCase(status: RunCaseStatus): boolean {
  return !OPEN_CASE_STATUSES.includes(status);
}

export function bandForScore(score: number): ScoreBandName {
  if (score >= 80) return 'PASSED';
  if (score >= 50) return 'NEEDS_ATTENTION';
  return 'FAILED';
}

/** The judge's band when it sent one, else the band its score falls in. */
export function bandFromContract(band: ScoreBand, score: number): ScoreBandName {
  switch (band) {
    case ScoreBand.PASSED:
      return 'PASSED';
    case ScoreBand.NEEDS_ATTENTION:
      return 'NEEDS_ATTENTION';
    case ScoreBand.FAILED:
      return 'FAILED';
    default:
      return bandForScore(score);
  }
}

export interface RunCounts {
  total: number;
  passed: number;
  scored: number;
  errored: number;
  open: number;
}

/**
 * What one case adds to its run's counts (RunCounts, and whether it started): passed when
 * COMPLETED in the PASSED band, scored when COMPLETED with a score, errored when ERROR, open
 * while NOT_STARTED, RUNNING or EVALUATING, started once not NOT_STARTED. Applied in SQL, to
 * recount a run (RunRepository.countsOf) and to move it by one case (caseProgressStatement).
 */
export interface CaseContribution {
  passed: number;
  scored: number;
  errored: number;
  open: number;
  started: number;
}

/** 0-100, or null while no case has been scored. */
export function passRate(passed: number, scored: number): number | null {
  return scored === 0 ? null : (passed / scored) * 100;
}

/**
 * Where an active run goes given its cases: it finishes once no case is open, with errors if
 * any case ended as ERROR. Cancelled and failed runs keep their status.
 */
export function nextRunStatus(current: RunStatus, counts: RunCounts, anyCaseStarted: boolean): RunStatus {
  if (!isActiveRun(current)) return current;
  if (counts.open === 0) return counts.errored > 0 ? 'COMPLETED_WITH_ERRORS' : 'COMPLETED';
  if (current === 'QUEUED' && anyCaseStarted) return 'RUNNING';
  return current;
}

/**
 * nextRunStatus in SQL, for the row `run` of test_run whose counts move by `delta` (columns
 * open, errored and started): the status the run has once they moved. A case's move sets it
 * in the same statement as the counts (RunRepository.caseProgressStatement).
 */
export function nextRunStatusSql(run: string, delta: string): string {
  const active = ACTIVE_RUN_STATUSES.map((status) => `'${status}'`).join(', ');
  return `(CASE WHEN ${run}.status NOT IN (${active}) THEN ${run}.status
     WHEN ${run}.open_cases + ${delta}.open = 0 THEN (CASE WHEN ${run}.errored_cases + ${delta}.errored > 0 THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END)
     WHEN ${run}.status = 'QUEUED' AND ${run}.started_cases + ${delta}.started > 0 THEN 'RUNNING'
     ELSE ${run}.status END)`;
}

export const runStatusToContract: Record<RunStatus, TestRunStatus> = {
  QUEUED: TestRunStatus.QUEUED,
  RUNNING: TestRunStatus.RUNNING,
  COMPLETED: TestRunStatus.COMPLETED,
  COMPLETED_WITH_ERRORS: TestRunStatus.COMPLETED_WITH_ERRORS,
  FAILED: TestRunStatus.FAILED,
  CANCELLED: TestRunStatus.CANCELLED,
};
