'use client';

import { useEffect, useRef } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { GenerateJobFieldsFragment } from '../../gql/graphql';
import { errorMessage, JOB_STATUS_LABELS } from '../../lib/format';
import { Badge } from '../ui/badge';
import { ErrorState, Loading } from '../ui/states';

graphql(`
  fragment GenerateJobFields on GenerationJob {
    id
    status
    requested
    created
    error
    testCases {
      id
      name
    }
  }
`);

const GenerationJobDocument = graphql(`
  query GenerateJob($id: ID!) {
    generationJob(id: $id) {
      ...GenerateJobFields
    }
  }
`);

const GenerationJobUpdatedDocument = graphql(`
  subscription GenerateJobUpdated($id: ID!) {
    generationJobUpdated(id: $id) {
      ...GenerateJobFields
    }
  }
`);

export type GenerationJobView = GenerateJobFieldsFragment;

const RANK: Record<string, number> = { QUEUED: 0, RUNNING: 1 };
const isDone = (status: string) => status === 'COMPLETED' || status === 'FAILED';

/** The further-along of two views of one job (query and subscription answers can arrive in either order). */
function furthest(a: GenerationJobView | null | undefined, b: GenerationJobView | null | undefined): GenerationJobView | null {
  if (!a || !b) return a ?? b ?? null;
  const rankA = RANK[a.status] ?? 2;
  const rankB = RANK[b.status] ?? 2;
  return rankB > rankA || (rankB === rankA && b.created > a.created) ? b : a;
}

/** While a job runs, the query is read again now and then: a push missed before the subscription was open must not leave the view waiting. */
const FALLBACK_POLL_MS = 3000;

/**
 * A generation job followed live: `generationJob` for where it is now, `generationJobUpdated` for
 * each change. Shows status in words and created-of-requested; once COMPLETED, offers the new
 * cases; once FAILED, says why.
 */
export function GenerationProgress({
  started,
  onViewCases,
  onRetry,
  onCompleted,
  onSettled,
}: {
  started: GenerationJobView;
  onViewCases(ids: string[]): void;
  onRetry(): void;
  /** Once, when the job has created its cases (the list behind the dialog reloads then). */
  onCompleted(): void;
  /** Once, when the job has ended either way. */
  onSettled(): void;
}) {
  const variables = { id: started.id };
  const [{ data, error }, refetch] = useQuery({ query: GenerationJobDocument, variables });
  const [{ data: live }] = useSubscription({ query: GenerationJobUpdatedDocument, variables });
  const job = furthest(furthest(started, data?.generationJob), live?.generationJobUpdated);
  const done = job ? isDone(job.status) : false;

  const completed = job?.status === 'COMPLETED';
  const reported = useRef(false);
  useEffect(() => {
    if (!done || reported.current) return;
    reported.current = true;
    if (completed) onCompleted();
    onSettled();
  }, [done, completed, onCompleted, onSettled]);

  useEffect(() => {
    if (done) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), FALLBACK_POLL_MS);
    return () => clearInterval(timer);
  }, [done, refetch]);

  if (!job) return error ? <ErrorState message={errorMessage(error)} /> : <Loading label="Starting…" />;

  const percent = job.requested > 0 ? Math.min(100, Math.round(((done ? job.requested : job.created) / job.requested) * 100)) : 0;
  return (
    <div className="tc-generation" data-testid="generation-progress">
      <p aria-live="polite">
        Status: <Badge tone={job.status === 'COMPLETED' ? 'good' : job.status === 'FAILED' ? 'bad' : 'info'}>{JOB_STATUS_LABELS[job.status] ?? job.status}</Badge>{' '}
        <span data-testid="generation-count">
          {job.created} of {job.requested} test cases created
        </span>
      </p>
      <div className="progress" role="progressbar" aria-label="Generation progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
        <div className="progress-bar" style={{ width: `${percent}%` }} />
      </div>
      {job.status === 'COMPLETED' && (
        <div className="tc-generation-result">
          <p>
            {job.created === 0
              ? 'No new test cases: the source gave nothing that your list does not already cover.'
              : `${job.created} new test ${job.created === 1 ? 'case is' : 'cases are'} in your list.`}
            {job.created > 0 && job.created < job.requested && ' Fewer than asked for: the source ran out of new material, or some cases would have repeated ones you already have.'}
          </p>
          {job.testCases.length > 0 && (
            <button type="button" className="button button-primary" onClick={() => onViewCases(job.testCases.map((testCase) => testCase.id))}>
              View cases
            </button>
          )}
        </div>
      )}
      {job.status === 'FAILED' && (
        <div className="state-error" role="alert">
          <p>Generation failed: {job.error ?? 'no reason was given.'}</p>
          <button type="button" className="button" onClick={onRetry}>
            Change the settings and try again
          </button>
        </div>
      )}
    </div>
  );
}
