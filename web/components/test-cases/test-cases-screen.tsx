'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage } from '../../lib/format';
import { PageHeader } from '../page-header';
import { ConfirmDialog } from '../ui/dialog';
import type { RowAction } from '../ui/row-menu';
import { EmptyState, ErrorState, FormError, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { GenerateDialog } from './generate-dialog';
import { LastRunBanner, useLastRun, type LastRun } from './last-run-banner';
import { hasFilters, listQueryString, parseListParams, toTestCaseFilter, type ListParams } from './list-params';
import { NewTestCaseDialog } from './new-test-case-dialog';
import { useRunCapacity } from './run-capacity';
import type { SelectedCase } from './run-drawer-model';
import { RunTestDrawer } from './run-test-drawer';
import { useTestCaseFacets } from './test-case-facets';
import { TestCaseFilters } from './test-case-filters';
import { TestCaseTable, type TestCaseRow } from './test-case-table';

const PAGE_SIZE = 25;

const TestCaseListDocument = graphql(`
  query TestCaseList($filter: TestCaseFilter, $first: Int, $after: String) {
    testCases(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          type
          intent
          language
          source {
            kind
            ref
          }
          updatedAt
        }
      }
    }
  }
`);

const DuplicateTestCaseDocument = graphql(`
  mutation TestCaseDuplicate($id: ID!) {
    duplicateTestCase(id: $id) {
      id
      name
    }
  }
`);

const DeleteTestCaseDocument = graphql(`
  mutation TestCaseDelete($id: ID!) {
    deleteTestCase(id: $id)
  }
`);

/**
 * The filters as the URL holds them. A change shows at once (a ticked box stays ticked) while the
 * URL catches up; when the URL changes by itself (back button, a shared link) it wins.
 */
function useListParams(): [ListParams, (next: ListParams) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const query = useSearchParams().toString();
  const [shown, setShown] = useState(() => ({ query, params: parseListParams(new URLSearchParams(query)) }));
  let current = shown;
  if (shown.query !== query) {
    current = { query, params: parseListParams(new URLSearchParams(query)) };
    setShown(current);
  }
  const set = useCallback(
    (next: ListParams) => {
      setShown((before) => ({ ...before, params: next }));
      router.replace(`${pathname}${listQueryString(next)}`, { scroll: false });
    },
    [router, pathname],
  );
  return [current.params, set];
}

/** Cursor pages: the `after` of each page visited, so Previous can go back; reset when the filter changes. */
function usePaging(filterKey: string) {
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    next: (cursor: string) => setPaging({ key: filterKey, cursors: [...cursors, cursor] }),
    previous: () => setPaging({ key: filterKey, cursors: cursors.slice(0, -1) }),
  };
}

/**
 * AI → Testing → Test Cases: the Last Run banner, the filtered list with row selection, and
 * the ways in to everything else (New Test Case, Run Test, the row actions).
 */
