'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, LANGUAGES } from '../../lib/format';
import { Field } from '../ui/field';
import { FormError } from '../ui/states';
import { useToast } from '../ui/toast';
import { apiFieldErrors } from '../../lib/field-errors';
import { PersonaFactsEditor } from './persona-facts-editor';
import { useTestCaseFacets } from './test-case-facets';
import {
  FIELD_LABELS,
  serverErrorsToForm,
  toTestCaseInput,
  validateTestCaseForm,
  type FactRow,
  type FormErrors,
  type TestCaseFormValues,
} from './test-case-form-model';

const CreateTestCaseDocument = graphql(`
  mutation TestCaseCreate($input: TestCaseInput!) {
    createTestCase(input: $input) {
      id
      name
    }
  }
`);

const UpdateTestCaseDocument = graphql(`
  mutation TestCaseUpdate($id: ID!, $input: TestCaseInput!) {
    updateTestCase(id: $id, input: $input) {
      id
      name
      updatedAt
    }
  }
`);

type TextField = Exclude<keyof TestCaseFormValues, 'facts'>;

/** "Please fix: Test Case Name, Persona Facts" — the fields an error list points at, once each. */
function summarise(errors: FormErrors): string {
  const names = new Set(Object.keys(errors).map((key) => (key.startsWith('fact') ? 'Persona Facts' : (FIELD_LABELS[key as TextField] ?? key))));
  return `Please fix ${names.size === 1 ? 'this field' : 'these fields'}: ${[...names].join(', ')}.`;
}

/**
 * The test case form, in the sections PRODUCT.md lists, for creating (Create Test Case) and
 * managing (Save changes) a case; read-only for viewers. Required fields are checked here first,
 * then whatever the service refuses is shown beside the field it names.
 */
