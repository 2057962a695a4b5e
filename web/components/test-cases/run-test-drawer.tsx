'use client';

import { useEffect, useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, LANGUAGES } from '../../lib/format';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';
import { apiFieldErrors, errorCode, placeFieldErrors } from '../../lib/field-errors';
import type { LastRun } from './last-run-banner';
import { toStartRunInput, validateRunDrawer, type RunDrawerErrors, type RunDrawerValues, type SelectedCase } from './run-drawer-model';

const WidgetsDocument = graphql(`
  query RunDrawerWidgets {
    chatWidgets {
      id
      name
      connector
    }
  }
`);

const CaseSearchDocument = graphql(`
  query RunDrawerCaseSearch($search: String!) {
    testCases(filter: { search: $search }, first: 8) {
      totalCount
      edges {
        node {
          id
          name
          type
        }
      }
    }
  }
`);

const StartRunDocument = graphql(`
  mutation RunDrawerStartRun($input: StartTestRunInput!) {
    startTestRun(input: $input) {
      ...LastRunFields
    }
  }
`);

const FORM_FIELDS = ['name', 'widgetId', 'languageOverride', 'chatUrl', 'metadata', 'testCaseIds'];

/**
 * The Run Test drawer: names the run, picks the widget (and so the agent) to simulate against,
 * optional language/URL/metadata, and the cases (pre-filled from the selection; removable, and
 * more can be found by search). Run Test starts it; the Last Run banner follows it from there.
 */
