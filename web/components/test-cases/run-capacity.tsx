'use client';

import { useEffect } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { useTenantSettings } from '../../lib/tenant-settings';

const ActiveRunsDocument = graphql(`
  query LastRunActiveRuns {
    testRuns(filter: { statuses: [QUEUED, RUNNING] }, first: 1) {
      totalCount
    }
  }
`);

/**
 * Whether the tenant may start another run: queued + running runs against `maxActiveRuns`.
 * `changeKey` (the last run's id and status) changes when a run starts or ends, and the count
 * is read again then. The gateway enforces the limit regardless; this only explains it early.
 */
export function useRunCapacity(changeKey: string) {
  const { settings } = useTenantSettings();
  const [{ data }, refetch] = useQuery({ query: ActiveRunsDocument });

  useEffect(() => {
    if (changeKey) refetch({ requestPolicy: 'network-only' });
  }, [changeKey, refetch]);

  const active = data?.testRuns.totalCount ?? 0;
  const max = settings?.maxActiveRuns ?? null;
  const atLimit = max !== null && active >= max;
  return {
    active,
    max,
    maxCasesPerRun: settings?.maxCasesPerRun ?? null,
    atLimit,
    limitReason: !atLimit ? null : max === 0 ? 'Your organisation may not start runs at the moment (its run limit is 0).' : `Run limit reached: ${active} of ${max} active runs are queued or running. Wait for one to finish.`,
  };
}
