'use client';

import { useId, useState, type ChangeEvent, type FormEvent } from 'react';
import type { CombinedError } from 'urql';
import type { ExportFormat } from '../../gql/graphql';
import { errorMessage } from '../../lib/format';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';

const FORMATS: ExportFormat[] = ['JSON', 'YAML', 'CSV'];

/** One bad record (or the whole file when `row` is null), as ImportResult reports it. */
export interface ImportProblem {
  row?: number | null;
  line?: number | null;
  field?: string | null;
  message: string;
}

export type ImportOutcome = { result?: { imported: number; errors: ImportProblem[] }; error?: CombinedError };

/** The format a file's name suggests, if any. */
function formatOfFile(name: string): ExportFormat | null {
  const extension = name.toLowerCase().split('.').pop();
  return extension === 'json' ? 'JSON' : extension === 'yaml' || extension === 'yml' ? 'YAML' : extension === 'csv' ? 'CSV' : null;
}

/**
 * Imports a JSON, YAML or CSV file, pasted or uploaded. Imports are all or nothing: when any
 * record is bad the API imports none and reports every bad record with its row and line, and
 * the dialog lists them so the file can be fixed. Give it a new `key` each time it opens.
 */
export function ImportDialog({
  open,
  title,
  what,
  examples,
  onClose,
  onImport,
  onImported,
}: {
  open: boolean;
  title: string;
  /** Plural noun of the records, e.g. "tickets". */
  what: string;
  examples: Record<ExportFormat, string>;
  onClose(): void;
  onImport(format: ExportFormat, content: string): Promise<ImportOutcome>;
  onImported(count: number): void;
}) {
  const formId = useId();
  const [format, setFormat] = useState<ExportFormat>('JSON');
  const [content, setContent] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [contentError, setContentError] = useState<string | null>(null);

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setFileName(file.name);
    setContent(await file.text());
    const guessed = formatOfFile(file.name);
    if (guessed) setFormat(guessed);
    setProblems(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFailure(null);
    setProblems(null);
    if (!content.trim()) {
      setContentError(`Paste the ${what} or choose a file.`);
      return;
    }
    setContentError(null);
    setBusy(true);
    const outcome = await onImport(format, content);
    setBusy(false);
    if (outcome.error) setFailure(errorMessage(outcome.error));
    else if (outcome.result?.errors.length) setProblems(outcome.result.errors);
    else if (outcome.result) onImported(outcome.result.imported);
  };

  return (
    <Dialog
      open={open}
      title={title}
      variant="drawer"
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            {busy ? 'Importing…' : `Import ${what}`}
          </button>
        </>
      }
    >
      <form id={formId} className="form" noValidate onSubmit={submit}>
        <FormError message={failure} />
        {problems && <ImportProblems what={what} problems={problems} />}
        <fieldset className="form-section">
          <legend>Format</legend>
          <div className="su-format-choices">
            {FORMATS.map((f) => (
              <label key={f} className="su-inline-choice">
                <input type="radio" name="format" value={f} checked={format === f} onChange={() => setFormat(f)} /> {f}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label="File" hint={fileName ? `Read from ${fileName}; you can still edit it below.` : 'A .json, .yaml or .csv file; or paste its content below.'}>
          {(props) => <input {...props} type="file" accept=".json,.yaml,.yml,.csv,application/json,text/csv,text/yaml" onChange={(e) => void onFile(e)} />}
        </Field>
        <Field label="File content" hint="Every record must be valid: if one is not, nothing is imported." required error={contentError}>
          {(props) => (
            <textarea
              {...props}
              className="su-code-input"
              rows={12}
              spellCheck={false}
              value={content}
              onChange={(e) => {
                setContent(e.target.value);
                setContentError(null);
              }}
            />
          )}
        </Field>
        <details className="su-format-example">
          <summary>What a {format} file of {what} looks like</summary>
          <pre>{examples[format]}</pre>
        </details>
      </form>
    </Dialog>
  );
}

/** Every bad record, with where it is in the file, so it can be found and fixed. */
export function ImportProblems({ what, problems }: { what: string; problems: ImportProblem[] }) {
  return (
    <div className="notice su-notice-bad su-import-problems" role="alert" data-testid="import-problems">
      <p>
        <strong>Nothing was imported.</strong> {problems.length === 1 ? 'One problem' : `${problems.length} problems`} in the file; fix{' '}
        {problems.length === 1 ? 'it' : 'them'} and import the {what} again.
      </p>
      <ul>
        {problems.map((problem, i) => (
          <li key={i}>
            <strong>{problem.row ? `Row ${problem.row}` : 'File'}</strong>
            {problem.line ? <span className="muted"> (line {problem.line})</span> : null}
            {problem.field ? (
              <>
                {' · '}
                <code>{problem.field}</code>
              </>
            ) : null}
            : {problem.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