export function RunTestDrawer({
  open,
  initialCases,
  maxCasesPerRun,
  limitReason,
  onClose,
  onStarted,
}: {
  open: boolean;
  initialCases: SelectedCase[];
  maxCasesPerRun: number | null;
  limitReason: string | null;
  onClose(): void;
  onStarted(run: LastRun): void;
}) {
  const formId = useId();
  const [values, setValues] = useState<RunDrawerValues>({ name: '', widgetId: '', languageOverride: '', chatUrl: '', metadata: '', cases: initialCases });
  const [errors, setErrors] = useState<RunDrawerErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [{ data: widgetData, fetching: widgetsLoading, error: widgetsError }] = useQuery({ query: WidgetsDocument, pause: !open });
  const [startState, start] = useMutation(StartRunDocument);
  const widgets = widgetData?.chatWidgets ?? [];

  // Editing a field takes its message away; Run Test checks everything again.
  const set = (field: 'name' | 'widgetId' | 'languageOverride' | 'chatUrl' | 'metadata') => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (startState.fetching) return;
    const found = validateRunDrawer(values, maxCasesPerRun);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Some fields need attention: see the messages below.');
      return;
    }
    setProblem(null);
    const result = await start({ input: toStartRunInput(values) });
    if (result.error) {
      const code = errorCode(result.error);
      const { byField, unplaced } = placeFieldErrors(apiFieldErrors(result.error), (field) => (FORM_FIELDS.includes(field) ? field : null));
      setErrors(byField);
      if (code === 'LIMIT_EXCEEDED') setProblem(`Limit reached: ${errorMessage(result.error)}`);
      else if (code === 'FORBIDDEN') setProblem(`Not allowed: ${errorMessage(result.error)}`);
      else if (Object.keys(byField).length > 0) setProblem(unplaced.join(' ') || 'The platform did not accept some fields: see the messages below.');
      else setProblem(errorMessage(result.error));
      return;
    }
    if (result.data) onStarted(result.data.startTestRun);
  };

  const overLimit = maxCasesPerRun !== null && values.cases.length >= maxCasesPerRun;

  return (
    <Dialog
      open={open}
      title="Run Test"
      variant="drawer"
      onClose={onClose}
      footer={
        <>
          {limitReason && <span className="disabled-reason">{limitReason}</span>}
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={startState.fetching || !!limitReason}>
            {startState.fetching ? 'Starting…' : 'Run Test'}
          </button>
        </>
      }
    >
      <form id={formId} className="form tc-run-form" noValidate onSubmit={onSubmit}>
        <FormError message={problem} />
        <Field label="Run name" required hint="Say what the run checks, e.g. “Returns pack before the policy change”." error={errors.name}>
          {(props) => <input type="text" {...props} value={values.name} onChange={set('name')} autoComplete="off" />}
        </Field>
        <Field label="Chat Widget" required hint="The widget decides which agent (Flow) the simulated customers talk to." error={errors.widgetId ?? (widgetsError ? errorMessage(widgetsError) : null)}>
          {(props) => (
            <select {...props} value={values.widgetId} onChange={set('widgetId')} disabled={widgetsLoading && widgets.length === 0}>
              <option value="">{widgetsLoading ? 'Loading widgets…' : widgets.length ? 'Choose a chat widget' : 'No chat widgets yet: add one under Chat Widgets'}</option>
              {widgets.map((widget) => (
                <option key={widget.id} value={widget.id}>
                  {widget.name} ({widget.connector})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Language override" hint="Hold every case of this run in one language instead of each case's own." error={errors.languageOverride}>
          {(props) => (
            <select {...props} value={values.languageOverride} onChange={set('languageOverride')}>
              <option value="">No override: each case&apos;s own language</option>
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.name} ({language.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Chat URL" hint="A page address the agent receives as context, e.g. https://shop.example.com/orders." error={errors.chatUrl}>
          {(props) => <input type="url" {...props} value={values.chatUrl} onChange={set('chatUrl')} placeholder="https://" autoComplete="off" />}
        </Field>
        <Field label="Metadata" hint='A JSON object of extra fields the agent receives on every turn, e.g. {"plan": "gold"}.' error={errors.metadata}>
          {(props) => <textarea {...props} rows={3} className="tc-code" value={values.metadata} onChange={set('metadata')} placeholder='{"plan": "gold"}' spellCheck={false} />}
        </Field>
        <SelectedCasesEditor
          cases={values.cases}
          error={errors.testCaseIds}
          maxCasesPerRun={maxCasesPerRun}
          full={overLimit}
          onChange={(cases) => {
            setValues((v) => ({ ...v, cases }));
            setErrors(({ testCaseIds: _gone, ...rest }) => rest);
          }}
        />
      </form>
    </Dialog>
  );
}

/** The run's cases: each removable, and a search to add more of the tenant's cases. */
function SelectedCasesEditor({
  cases,
  error,
  maxCasesPerRun,
  full,
  onChange,
}: {
  cases: SelectedCase[];
  error?: string;
  maxCasesPerRun: number | null;
  full: boolean;
  onChange(cases: SelectedCase[]): void;
}) {
  const [text, setText] = useState('');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const [{ data, fetching }] = useQuery({ query: CaseSearchDocument, variables: { search }, pause: search === '' });
  const found = (data?.testCases.edges ?? []).map((edge) => edge.node).filter((node) => !cases.some((c) => c.id === node.id));

  return (
    <fieldset className="form-section tc-run-cases-section">
      <legend>
        Test cases ({cases.length}
        {maxCasesPerRun !== null ? ` of at most ${maxCasesPerRun}` : ''})
      </legend>
      {cases.length === 0 ? (
        <p className="muted">No test cases yet: find some below.</p>
      ) : (
        <ul className="tc-run-cases" aria-label="Test cases in this run">
          {cases.map((testCase) => (
            <li key={testCase.id}>
              <span>{testCase.name}</span>
              <button type="button" className="button button-small" aria-label={`Remove ${testCase.name}`} onClick={() => onChange(cases.filter((c) => c.id !== testCase.id))}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="field">
        <label htmlFor="run-case-search">Add test cases</label>
        <input id="run-case-search" type="search" value={text} placeholder="Search your test cases" onChange={(event) => setText(event.target.value)} />
      </div>
      {search !== '' &&
        (fetching && !data ? (
          <p className="muted">Searching…</p>
        ) : found.length === 0 ? (
          <p className="muted">No other test cases match “{search}”.</p>
        ) : (
          <ul className="tc-run-cases tc-run-case-results" aria-label="Matching test cases">
            {found.map((testCase) => (
              <li key={testCase.id}>
                <span>
                  {testCase.name}
                  {testCase.type && <span className="muted"> · {testCase.type}</span>}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  aria-label={`Add ${testCase.name}`}
                  disabled={full}
                  title={full ? 'The run holds as many cases as your organisation allows' : undefined}
                  onClick={() => onChange([...cases, { id: testCase.id, name: testCase.name }])}
                >
                  Add
                </button>
              </li>
            ))}
          </ul>
        ))}
    </fieldset>
  );
}