export function TestCaseForm({ mode, testCaseId, initial, readOnly = false }: { mode: 'create' | 'edit'; testCaseId?: string; initial: TestCaseFormValues; readOnly?: boolean }) {
  const router = useRouter();
  const toast = useToast();
  const { facets } = useTestCaseFacets();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const [createState, create] = useMutation(CreateTestCaseDocument);
  const [updateState, update] = useMutation(UpdateTestCaseDocument);
  const busy = createState.fetching || updateState.fetching;

  // After a refused submit, move to the first field that needs attention.
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  // Editing a field takes its message away (and the summary with the last one); the next submit checks again.
  const clearErrors = (matches: (key: string) => boolean) =>
    setErrors((current) => {
      const kept = Object.fromEntries(Object.entries(current).filter(([key]) => !matches(key)));
      if (Object.keys(kept).length === 0) setSummary(null);
      return Object.keys(kept).length === Object.keys(current).length ? current : kept;
    });
  const set = (field: TextField) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    clearErrors((key) => key === field);
  };
  const setFacts = (facts: FactRow[]) => {
    setValues((v) => ({ ...v, facts }));
    // Fact names are checked against each other, so a change to one can settle another's message.
    clearErrors((key) => key === 'facts' || key.startsWith('fact:'));
  };

  const showErrors = (next: FormErrors, message: string | null) => {
    setErrors(next);
    setSummary(message);
    setAttempt((n) => n + 1);
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (readOnly || busy) return;
    const clientErrors = validateTestCaseForm(values);
    if (Object.keys(clientErrors).length > 0) return showErrors(clientErrors, summarise(clientErrors));

    const { input, factRows } = toTestCaseInput(values);
    const result = mode === 'create' ? await create({ input }) : await update({ id: testCaseId!, input });
    if (result.error) {
      const { byField, unplaced } = serverErrorsToForm(apiFieldErrors(result.error), factRows);
      if (Object.keys(byField).length > 0 || unplaced.length > 0) return showErrors(byField, unplaced.length ? unplaced.join(' ') : summarise(byField));
      return showErrors({}, errorMessage(result.error));
    }
    const saved = result.data && ('createTestCase' in result.data ? result.data.createTestCase : result.data.updateTestCase);
    toast(mode === 'create' ? `Test case “${input.name}” created` : `Changes to “${input.name}” saved`);
    router.push(saved ? `/test-cases?highlight=${encodeURIComponent(saved.id)}` : '/test-cases');
  };

  const languageOptions = values.language && !LANGUAGES.some((l) => l.code === values.language) ? [...LANGUAGES, { code: values.language, name: values.language }] : LANGUAGES;

  return (
    <form ref={formRef} className="form tc-form" noValidate onSubmit={onSubmit} aria-label={mode === 'create' ? 'New test case' : 'Manage test case'}>
      <FormError message={summary} />

      <fieldset className="form-section" disabled={readOnly}>
        <legend>Overview</legend>
        <Field label="Test Case Name" required hint="A short name for the scenario, e.g. the question the customer comes with." error={errors.name}>
          {(props) => <input type="text" {...props} value={values.name} onChange={set('name')} autoComplete="off" />}
        </Field>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>User Persona</legend>
        <Field label="User Tone of Voice" required hint="How the simulated customer comes across, e.g. “Polite but impatient”." error={errors.toneOfVoice}>
          {(props) => <input type="text" {...props} value={values.toneOfVoice} onChange={set('toneOfVoice')} autoComplete="off" />}
        </Field>
        <Field
          label="Describe the User Behaviour"
          required
          hint="What the customer asks, what they share when asked, and when they stop. Precise instructions give the same conversation run after run."
          error={errors.behaviour}
        >
          {(props) => <textarea {...props} rows={5} value={values.behaviour} onChange={set('behaviour')} />}
        </Field>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>
          Persona Facts <span className="optional">(optional)</span>
        </legend>
        <p className="field-hint">Details the simulated customer can quote whenever the agent asks: an order number, a product, an email address.</p>
        <PersonaFactsEditor facts={values.facts} errors={errors} disabled={readOnly} onChange={setFacts} />
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>The User&apos;s Goal</legend>
        <Field
          label="Success Criteria"
          required
          hint="Something you could check in the transcript, e.g. “The customer receives a tracking link”, rather than a feeling such as “the customer is happy”."
          error={errors.successCriteria}
        >
          {(props) => <textarea {...props} rows={3} value={values.successCriteria} onChange={set('successCriteria')} />}
        </Field>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>
          Languages <span className="optional">(optional)</span>
        </legend>
        <Field label="Language" hint="Left unset, the simulated customer speaks English. Set it to test a particular locale." error={errors.language}>
          {(props) => (
            <select {...props} value={values.language} onChange={set('language')}>
              <option value="">English (default)</option>
              {languageOptions.map((language) => (
                <option key={language.code} value={language.code}>
                  {language.name} ({language.code})
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>
          Agent Evaluation <span className="optional">(optional)</span>
        </legend>
        <Field
          label="Success Criteria for the Agent"
          hint="How the judge scores the agent, apart from what the customer wants, e.g. “Gives the return policy within 4 turns and never asks twice for the order number”."
          error={errors.agentCriteria}
        >
          {(props) => <textarea {...props} rows={3} value={values.agentCriteria} onChange={set('agentCriteria')} />}
        </Field>
      </fieldset>

      <fieldset className="form-section" disabled={readOnly}>
        <legend>
          Test Case Categorisation <span className="optional">(optional)</span>
        </legend>
        <p className="field-hint">Type and Intent let you filter the list and gather regression packs. Pick the closest intent even when it is not a perfect fit.</p>
        <div className="tc-columns">
          <Field label="Type of the Test Case" error={errors.type}>
            {(props) => <input type="text" {...props} list="test-case-type-suggestions" value={values.type} onChange={set('type')} autoComplete="off" />}
          </Field>
          <Field label="Intent of the Test Case" error={errors.intent}>
            {(props) => <input type="text" {...props} list="test-case-intent-suggestions" value={values.intent} onChange={set('intent')} autoComplete="off" />}
          </Field>
        </div>
        <datalist id="test-case-type-suggestions">
          {facets.types.map((type) => (
            <option key={type} value={type} />
          ))}
        </datalist>
        <datalist id="test-case-intent-suggestions">
          {facets.intents.map((intent) => (
            <option key={intent} value={intent} />
          ))}
        </datalist>
      </fieldset>

      <div className="form-actions">
        <Link href="/test-cases" className="button">
          {readOnly ? 'Back to Test Cases' : 'Cancel'}
        </Link>
        {!readOnly && (
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : mode === 'create' ? 'Create Test Case' : 'Save changes'}
          </button>
        )}
      </div>
    </form>
  );
}
