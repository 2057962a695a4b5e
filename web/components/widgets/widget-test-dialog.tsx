'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { WidgetTestMutation } from '../../gql/graphql';
import { formErrorsOf } from '../../lib/field-errors';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';
import type { ChatWidgetRow } from './chat-widgets-page';
import { connectorLabel } from './connectors';

const WidgetTestDocument = graphql(`
  mutation WidgetTest($id: ID!, $message: String!) {
    testChatWidget(id: $id, message: $message) {
      ok
      replies
      error
      latencyMs
    }
  }
`);

/**
 * "Test connection": sends one message to the agent, as the first turn of a throwaway
 * conversation, and shows what it answered or why it could not (refused address, timeout,
 * bad answer). Open while `widget` is set.
 */
export function WidgetTestDialog({ widget, onClose }: { widget: ChatWidgetRow | null; onClose(): void }) {
  const formId = useId();
  const [message, setMessage] = useState('');
  const [outcome, setOutcome] = useState<{ sent: string; result: WidgetTestMutation['testChatWidget'] } | null>(null);
  const [errors, setErrors] = useState<{ message?: string; other: string | null }>({ other: null });
  const [state, test] = useMutation(WidgetTestDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!widget) return;
    if (!message.trim()) {
      setErrors({ message: 'Write a message to send to the agent.', other: null });
      return;
    }
    setErrors({ other: null });
    setOutcome(null);
    const result = await test({ id: widget.id, message });
    if (result.error) {
      const { fields, other } = formErrorsOf(result.error, ['message']);
      setErrors({ message: fields.message, other });
      return;
    }
    if (result.data) setOutcome({ sent: message, result: result.data.testChatWidget });
  };

  return (
    <Dialog
      open={!!widget}
      title={widget ? `Test connection: ${widget.name}` : 'Test connection'}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={state.fetching}>
            {state.fetching ? 'Waiting for the agent…' : 'Send test message'}
          </button>
        </>
      }
    >
      {widget && (
        <p className="muted">
          {connectorLabel(widget.connector)}
          {widget.url ? ` · ${widget.url}` : ''}. The message is sent as the first turn of a new conversation; nothing is recorded.
        </p>
      )}
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label="Message" hint="What a customer would write, e.g. Where is my order DG-882341?" required error={errors.message}>
          {(props) => <textarea {...props} rows={3} maxLength={4000} value={message} onChange={(e) => setMessage(e.target.value)} />}
        </Field>
      </form>
      <div aria-live="polite">
        {outcome && outcome.result.ok && (
          <section className="su-test-result" aria-label="Agent's answer" data-testid="widget-test-result">
            <p>
              <span className="badge tone-good">Connected</span> <span className="muted">The agent answered in {outcome.result.latencyMs} ms.</span>
            </p>
            <ol className="transcript">
              <li className="turn turn-customer">
                <span className="turn-meta">Customer</span>
                <div>{outcome.sent}</div>
              </li>
              {outcome.result.replies.length === 0 ? (
                <li className="turn turn-agent">
                  <span className="turn-meta">Agent</span>
                  <div className="muted">(answered with no messages)</div>
                </li>
              ) : (
                outcome.result.replies.map((reply, i) => (
                  <li key={i} className="turn turn-agent">
                    <span className="turn-meta">Agent</span>
                    <div>{reply}</div>
                  </li>
                ))
              )}
            </ol>
          </section>
        )}
        {outcome && !outcome.result.ok && (
          <div className="notice su-notice-bad" role="alert" data-testid="widget-test-result">
            <p>
              <span className="badge tone-bad">Failed</span> <strong>The agent could not be reached</strong> (after {outcome.result.latencyMs} ms):
            </p>
            <p className="su-test-error">{outcome.result.error ?? 'no reason given'}</p>
          </div>
        )}
      </div>
    </Dialog>
  );
}
