'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { SourceIntentsQuery } from '../../gql/graphql';
import { useAuth } from '../../lib/auth-context';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { errorMessage } from '../../lib/format';
import { ConfirmDialog, Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { EmptyState, ErrorState, FormError, Loading } from '../ui/states';
import { useToast } from '../ui/toast';

const SourceIntentsDocument = graphql(`
  query SourceIntents {
    intents {
      id
      name
      description
      examples
    }
  }
`);

const SourceIntentCreateDocument = graphql(`
  mutation SourceIntentCreate($input: IntentInput!) {
    createIntent(input: $input) {
      id
      name
    }
  }
`);

const SourceIntentDeleteDocument = graphql(`
  mutation SourceIntentDelete($id: ID!) {
    deleteIntent(id: $id)
  }
`);

type Intent = SourceIntentsQuery['intents'][number];

/** Intents: what customers contact support for, with example messages. */
export function IntentsTab() {
  const { can } = useAuth();
  const canEdit = can('editor');
  const notify = useToast();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SourceIntentsDocument });
  const [deleting, deleteIntent] = useMutation(SourceIntentDeleteDocument);
  const [creating, setCreating] = useState(false);
  const [openings, setOpenings] = useState(0);
  const [toDelete, setToDelete] = useState<Intent | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const reload = () => refetch({ requestPolicy: 'network-only' });

  if (fetching && !data) return <Loading label="Loading intents…" />;
  if (error && !data) return <ErrorState message={errorMessage(error)} onRetry={reload} />;
  const intents = data?.intents ?? [];

  const onDelete = async (intent: Intent) => {
    const result = await deleteIntent({ id: intent.id });
    if (result.error) return setDeleteError(errorMessage(result.error));
    setToDelete(null);
    notify(`Intent "${intent.name}" deleted`);
    reload();
  };

  return (
    <>
      <div className="su-tab-toolbar">
        <p className="muted">What customers contact you for; generation writes cases per intent from its examples.</p>
        {canEdit && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              setOpenings((n) => n + 1);
              setCreating(true);
            }}
          >
            New intent
          </button>
        )}
      </div>
      {intents.length === 0 ? (
        <EmptyState title="No intents yet">
          <p>{canEdit ? 'Add the reasons customers contact you, with a few example messages each.' : 'An editor of your organisation can add them.'}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Intents</caption>
            <thead>
              <tr>
                <th scope="col">Intent</th>
                <th scope="col">Description</th>
                <th scope="col">Examples</th>
                {canEdit && (
                  <th scope="col" className="col-actions">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {intents.map((intent) => (
                <tr key={intent.id} data-testid="intent-row">
                  <td>
                    <strong>{intent.name}</strong>
                  </td>
                  <td>{intent.description || <span className="muted">—</span>}</td>
                  <td>
                    {intent.examples.length === 0 ? (
                      <span className="muted">None</span>
                    ) : (
                      <ul className="su-example-list">
                        {intent.examples.map((example, i) => (
                          <li key={i}>&ldquo;{example}&rdquo;</li>
                        ))}
                      </ul>
                    )}
                  </td>
                  {canEdit && (
                    <td className="col-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Delete ${intent.name}`}
                        onClick={() => {
                          setDeleteError(null);
                          setToDelete(intent);
                        }}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <IntentDialog
        key={openings}
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(name) => {
          setCreating(false);
          notify(`Intent "${name}" created`);
          reload();
        }}
      />
      <ConfirmDialog
        open={!!toDelete}
        title="Delete intent?"
        message={
          toDelete && (
            <>
              &ldquo;{toDelete.name}&rdquo; is deleted. Test cases that name it keep their intent.
              {deleteError && <span className="form-error su-confirm-error">{deleteError}</span>}
            </>
          )
        }
        confirmLabel="Delete intent"
        busy={deleting.fetching}
        onConfirm={() => toDelete && void onDelete(toDelete)}
        onClose={() => setToDelete(null)}
      />
    </>
  );
}

const FIELDS = ['name', 'description', 'examples'] as const;

function IntentDialog({ open, onClose, onCreated }: { open: boolean; onClose(): void; onCreated(name: string): void }) {
  const formId = useId();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [examples, setExamples] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);
  const [state, create] = useMutation(SourceIntentCreateDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return setErrors({ fields: { name: 'Enter a name.' }, other: null });
    const input = {
      name: name.trim(),
      description: description.trim(),
      examples: examples
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    const result = await create({ input });
    if (result.error) return setErrors(formErrorsOf(result.error, FIELDS));
    onCreated(input.name);
  };

  return (
    <Dialog
      open={open}
      title="New intent"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={state.fetching}>
            Create intent
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label="Name" hint='E.g. "Order Status :: Where Is My Order".' required error={errors.fields.name}>
          {(props) => <input {...props} type="text" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field label="Description" hint="What the customer wants, in a sentence." error={errors.fields.description}>
          {(props) => <textarea {...props} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <Field label="Example messages" hint="One per line, as customers write them." error={errors.fields.examples}>
          {(props) => <textarea {...props} rows={5} value={examples} onChange={(e) => setExamples(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
