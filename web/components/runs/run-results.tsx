'use client';

import Link from 'next/link';
import { useState } from 'react';
import { errorMessage, formatDateTime, isRunActive } from '../../lib/format';
import { RequiresSimulations } from '../feature-off';
import { PageHeader } from '../page-header';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { ConversationPanel } from './conversation-panel';
import { PassRatePanel } from './pass-rate-panel';
import { useRunActions } from './run-actions';
import { RunStatusBadge } from './run-badges';
import { RunCasesTable } from './run-cases-table';
import { RunConfiguration } from './run-configuration';
import { Tabs } from './tabs';
import { useLiveRun, type LiveRun } from './use-live-run';

const breadcrumb = <Link href="/runs">Test Runs</Link>;

/** The Test Run Results page: pass rate, scores and transcripts, updating live while the run goes. */
export function RunResultsPage({ id }: { id: string }) {
  const { run, loading, notFound, error, retry } = useLiveRun(id);

  if (notFound) {
    return (
      <>
        <PageHeader title="Run not found" breadcrumb={breadcrumb} />
        <EmptyState title="Run not found">
          <p>This test run does not exist, or it belongs to another organisation. Check the link you followed.</p>
          <Link href="/runs" className="button">
            Go to Test Runs
          </Link>
        </EmptyState>
      </>
    );
  }
  if (error) {
    return (
      <>
        <PageHeader title="Test Run Results" breadcrumb={breadcrumb} />
        <ErrorState message={`The run could not be loaded: ${errorMessage(error)}`} onRetry={retry} />
      </>
    );
  }
  if (loading || !run) {
    return (
      <>
        <PageHeader title="Test Run Results" breadcrumb={breadcrumb} />
        <Loading label="Loading the run…" />
      </>
    );
  }
  return (
    <RequiresSimulations>
      <RunResults run={run} />
    </RequiresSimulations>
  );
}

function RunResults({ run }: { run: LiveRun }) {
  const actions = useRunActions();
  const [tab, setTab] = useState('results');
  const [openCaseId, setOpenCaseId] = useState<string | null>(null);
  const edges = run.cases.edges;
  const openIndex = edges.findIndex((edge) => edge.node.id === openCaseId);
  const active = isRunActive(run.status);

  const headerActions = (
    <>
      {actions.canWrite && active && (
        <button type="button" className="button" onClick={() => actions.askCancel(run)}>
          Cancel Run
        </button>
      )}
      <button type="button" className="button" onClick={() => void actions.copyShareLink(run)}>
        Share Link
      </button>
      {actions.canWrite && (
        <button type="button" className="button button-primary" onClick={() => void actions.rerun(run)} disabled={actions.rerunning}>
          {actions.rerunning ? 'Starting rerun…' : 'Rerun Test'}
        </button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title={run.name}
        breadcrumb={breadcrumb}
        actions={headerActions}
        description={
          <span className="run-meta">
            <span aria-live="polite">
              <RunStatusBadge status={run.status} />
            </span>
            <span>{run.widget?.name ?? 'Deleted widget'}</span>
            <span>
              {formatDateTime(run.createdAt)} by {run.createdBy}
            </span>
          </span>
        }
      />
      {actions.error}
      {run.status === 'FAILED' && (
        <div className="notice notice-warn" role="note">
          <strong>The run could not complete.</strong> {run.failureReason ?? 'No reason was recorded.'}
        </div>
      )}
      {run.status === 'CANCELLED' && (
        <div className="notice notice-info" role="note">
          This run was cancelled{run.finishedAt ? ` on ${formatDateTime(run.finishedAt)}` : ''}. Cases that had not finished are Skipped.
        </div>
      )}
      <Tabs
        label="Run details"
        selected={tab}
        onSelect={setTab}
        tabs={[
          {
            id: 'results',
            label: 'Results',
            content: (
              <>
                <PassRatePanel run={run} />
                <h2 className="runs-section-title">Test cases</h2>
                {edges.length === 0 ? (
                  <EmptyState title="This run has no test cases" />
                ) : (
                  <RunCasesTable cases={edges.map((edge) => edge.node)} selectedId={openCaseId} onOpen={setOpenCaseId} />
                )}
              </>
            ),
          },
          { id: 'configuration', label: 'Configuration Details', content: <RunConfiguration run={run} /> },
        ]}
      />
      <ConversationPanel
        runId={run.id}
        runCase={openIndex >= 0 ? edges[openIndex].node : null}
        after={openIndex > 0 ? edges[openIndex - 1].cursor : null}
        onClose={() => setOpenCaseId(null)}
      />
      {actions.dialogs}
    </>
  );
}
