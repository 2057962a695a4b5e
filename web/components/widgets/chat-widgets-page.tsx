'use client';

import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { WidgetListQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { errorMessage, formatDateTime } from '../../lib/format';
import { PageHeader } from '../page-header';
import { Badge } from '../ui/badge';
import { ConfirmDialog } from '../ui/dialog';
import { RowMenu } from '../ui/row-menu';
import { EmptyState, ErrorState, Loading } from '../ui/states';
import { useToast } from '../ui/toast';
import { connectorLabel } from './connectors';
import { WidgetFormDialog } from './widget-form-dialog';
import { WidgetTestDialog } from './widget-test-dialog';

const WidgetListDocument = graphql(`
  query WidgetList {
    chatWidgets {
      id
      name
      connector
      url
      model
      systemPrompt
      timeoutMs
      hasApiKey
      hasSigningSecret
      createdAt
      updatedAt
    }
  }
`);

const WidgetDeleteDocument = graphql(`
  mutation WidgetDelete($id: ID!) {
    deleteChatWidget(id: $id)
  }
`);

export type ChatWidgetRow = WidgetListQuery['chatWidgets'][number];

type Open = { kind: 'create' } | { kind: 'edit'; widget: ChatWidgetRow } | { kind: 'test'; widget: ChatWidgetRow } | { kind: 'delete'; widget: ChatWidgetRow } | null;

/** Chat Widgets: the agents under test and how the platform reaches them. */
export function ChatWidgetsPage() {
  const { can } = useAuth();
  const canEdit = can('editor');
  const notify = useToast();
  const [{ data, fetching, error }, refetch] = useQuery({ query: WidgetListDocument });
  const [deleting, deleteWidget] = useMutation(WidgetDeleteDocument);
  const [open, setOpenState] = useState<Open>(null);
  // Each opening gets a fresh dialog (its own form state), keyed by this count.
  const [openings, setOpenings] = useState(0);
  const setOpen = (next: Open) => {
    if (next) setOpenings((n) => n + 1);
    setOpenState(next);
  };
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  const confirmDelete = async (widget: ChatWidgetRow) => {
    const result = await deleteWidget({ id: widget.id });
    if (result.error) {
      setDeleteError(errorMessage(result.error));
      return;
    }
    setOpen(null);
    notify(`Chat widget "${widget.name}" deleted`);
    reload();
  };

  const widgets = data?.chatWidgets ?? [];
  return (
    <>
      <PageHeader
        title="Chat Widgets"
        description="The agents under test: each widget tells the platform how to reach one agent."
        actions={
          canEdit ? (
            <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'create' })}>
              New Chat Widget
            </button>
          ) : (
            <p className="disabled-reason">You have read-only access: editors create and change chat widgets.</p>
          )
        }
      />
      {fetching && !data ? (
        <Loading label="Loading chat widgets…" />
      ) : error && !data ? (
        <ErrorState message={errorMessage(error)} onRetry={reload} />
      ) : widgets.length === 0 ? (
        <EmptyState title="No chat widgets yet">
          <p>{canEdit ? 'Create one to run test cases against your agent.' : 'An editor of your organisation can create one.'}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Chat widgets</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Connector</th>
                <th scope="col">Endpoint</th>
                <th scope="col">Secrets</th>
                <th scope="col">Created</th>
                {canEdit && (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {widgets.map((widget) => (
                <tr key={widget.id} data-testid="widget-row">
                  <td>
                    <strong>{widget.name}</strong>
                  </td>
                  <td>{connectorLabel(widget.connector)}</td>
                  <td className="widget-endpoint">{widget.connector === 'DEMO' ? <span className="muted">Built in</span> : (widget.url ?? '—')}</td>
                  <td>
                    <SecretsSummary widget={widget} />
                  </td>
                  <td>{formatDateTime(widget.createdAt)}</td>
                  {canEdit && (
                    <td className="col-actions">
                      <RowMenu
                        label={`Actions for ${widget.name}`}
                        actions={[
                          { label: 'Test connection', onSelect: () => setOpen({ kind: 'test', widget }) },
                          { label: 'Edit', onSelect: () => setOpen({ kind: 'edit', widget }) },
                          {
                            label: 'Delete',
                            danger: true,
                            onSelect: () => {
                              setDeleteError(null);
                              setOpen({ kind: 'delete', widget });
                            },
                          },
                        ]}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <WidgetFormDialog
        key={`form-${openings}`}
        open={open?.kind === 'create' || open?.kind === 'edit'}
        widget={open?.kind === 'edit' ? open.widget : null}
        onClose={() => setOpen(null)}
        onSaved={(saved, created) => {
          setOpen(null);
          notify(created ? `Chat widget "${saved.name}" created` : `Chat widget "${saved.name}" saved`);
          reload();
        }}
      />
      <WidgetTestDialog key={`test-${openings}`} widget={open?.kind === 'test' ? open.widget : null} onClose={() => setOpen(null)} />
      <ConfirmDialog
        open={open?.kind === 'delete'}
        title="Delete chat widget?"
        message={
          open?.kind === 'delete' ? (
            <>
              &ldquo;{open.widget.name}&rdquo; is removed with its stored secrets. Test runs made with it keep their results.
              {deleteError && <span className="form-error su-confirm-error">{deleteError}</span>}
            </>
          ) : null
        }
        confirmLabel="Delete chat widget"
        busy={deleting.fetching}
        onConfirm={() => open?.kind === 'delete' && void confirmDelete(open.widget)}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** Secrets are never shown: only whether one is stored. */
function SecretsSummary({ widget }: { widget: ChatWidgetRow }) {
  if (!widget.hasApiKey && !widget.hasSigningSecret) return <span className="muted">None</span>;
  return (
    <span className="su-badge-list">
      {widget.hasApiKey && <Badge tone="neutral">API key stored</Badge>}
      {widget.hasSigningSecret && <Badge tone="neutral">Signing secret stored</Badge>}
    </span>
  );
}
