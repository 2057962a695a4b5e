'use client';

import Link from 'next/link';
import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { LastRunFieldsFragment } from '../../gql/graphql';
import { formatPercent, isRunActive, RUN_STATUS_LABELS, runStatusTone } from '../../lib/format';
import { Badge } from '../ui/badge';
import { latestRun, runProgress } from './run-progress';

graphql(`
  fragment LastRunFields on TestRun {
    id
    name
    status
    createdAt
    totalCases
    passedCases
    scoredCases
    erroredCases
    passRate
    failureReason
  }
`);

const LastRunDocument = graphql(`
  query LastRun {
    lastRun {
      ...LastRunFields
    }
  }
`);

const LastRunUpdatedDocument = graphql(`
  subscription LastRunUpdated {
    lastRunUpdated {
      ...LastRunFields
    }
  }
`);

export type LastRun = LastRunFieldsFragment;

/**
 * The tenant's newest run, kept live: the `lastRun` query for the first view, `lastRunUpdated`
 * for every change after, and `announceStarted` for a run this page just started (so the
 * banner shows it at once, before the first push arrives).
 */
export function useLastRun() {
  const [{ data, error }] = useQuery({ query: LastRunDocument });
  const [{ data: live }] = useSubscription({ query: LastRunUpdatedDocument });
  const [started, announceStarted] = useState<LastRun | null>(null);
  const run = latestRun<LastRun>([data?.lastRun, live?.lastRunUpdated, started]);
  return { run, error, announceStarted };
}

/** The Last Run banner: name, status in words, progress, pass rate, and the way to the results. */
export function LastRunBanner({ run }: { run: LastRun | null }) {
  if (!run) return null;
  const { finished, total, percent } = runProgress(run);
  const status = RUN_STATUS_LABELS[run.status] ?? run.status;
  const progressText = `${finished} of ${total} ${total === 1 ? 'case' : 'cases'} finished`;
  return (
    <section className="banner tc-last-run" aria-label="Last Run" data-testid="last-run-banner">
      <div className="tc-last-run-title">
        <span className="muted">Last Run</span> <strong>{run.name}</strong>
      </div>
      <span aria-live="polite" data-testid="last-run-status">
        <Badge tone={runStatusTone(run.status)}>{status}</Badge>
      </span>
      <div className="progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} aria-valuetext={`${progressText} (${percent}%)`}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      <span className="tc-last-run-count">{progressText}</span>
      {run.passRate !== null && run.passRate !== undefined && (
        <span>
          Pass rate <strong>{formatPercent(run.passRate)}</strong> ({run.passedCases} of {run.scoredCases} scored)
        </span>
      )}
      {run.status === 'FAILED' && run.failureReason && <span className="tc-last-run-failure">{run.failureReason}</span>}
      <Link href={`/runs/${run.id}`} className={`button button-small${isRunActive(run.status) ? '' : ' button-primary'}`}>
        View Run
      </Link>
    </section>
  );
}
