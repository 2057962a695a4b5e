'use client';

import { useEffect, useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { RunResultsRunFragment } from '../../gql/graphql';
import { isRunActive } from '../../lib/format';

/** A run holds at most maxCasesPerRun cases (1000 at most): one page shows them all. */
const ALL_CASES = 1000;
/** Safety net while a run is active: an update missed between loading and subscribing is caught up. */
const ACTIVE_POLL_MS = 5000;

graphql(`
  fragment RunResultsRun on TestRun {
    id
    name
    status
    failureReason
    totalCases
    passedCases
    scoredCases
    erroredCases
    passRate
    shareUrl
    createdBy
    createdAt
    startedAt
    finishedAt
    chatUrl
    languageOverride
    maxTurns
    metadata
    widget {
      id
      name
      connector
    }
    rerunOf {
      id
      name
    }
    usage {
      promptTokens
      completionTokens
      costUsd
    }
    cases(first: $casesFirst) {
      totalCount
      edges {
        cursor
        node {
          id
          name
          position
          status
          score
          band
          error
          simulatorError
          finishedAt
          testCase {
            id
          }
        }
      }
    }
  }
`);

const RunResultsDocument = graphql(`
  query RunResults($id: ID!, $casesFirst: Int!) {
    testRun(id: $id) {
      ...RunResultsRun
    }
  }
`);

const RunResultsUpdatedDocument = graphql(`
  subscription RunResultsUpdated($id: ID!, $casesFirst: Int!) {
    testRunUpdated(id: $id) {
      ...RunResultsRun
    }
  }
`);

export type LiveRun = RunResultsRunFragment;
export type LiveRunCase = LiveRun['cases']['edges'][number]['node'];

export interface LiveRunState {
  run: LiveRun | null;
  loading: boolean;
  /** NOT_FOUND: no such run, or another tenant's. */
  notFound: boolean;
  error: { message: string; graphQLErrors?: { message: string }[]; networkError?: Error } | null;
  retry(): void;
}

/**
 * A run and its cases, kept current while it goes: every `testRunUpdated` event carries the
 * whole run (the gateway re-reads our selection), and whichever of query or event arrived last
 * is what is shown. A run that finished before the page opened simply never sends an event.
 */
export function useLiveRun(id: string): LiveRunState {
  const variables = { id, casesFirst: ALL_CASES };
  const [query, refetch] = useQuery({ query: RunResultsDocument, variables });
  const [subscription] = useSubscription({ query: RunResultsUpdatedDocument, variables });
  const [run, setRun] = useState<LiveRun | null>(null);

  useEffect(() => {
    if (query.data?.testRun) setRun(query.data.testRun);
  }, [query.data]);
  useEffect(() => {
    if (subscription.data?.testRunUpdated) setRun(subscription.data.testRunUpdated);
  }, [subscription.data]);

  const active = run ? isRunActive(run.status) : false;
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), ACTIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [active, refetch]);

  const notFound =
    (query.error?.graphQLErrors.some((e) => e.extensions?.code === 'NOT_FOUND' || e.extensions?.code === 'BAD_USER_INPUT') ?? false) ||
    (query.data !== undefined && query.data.testRun === null);

  return {
    run: run?.id === id ? run : null,
    loading: query.fetching && !run,
    notFound: notFound && !run,
    error: run ? null : (query.error ?? null),
    retry: () => refetch({ requestPolicy: 'network-only' }),
  };
}
