'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ChatWidgetInput, ConnectorKind } from '../../gql/graphql';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';
import type { ChatWidgetRow } from './chat-widgets-page';
import { CONNECTORS, connectorSpec, DEFAULT_TIMEOUT_MS, TIMEOUT_MAX_MS, TIMEOUT_MIN_MS } from './connectors';
import { KEEP_SECRET, SecretField, secretInputValue, type SecretChange } from './secret-field';

const WidgetCreateDocument = graphql(`
  mutation WidgetCreate($input: ChatWidgetInput!) {
    createChatWidget(input: $input) {
      id
      name
    }
  }
`);

const WidgetUpdateDocument = graphql(`
  mutation WidgetUpdate($id: ID!, $input: ChatWidgetInput!) {
    updateChatWidget(id: $id, input: $input) {
      id
      name
      hasApiKey
      hasSigningSecret
    }
  }
`);

const FORM_FIELDS = ['name', 'connector', 'url', 'model', 'systemPrompt', 'timeoutMs', 'apiKey', 'signingSecret'] as const;

interface Draft {
  name: string;
  connector: ConnectorKind;
  url: string;
  model: string;
  systemPrompt: string;
  timeoutMs: string;
  apiKey: SecretChange;
  signingSecret: SecretChange;
}

function draftOf(widget: ChatWidgetRow | null): Draft {
  return {
    name: widget?.name ?? '',
    connector: widget?.connector ?? 'HTTP',
    url: widget?.url ?? '',
    model: widget?.model ?? '',
    systemPrompt: widget?.systemPrompt ?? '',
    timeoutMs: String(widget?.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    apiKey: KEEP_SECRET,
    signingSecret: KEEP_SECRET,
  };
}

/**
 * Only the chosen connector's settings are sent. A secret the new connector does not use is
 * removed rather than left stored where nothing reads it.
 */
function inputOf(draft: Draft, widget: ChatWidgetRow | null): ChatWidgetInput {
  const spec = connectorSpec(draft.connector);
  const timeout = draft.timeoutMs.trim();
  const secret = (used: boolean, change: SecretChange, stored: boolean) => (used ? secretInputValue(change) : stored ? '' : undefined);
  return {
    name: draft.name.trim(),
    connector: draft.connector,
    url: spec.url ? draft.url.trim() : null,
    model: spec.prompt ? draft.model.trim() : null,
    systemPrompt: spec.prompt ? draft.systemPrompt : null,
    timeoutMs: draft.connector === 'DEMO' || timeout === '' ? null : Number(timeout),
    apiKey: secret(!!spec.apiKey, draft.apiKey, !!widget?.hasApiKey),
    signingSecret: secret(spec.signingSecret, draft.signingSecret, !!widget?.hasSigningSecret),
  };
}

/** Create or edit a chat widget; `widget` null creates. Give it a new `key` each time it opens for a fresh form. */
export function WidgetFormDialog({
  open,
  widget,
  onClose,
  onSaved,
}: {
  open: boolean;
  widget: ChatWidgetRow | null;
  onClose(): void;
  onSaved(saved: { id: string; name: string }, created: boolean): void;
}) {
  const formId = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(widget));
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);
  const [creating, create] = useMutation(WidgetCreateDocument);
  const [updating, update] = useMutation(WidgetUpdateDocument);


  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const spec = connectorSpec(draft.connector);
  const busy = creating.fetching || updating.fetching;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const timeout = draft.timeoutMs.trim();
    if (draft.connector !== 'DEMO' && timeout !== '' && !/^\d+$/.test(timeout)) {
      setErrors({ fields: { timeoutMs: 'Enter the timeout as a whole number of milliseconds.' }, other: null });
      return;
    }
    const input = inputOf(draft, widget);
    const result = widget ? await update({ id: widget.id, input }) : await create({ input });
    if (result.error) {
      setErrors(formErrorsOf(result.error, FORM_FIELDS));
      return;
    }
    const saved = result.data && ('createChatWidget' in result.data ? result.data.createChatWidget : result.data.updateChatWidget);
    if (saved) onSaved(saved, !widget);
  };

  const urlLabel = draft.connector === 'HTTP' ? 'Webhook URL' : draft.connector === 'RASA' ? 'Rasa server URL' : 'Base URL';
  return (
    <Dialog
      open={open}
      title={widget ? `Edit ${widget.name}` : 'New Chat Widget'}
      variant="drawer"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : widget ? 'Save changes' : 'Create chat widget'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label="Name" required error={errors.fields.name}>
          {(props) => <input {...props} type="text" maxLength={200} value={draft.name} onChange={(e) => set('name', e.target.value)} />}
        </Field>

        <fieldset className="form-section connector-choices">
          <legend>Connector</legend>
          <div className="choice-grid" role="radiogroup" aria-label="Connector">
            {CONNECTORS.map((connector) => (
              <label key={connector.kind} className="choice su-choice-radio">
                <input type="radio" name="connector" value={connector.kind} checked={draft.connector === connector.kind} onChange={() => set('connector', connector.kind)} />
                <span>
                  <strong>{connector.label}</strong>
                  <span className="muted">{connector.summary}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.fields.connector && <p className="field-error">{errors.fields.connector}</p>}
        </fieldset>

        {spec.url && (
          <Field label={urlLabel} hint={spec.url.hint} required error={errors.fields.url}>
            {(props) => <input {...props} type="url" inputMode="url" placeholder={spec.url!.placeholder} value={draft.url} onChange={(e) => set('url', e.target.value)} />}
          </Field>
        )}
        {spec.prompt && (
          <>
            <Field label="Model" hint="The model the agent runs on, e.g. gpt-4o-mini." required error={errors.fields.model}>
              {(props) => <input {...props} type="text" value={draft.model} onChange={(e) => set('model', e.target.value)} />}
            </Field>
            <Field label="System prompt" hint="The agent's instructions, as your production agent has them." required error={errors.fields.systemPrompt}>
              {(props) => <textarea {...props} rows={6} value={draft.systemPrompt} onChange={(e) => set('systemPrompt', e.target.value)} />}
            </Field>
          </>
        )}
        {draft.connector !== 'DEMO' && (
          <Field
            label="Timeout (ms)"
            hint={`How long one agent answer may take: ${TIMEOUT_MIN_MS} to ${TIMEOUT_MAX_MS} ms; empty means ${DEFAULT_TIMEOUT_MS}.`}
            error={errors.fields.timeoutMs}
          >
            {(props) => <input {...props} type="number" min={TIMEOUT_MIN_MS} max={TIMEOUT_MAX_MS} step={100} value={draft.timeoutMs} onChange={(e) => set('timeoutMs', e.target.value)} />}
          </Field>
        )}
        {spec.apiKey && (
          <SecretField
            label="API key"
            hint={spec.apiKey}
            stored={!!widget?.hasApiKey}
            change={draft.apiKey}
            onChange={(change) => set('apiKey', change)}
            error={errors.fields.apiKey}
          />
        )}
        {spec.signingSecret && (
          <SecretField
            label="Signing secret"
            hint="Every call carries x-sim-signature, the HMAC-SHA256 of the body with this secret, so your endpoint can tell calls are ours."
            stored={!!widget?.hasSigningSecret}
            change={draft.signingSecret}
            onChange={(change) => set('signingSecret', change)}
            error={errors.fields.signingSecret}
          />
        )}
        {widget && !spec.apiKey && widget.hasApiKey && <p className="field-hint">The stored API key is removed: the {spec.label} connector does not use one.</p>}
        {widget && !spec.signingSecret && widget.hasSigningSecret && (
          <p className="field-hint">The stored signing secret is removed: the {spec.label} connector does not use one.</p>
        )}
      </form>
    </Dialog>
  );
}
