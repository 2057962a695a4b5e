/** How far a run has got, from the counters a TestRun carries. */
import { isRunActive } from '../../lib/format';

export interface RunCounters {
  id: string;
  status: string;
  createdAt: string;
  totalCases: number;
  scoredCases: number;
  erroredCases: number;
}

/**
 * Cases finished = scored + ended in error. A completed run has finished every case, even one
 * the judge could not score; a cancelled or failed run stops where it was.
 */
export function runProgress(run: RunCounters): { finished: number; total: number; percent: number } {
  const total = run.totalCases;
  const counted = Math.min(total, run.scoredCases + run.erroredCases);
  const finished = run.status === 'COMPLETED' || run.status === 'COMPLETED_WITH_ERRORS' ? total : counted;
  const percent = total === 0 ? (isRunActive(run.status) ? 0 : 100) : Math.round((finished / total) * 100);
  return { finished, total, percent };
}

const STATUS_RANK: Record<string, number> = { QUEUED: 0, RUNNING: 1 };
const rank = (status: string) => STATUS_RANK[status] ?? 2;

/**
 * The most recent view of the tenant's newest run among several sources (the query, the live
 * subscription, the answer to starting a run), which may arrive in any order: a newer run wins;
 * for the same run, the one further along wins, since a run never goes backwards.
 */
export function latestRun<T extends RunCounters>(candidates: (T | null | undefined)[]): T | null {
  let best: T | null = null;
  for (const run of candidates) {
    if (!run) continue;
    if (!best) best = run;
    else if (run.id !== best.id) {
      if (run.createdAt > best.createdAt) best = run;
    } else {
      const ahead = rank(run.status) - rank(best.status) || runProgress(run).finished - runProgress(best).finished;
      if (ahead > 0) best = run;
    }
  }
  return best;
}
