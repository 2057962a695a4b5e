'use client';

import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { TestRunFilter, TestRunStatus } from '../../gql/graphql';
import { errorMessage, formatDateTime, formatPercent, isRunActive } from '../../lib/format';
import { RequiresSimulations } from '../feature-off';
import { PageHeader } from '../page-header';
import { RowMenu, type RowAction } from '../ui/row-menu';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { RunStatusBadge } from './run-badges';
import { useRunActions, type RunActions } from './run-actions';
import { RunsTrend } from './runs-trend';
import { RUN_STATUSES, StatusFilter } from './status-filter';

const PAGE_SIZE = 20;
/** While a run on screen is queued or running, the list also re-reads itself this often. */
const ACTIVE_POLL_MS = 4000;
const SEARCH_DEBOUNCE_MS = 300;

const RunsWidgetsDocument = graphql(`
  query RunsWidgets {
    chatWidgets {
      id
      name
    }
  }
`);

const RunsListDocument = graphql(`
  query RunsList($filter: TestRunFilter, $first: Int, $after: String) {
    testRuns(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          status
          totalCases
          passedCases
          scoredCases
          passRate
          shareUrl
          createdAt
          createdBy
          widget {
            id
            name
          }
        }
      }
    }
  }
`);

const RunsLastRunUpdatedDocument = graphql(`
  subscription RunsLastRunUpdated {
    lastRunUpdated {
      id
      status
      passedCases
      scoredCases
    }
  }
`);

interface Filters {
  widget: string;
  statuses: string[];
  search: string;
}

/** The filters live in the URL (?widget=…&status=A,B&q=…), so a filtered list can be bookmarked and shared. */
function readFilters(params: URLSearchParams): Filters {
  return {
    widget: params.get('widget') ?? '',
    statuses: (params.get('status') ?? '').split(',').filter((s) => RUN_STATUSES.includes(s)),
    search: params.get('q') ?? '',
  };
}

function toApiFilter(filters: Filters): TestRunFilter {
  const filter: TestRunFilter = {};
  if (filters.widget) filter.widgetIds = [filters.widget];
  if (filters.statuses.length) filter.statuses = filters.statuses as TestRunStatus[];
  if (filters.search.trim()) filter.search = filters.search.trim();
  return filter;
}

/** The Test Runs page: run history with Widget and Status filters, search, and each widget's pass-rate trend. */
export function RunsListPage() {
  const searchParams = useSearchParams();
  const pathname = usePathname();
  const router = useRouter();
  // The URL is the truth, mirrored here so a control shows its new value at once, before the
  // router has replaced the URL (a controlled checkbox would otherwise spring back for a moment).
  const urlKey = JSON.stringify(readFilters(new URLSearchParams(searchParams.toString())));
  const [filters, setLocalFilters] = useState<Filters>(() => JSON.parse(urlKey));
  useEffect(() => setLocalFilters(JSON.parse(urlKey)), [urlKey]);
  const [{ data: widgetData }] = useQuery({ query: RunsWidgetsDocument });
  const widgets = widgetData?.chatWidgets ?? [];
  const actions = useRunActions();
  const [listVersion, setListVersion] = useState('');

  const setFilters = (next: Partial<Filters>) => {
    const merged = { ...filters, ...next };
    setLocalFilters(merged);
    const params = new URLSearchParams();
    if (merged.widget) params.set('widget', merged.widget);
    if (merged.statuses.length) params.set('status', merged.statuses.join(','));
    if (merged.search) params.set('q', merged.search);
    const query = params.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };

  const clearFilters = () => setFilters({ widget: '', statuses: [], search: '' });

  // The trend needs one widget: the one filtered on, or the tenant's only one.
  const trendWidget = filters.widget ? widgets.find((w) => w.id === filters.widget) : widgets.length === 1 ? widgets[0] : undefined;
  const apiFilter = toApiFilter(filters);
  const filterKey = JSON.stringify(apiFilter);
  const filtered = filterKey !== '{}';

  return (
    <>
      <PageHeader title="Test Runs" description="Every run of your test cases against a chat widget. Click a run to see its pass rate, scores and transcripts." />
      <RequiresSimulations>
        {actions.error}
        <div className="filters runs-filters" role="search" aria-label="Filter test runs">
          <FilterField label="Widget">
            {(id) => (
              <select id={id} value={filters.widget} onChange={(event) => setFilters({ widget: event.target.value })}>
                <option value="">All widgets</option>
                {widgets.map((widget) => (
                  <option key={widget.id} value={widget.id}>
                    {widget.name}
                  </option>
                ))}
                {filters.widget && !widgets.some((w) => w.id === filters.widget) && widgetData && <option value={filters.widget}>Deleted widget</option>}
              </select>
            )}
          </FilterField>
          <StatusFilter value={filters.statuses} onChange={(statuses) => setFilters({ statuses })} />
          <SearchBox value={filters.search} onSearch={(search) => setFilters({ search })} />
          {filtered && (
            <button type="button" className="button" onClick={clearFilters}>
              Clear filters
            </button>
          )}
        </div>
        {trendWidget ? (
          <RunsTrend widgetId={trendWidget.id} widgetName={trendWidget.name} refreshKey={listVersion} />
        ) : (
          widgets.length > 1 && <p className="muted runs-trend-hint">Choose one widget in the filter to see its pass-rate trend.</p>
        )}
        <RunsTable
          key={filterKey}
          filter={apiFilter}
          filtered={filtered}
          actions={actions}
          onClearFilters={clearFilters}
          onVersion={setListVersion}
        />
        {actions.dialogs}
      </RequiresSimulations>
    </>
  );
}

