'use client';

import { useEffect, useRef } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { formatDateTime, isRunActive } from '../../lib/format';
import { PassRateTrendChart, type TrendPoint } from '../charts/pass-rate-trend-chart';
import { ErrorState, Loading } from '../ui/states';

/** How many of a widget's newest runs the trend shows. */
const TREND_RUNS = 30;

const RunsTrendDocument = graphql(`
  query RunsTrend($widgetId: ID!, $first: Int!) {
    testRuns(filter: { widgetIds: [$widgetId] }, first: $first) {
      edges {
        node {
          id
          name
          status
          passRate
          createdAt
        }
      }
    }
  }
`);

/**
 * The pass-rate trend of one widget: its finished runs that have a pass rate, oldest to newest.
 * Active runs are left out: their pass rate still moves.
 */
export function RunsTrend({ widgetId, widgetName, refreshKey }: { widgetId: string; widgetName: string; refreshKey: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: RunsTrendDocument, variables: { widgetId, first: TREND_RUNS } });

  // The list saw a run change (one finished, a new one started): the trend follows.
  const seenKey = useRef(refreshKey);
  useEffect(() => {
    if (seenKey.current === refreshKey) return;
    seenKey.current = refreshKey;
    refetch({ requestPolicy: 'network-only' });
  }, [refreshKey, refetch]);

  let body;
  if (error) body = <ErrorState message="The pass-rate trend could not be loaded." onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  else if (!data && fetching) body = <Loading label="Loading the trend…" />;
  else {
    const points: TrendPoint[] = (data?.testRuns.edges ?? [])
      .map((edge) => edge.node)
      .filter((run) => run.passRate !== null && run.passRate !== undefined && !isRunActive(run.status))
      .reverse()
      .map((run) => ({ label: run.name, when: formatDateTime(run.createdAt), value: run.passRate as number }));
    body =
      points.length === 0 ? (
        <p className="muted">No finished run of this widget has a pass rate yet.</p>
      ) : (
        <PassRateTrendChart subject={widgetName} points={points} />
      );
  }

  return (
    <section className="panel runs-trend" aria-labelledby="runs-trend-title">
      <h2 id="runs-trend-title">Pass rate trend · {widgetName}</h2>
      {body}
    </section>
  );
}
