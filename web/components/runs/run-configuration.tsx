import Link from 'next/link';
import { formatDateTime, languageName } from '../../lib/format';
import type { LiveRun } from './use-live-run';

const CONNECTOR_LABELS: Record<string, string> = { DEMO: 'Built-in demo agent', HTTP: 'HTTP webhook', OPENAI: 'OpenAI-compatible agent', RASA: 'Rasa' };

/** The Configuration Details tab: how the run was set up, who ran it and when. */
export function RunConfiguration({ run }: { run: LiveRun }) {
  const metadata = run.metadata === null || run.metadata === undefined ? null : JSON.stringify(run.metadata, null, 2);
  const usd = run.usage.costUsd > 0 ? ` · about $${run.usage.costUsd.toFixed(4)}` : '';
  return (
    <section aria-labelledby="configuration-title" className="run-configuration">
      <h2 id="configuration-title" className="visually-hidden">
        Configuration details
      </h2>
      <dl className="details-list" data-testid="run-configuration">
        <dt>Chat Widget</dt>
        <dd>
          {run.widget ? (
            <>
              {run.widget.name} <span className="muted">({CONNECTOR_LABELS[run.widget.connector] ?? run.widget.connector})</span>
            </>
          ) : (
            <span className="muted">The widget has been deleted.</span>
          )}
        </dd>
        <dt>Chat URL</dt>
        <dd>{run.chatUrl ? <code>{run.chatUrl}</code> : <span className="muted">None</span>}</dd>
        <dt>Metadata</dt>
        <dd>{metadata ? <pre className="metadata">{metadata}</pre> : <span className="muted">None</span>}</dd>
        <dt>Language override</dt>
        <dd>{run.languageOverride ? languageName(run.languageOverride) : <span className="muted">None: each case used its own language</span>}</dd>
        <dt>Turn limit</dt>
        <dd>{run.maxTurns} turns per conversation</dd>
        <dt>Run by</dt>
        <dd data-testid="run-by">{run.createdBy}</dd>
        <dt>Created</dt>
        <dd>{formatDateTime(run.createdAt)}</dd>
        <dt>Started</dt>
        <dd>{run.startedAt ? formatDateTime(run.startedAt) : <span className="muted">Not yet</span>}</dd>
        <dt>Finished</dt>
        <dd>{run.finishedAt ? formatDateTime(run.finishedAt) : <span className="muted">Not yet</span>}</dd>
        <dt>Rerun of</dt>
        <dd>{run.rerunOf ? <Link href={`/runs/${run.rerunOf.id}`}>{run.rerunOf.name}</Link> : <span className="muted">Not a rerun</span>}</dd>
        <dt>LLM usage</dt>
        <dd>
          {run.usage.promptTokens + run.usage.completionTokens} tokens{usd}
        </dd>
      </dl>
    </section>
  );
}