/** A filter's label and control; filters are optional by nature, so they are not marked so. */
function FilterField({ label, children }: { label: string; children(id: string): ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch(value: string): void }) {
  const [text, setText] = useState(value);
  const search = useRef(onSearch);
  useEffect(() => {
    search.current = onSearch;
  });
  // Follow the URL when it changes from elsewhere (Back, Clear filters).
  useEffect(() => setText(value), [value]);
  // Search once the user pauses typing, not on every key.
  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => search.current(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <FilterField label="Search">
      {(id) => <input id={id} type="search" value={text} onChange={(event) => setText(event.target.value)} placeholder="Words in the run name" />}
    </FilterField>
  );
}

function RunsTable({
  filter,
  filtered,
  actions,
  onClearFilters,
  onVersion,
}: {
  filter: TestRunFilter;
  filtered: boolean;
  actions: RunActions;
  onClearFilters(): void;
  onVersion(version: string): void;
}) {
  const router = useRouter();
  // Cursors of the pages seen so far: Previous goes back one, Next follows endCursor.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refetch] = useQuery({ query: RunsListDocument, variables: { filter, first: PAGE_SIZE, after } });
  const runs = useMemo(() => data?.testRuns.edges.map((edge) => edge.node) ?? [], [data]);
  const anyActive = runs.some((run) => isRunActive(run.status));

  // Live: the newest run's changes arrive by subscription; older active runs are polled.
  const [lastRun] = useSubscription({ query: RunsLastRunUpdatedDocument });
  useEffect(() => {
    if (lastRun.data) refetch({ requestPolicy: 'network-only' });
  }, [lastRun.data, refetch]);
  useEffect(() => {
    if (!anyActive) return;
    const timer = setInterval(() => refetch({ requestPolicy: 'network-only' }), ACTIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [anyActive, refetch]);

  const version = runs.map((run) => `${run.id}:${run.status}:${run.passRate}`).join('|');
  useEffect(() => onVersion(version), [version, onVersion]);

  if (error && !data) return <ErrorState message={`The test runs could not be loaded: ${errorMessage(error)}`} onRetry={() => refetch({ requestPolicy: 'network-only' })} />;
  if (!data) return <Loading label="Loading test runs…" />;

  const total = data.testRuns.totalCount;
  if (total === 0 || runs.length === 0) {
    return filtered ? (
      <EmptyState title="No runs match these filters">
        <button type="button" className="button" onClick={onClearFilters}>
          Clear filters
        </button>
      </EmptyState>
    ) : (
      <EmptyState title="No test runs yet">
        <p>
          Select test cases on the <Link href="/test-cases">Test Cases</Link> page and click Run Test. Runs appear here as they start.
        </p>
      </EmptyState>
    );
  }

  const first = (cursors.length - 1) * PAGE_SIZE + 1;
  const rowActions = (run: (typeof runs)[number]): RowAction[] => {
    const list: RowAction[] = [];
    if (actions.canWrite) list.push({ label: 'Rerun Test', onSelect: () => void actions.rerun(run), disabled: actions.rerunning });
    list.push({ label: 'Copy Share Link', onSelect: () => void actions.copyShareLink(run) });
    if (actions.canWrite && isRunActive(run.status)) list.push({ label: 'Cancel Run', danger: true, onSelect: () => actions.askCancel(run) });
    return list;
  };

  return (
    <>
      <div className="table-wrap runs-table-wrap">
        <table className="table runs-table" aria-busy={fetching}>
          <caption className="visually-hidden">Test runs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Widget</th>
              <th scope="col" className="num">
                Cases
              </th>
              <th scope="col" className="num">
                Pass rate
              </th>
              <th scope="col">Status</th>
              <th scope="col">Created</th>
              <th scope="col" className="col-actions">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr
                key={run.id}
                className="clickable"
                data-testid="run-row"
                onClick={(event) => {
                  // The name link and the menu handle their own clicks.
                  if ((event.target as HTMLElement).closest('a, button, [role="menu"]')) return;
                  router.push(`/runs/${run.id}`);
                }}
              >
                <td>
                  <Link href={`/runs/${run.id}`} className="run-name">
                    {run.name}
                  </Link>
                </td>
                <td>{run.widget?.name ?? <span className="muted">Deleted widget</span>}</td>
                <td className="num">{run.totalCases}</td>
                <td className="num">
                  {formatPercent(run.passRate)}
                  {run.scoredCases > 0 && <div className="runs-cell-note">{`${run.passedCases} of ${run.totalCases} passed`}</div>}
                </td>
                <td>
                  <RunStatusBadge status={run.status} />
                </td>
                <td>
                  {formatDateTime(run.createdAt)}
                  <div className="runs-cell-note">by {run.createdBy}</div>
                </td>
                <td className="col-actions">
                  <RowMenu label={`Actions for ${run.name}`} actions={rowActions(run)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <span aria-live="polite">
          Showing {first}–{first + runs.length - 1} of {total} {total === 1 ? 'run' : 'runs'}
        </span>
        <span className="page-actions">
          <button type="button" className="button button-small" disabled={cursors.length === 1} onClick={() => setCursors((list) => list.slice(0, -1))}>
            Previous
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={!data.testRuns.pageInfo.hasNextPage}
            onClick={() => setCursors((list) => [...list, data.testRuns.pageInfo.endCursor ?? null])}
          >
            Next
          </button>
        </span>
      </div>
    </>
  );
}
