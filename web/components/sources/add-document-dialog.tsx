'use client';

import { useId, useState, type FormEvent } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { DocumentFormat } from '../../gql/graphql';
import { formErrorsOf, NO_FORM_ERRORS, type FormErrors } from '../../lib/field-errors';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';

const SourceKnowledgeDocumentAddDocument = graphql(`
  mutation SourceKnowledgeDocumentAdd($collectionId: ID!, $title: String!, $content: String!, $format: DocumentFormat) {
    addKnowledgeDocument(collectionId: $collectionId, title: $title, content: $content, format: $format) {
      id
      title
      chunkCount
    }
  }
`);

export const DOCUMENT_FORMAT_LABELS: Record<DocumentFormat, string> = { TEXT: 'Plain text', MARKDOWN: 'Markdown', HTML: 'HTML' };

const FIELDS = ['title', 'content', 'format'] as const;

/** Adds one article to a knowledge collection; open while `collection` is set. Give it a new `key` each time it opens. */
export function AddDocumentDialog<C extends { id: string; name: string }>({
  collection,
  onClose,
  onAdded,
}: {
  collection: C | null;
  onClose(): void;
  onAdded(title: string, collection: C): void;
}) {
  const formId = useId();
  const [title, setTitle] = useState('');
  const [format, setFormat] = useState<DocumentFormat>('TEXT');
  const [content, setContent] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_FORM_ERRORS);
  const [state, add] = useMutation(SourceKnowledgeDocumentAddDocument);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!collection) return;
    const missing: Record<string, string> = {};
    if (!title.trim()) missing.title = 'Enter a title.';
    if (!content.trim()) missing.content = 'Paste the document.';
    if (Object.keys(missing).length) return setErrors({ fields: missing, other: null });
    const result = await add({ collectionId: collection.id, title: title.trim(), content, format });
    if (result.error) return setErrors(formErrorsOf(result.error, FIELDS));
    onAdded(title.trim(), collection);
  };

  return (
    <Dialog
      open={!!collection}
      title={collection ? `Add document to ${collection.name}` : 'Add document'}
      variant="drawer"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={state.fetching}>
            {state.fetching ? 'Adding…' : 'Add document'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={errors.other} />
        <Field label="Title" required error={errors.fields.title}>
          {(props) => <input {...props} type="text" maxLength={300} value={title} onChange={(e) => setTitle(e.target.value)} />}
        </Field>
        <Field label="Format" hint="How the content is written; HTML and Markdown are read as the text they show." error={errors.fields.format}>
          {(props) => (
            <select {...props} value={format} onChange={(e) => setFormat(e.target.value as DocumentFormat)}>
              {(Object.keys(DOCUMENT_FORMAT_LABELS) as DocumentFormat[]).map((f) => (
                <option key={f} value={f}>
                  {DOCUMENT_FORMAT_LABELS[f]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Content" hint="Up to 1 MB. It is split into chunks that generation reads one by one." required error={errors.fields.content}>
          {(props) => <textarea {...props} className="su-code-input" rows={14} value={content} onChange={(e) => setContent(e.target.value)} />}
        </Field>
      </form>
    </Dialog>
  );
}