export function TestCasesScreen() {
  const router = useRouter();
  const toast = useToast();
  const { can } = useAuth();
  const canEdit = can('editor');

  const [params, setParams] = useListParams();
  const filter = useMemo(() => toTestCaseFilter(params), [params]);
  const paging = usePaging(JSON.stringify(filter));

  const { facets, refresh: refreshFacets } = useTestCaseFacets();
  const [{ data, fetching, error }, refetchList] = useQuery({ query: TestCaseListDocument, variables: { filter, first: PAGE_SIZE, after: paging.after } });
  const reload = useCallback(() => {
    refetchList({ requestPolicy: 'network-only' });
    refreshFacets();
  }, [refetchList, refreshFacets]);

  const { run, announceStarted } = useLastRun();
  const capacity = useRunCapacity(run ? `${run.id}:${run.status}` : '');

  const [selection, setSelection] = useState<Map<string, string>>(() => new Map());
  const [dialog, setDialog] = useState<null | 'new' | 'generate'>(null);
  const [generateKey, setGenerateKey] = useState(0);
  const [drawer, setDrawer] = useState<{ open: boolean; key: number; cases: SelectedCase[] }>({ open: false, key: 0, cases: [] });
  const [toDelete, setToDelete] = useState<TestCaseRow | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [, duplicate] = useMutation(DuplicateTestCaseDocument);
  const [deleteState, remove] = useMutation(DeleteTestCaseDocument);

  const rows: TestCaseRow[] = data?.testCases.edges.map((edge) => edge.node) ?? [];
  const total = data?.testCases.totalCount ?? 0;
  const highlighted = useMemo(() => new Set(params.highlight), [params.highlight]);

  const openDrawer = (cases: SelectedCase[]) => setDrawer((d) => ({ open: true, key: d.key + 1, cases }));
  const runDisabledReason = capacity.limitReason ?? (selection.size === 0 ? 'Select at least one test case to run.' : null);

  const toggle = (row: TestCaseRow) =>
    setSelection((current) => {
      const next = new Map(current);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.name);
      return next;
    });
  const toggleAll = (select: boolean) =>
    setSelection((current) => {
      const next = new Map(current);
      for (const row of rows) {
        if (select) next.set(row.id, row.name);
        else next.delete(row.id);
      }
      return next;
    });

  const onDuplicate = async (row: TestCaseRow) => {
    setActionError(null);
    const result = await duplicate({ id: row.id });
    if (result.error || !result.data) return setActionError(`Could not duplicate “${row.name}”: ${errorMessage(result.error)}`);
    toast(`Created “${result.data.duplicateTestCase.name}”`);
    setParams({ ...params, highlight: [result.data.duplicateTestCase.id] });
    reload();
  };

  const onConfirmDelete = async () => {
    if (!toDelete) return;
    const result = await remove({ id: toDelete.id });
    if (result.error) {
      setActionError(`Could not delete “${toDelete.name}”: ${errorMessage(result.error)}`);
    } else {
      toast(`Deleted “${toDelete.name}”`);
      setSelection((current) => {
        const next = new Map(current);
        next.delete(toDelete.id);
        return next;
      });
    }
    setToDelete(null);
    reload();
  };

  const onRunStarted = (started: LastRun) => {
    announceStarted(started);
    setDrawer((d) => ({ ...d, open: false }));
    setSelection(new Map());
    toast(`Run “${started.name}” started`);
  };

  const actionsFor = (row: TestCaseRow): RowAction[] =>
    canEdit
      ? [
          { label: 'Manage Test Case', onSelect: () => router.push(`/test-cases/${row.id}`) },
          { label: 'Run Test Case', onSelect: () => openDrawer([{ id: row.id, name: row.name }]), disabled: capacity.atLimit },
          { label: 'Duplicate Test Case', onSelect: () => void onDuplicate(row) },
          { label: 'Delete Test Case', onSelect: () => setToDelete(row), danger: true },
        ]
      : [{ label: 'View Test Case', onSelect: () => router.push(`/test-cases/${row.id}`) }];

  const actions = canEdit ? (
    <>
      <button type="button" className="button" onClick={() => setDialog('new')}>
        New Test Case
      </button>
      <button
        type="button"
        className="button button-primary"
        disabled={!!runDisabledReason}
        aria-describedby={runDisabledReason ? 'run-test-reason' : undefined}
        onClick={() => openDrawer([...selection].map(([id, name]) => ({ id, name })))}
      >
        Run Test
      </button>
      {runDisabledReason && (
        <span id="run-test-reason" className="disabled-reason" data-testid="run-test-reason">
          {runDisabledReason}
        </span>
      )}
    </>
  ) : null;

  return (
    <>
      <PageHeader title="Test Cases" description="Scenarios for a simulated customer to play against your agent. Select some and run them." actions={actions} />
      <LastRunBanner run={run} />
      <TestCaseFilters params={params} facets={facets} onChange={setParams} />
      <FormError message={actionError} />
      {params.highlight.length > 0 && (
        <p className="notice notice-info tc-highlight-notice">
          {params.highlight.length === 1 ? 'The highlighted test case is new or just changed.' : `The ${params.highlight.length} highlighted test cases are new.`}{' '}
          <button type="button" className="button-link" onClick={() => setParams({ ...params, highlight: [] })}>
            Clear highlight
          </button>
        </p>
      )}
      {canEdit && selection.size > 0 && (
        <p className="tc-selection" aria-live="polite">
          <strong>{selection.size}</strong> {selection.size === 1 ? 'test case' : 'test cases'} selected ·{' '}
          <button type="button" className="button-link" onClick={() => setSelection(new Map())}>
            Clear selection
          </button>
        </p>
      )}

      {error && !data ? (
        <ErrorState message={errorMessage(error)} onRetry={reload} />
      ) : fetching && !data ? (
        <Loading label="Loading test cases…" />
      ) : rows.length === 0 ? (
        hasFilters(params) ? (
          <EmptyState title="No test cases match these filters">
            <p>Try fewer filters or another search.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No test cases yet">
            <p>{canEdit ? 'Click New Test Case to write one yourself or to generate some with AI.' : 'Editors of your organisation can add some.'}</p>
          </EmptyState>
        )
      ) : (
        <>
          <TestCaseTable
            rows={rows}
            selectable={canEdit}
            selected={new Set(selection.keys())}
            highlighted={highlighted}
            onToggle={toggle}
            onToggleAll={toggleAll}
            actionsFor={actionsFor}
          />
          <nav className="pager" aria-label="Pages">
            <span data-testid="test-case-count">
              Showing {(paging.page - 1) * PAGE_SIZE + 1}–{(paging.page - 1) * PAGE_SIZE + rows.length} of {total} {total === 1 ? 'test case' : 'test cases'}
            </span>
            <span className="tc-pager-buttons">
              <button type="button" className="button button-small" disabled={paging.page === 1} onClick={paging.previous}>
                Previous
              </button>
              <button
                type="button"
                className="button button-small"
                disabled={!data?.testCases.pageInfo.hasNextPage}
                onClick={() => data?.testCases.pageInfo.endCursor && paging.next(data.testCases.pageInfo.endCursor)}
              >
                Next
              </button>
            </span>
          </nav>
        </>
      )}

      {canEdit && (
        <>
          <NewTestCaseDialog
            open={dialog === 'new'}
            onClose={() => setDialog(null)}
            onManual={() => {
              setDialog(null);
              router.push('/test-cases/new');
            }}
            onGenerate={() => {
              setGenerateKey((k) => k + 1);
              setDialog('generate');
            }}
          />
          <GenerateDialog
            key={generateKey}
            open={dialog === 'generate'}
            onClose={() => setDialog(null)}
            onCompleted={reload}
            onViewCases={(ids) => {
              setDialog(null);
              setParams({ types: [], languages: [], intents: [], search: '', highlight: ids });
              reload();
            }}
          />
          <RunTestDrawer
            key={drawer.key}
            open={drawer.open}
            initialCases={drawer.cases}
            maxCasesPerRun={capacity.maxCasesPerRun}
            limitReason={capacity.limitReason}
            onClose={() => setDrawer((d) => ({ ...d, open: false }))}
            onStarted={onRunStarted}
          />
          <ConfirmDialog
            open={toDelete !== null}
            title="Delete Test Case"
            message={
              <>
                “{toDelete?.name}” will be deleted permanently. Runs that already used it keep their own copy of it.
              </>
            }
            confirmLabel="Delete Test Case"
            busy={deleteState.fetching}
            onConfirm={() => void onConfirmDelete()}
            onClose={() => setToDelete(null)}
          />
        </>
      )}
    </>
  );
}
