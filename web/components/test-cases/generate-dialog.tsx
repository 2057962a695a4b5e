'use client';

import Link from 'next/link';
import { useId, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { GenerateSourcesQuery } from '../../gql/graphql';
import { errorMessage, LANGUAGES } from '../../lib/format';
import { Dialog } from '../ui/dialog';
import { Field } from '../ui/field';
import { FormError, Loading } from '../ui/states';
import { apiFieldErrors, placeFieldErrors } from '../../lib/field-errors';
import {
  initialGenerateValues,
  MAX_CASES_PER_INTENT,
  MAX_GENERATED,
  placeGenerateField,
  requestedCount,
  SOURCES,
  toGenerateInput,
  validateGenerate,
  type GenerateErrors,
  type GenerateValues,
  type TicketFilterValues,
} from './generate-model';
import { GenerationProgress, type GenerationJobView } from './generation-progress';

const SourcesDocument = graphql(`
  query GenerateSources {
    knowledgeCollections {
      id
      name
      documentCount
    }
    paiCollections {
      id
      name
      itemCount
    }
    intents {
      id
      name
      description
    }
    ticketFacets {
      channels
      tags
      intents
    }
  }
`);

const GenerateDocument = graphql(`
  mutation GenerateStart($input: GenerateTestCasesInput!) {
    generateTestCases(input: $input) {
      ...GenerateJobFields
    }
  }
`);

/**
 * Generate Test Case with AI: pick a source (Knowledge Source, Purchase AI Sources, Intents,
 * Historical Tickets), fill in its fields within the limits (20 cases, 3 per intent), Generate,
 * then follow the job until its cases are in the list.
 */
export function GenerateDialog({
  open,
  onClose,
  onCompleted,
  onViewCases,
}: {
  open: boolean;
  onClose(): void;
  onCompleted(): void;
  onViewCases(ids: string[]): void;
}) {
  const formId = useId();
  const [values, setValues] = useState<GenerateValues>(initialGenerateValues);
  const [errors, setErrors] = useState<GenerateErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [job, setJob] = useState<GenerationJobView | null>(null);
  // Set by the progress view; the footer's wording depends on it.
  const [jobDone, setJobDone] = useState(false);
  const [{ data, fetching, error: sourcesError }] = useQuery({ query: SourcesDocument, pause: !open });
  const [startState, start] = useMutation(GenerateDocument);

  // A change takes the old messages away; the next Generate checks again.
  const change = (update: (v: GenerateValues) => GenerateValues) => {
    setValues(update);
    setErrors({});
    setProblem(null);
  };

  const onSubmit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (startState.fetching) return;
    const found = validateGenerate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setProblem('Some fields need attention: see the messages below.');
      return;
    }
    setProblem(null);
    const result = await start({ input: toGenerateInput(values) });
    if (result.error) {
      const { byField, unplaced } = placeFieldErrors(apiFieldErrors(result.error), placeGenerateField);
      setErrors(byField);
      setProblem(unplaced.length ? unplaced.join(' ') : Object.keys(byField).length ? 'Some fields need attention: see the messages below.' : errorMessage(result.error));
      return;
    }
    if (result.data) setJob(result.data.generateTestCases);
  };

  const footer = job ? (
    <button type="button" className="button" onClick={onClose}>
      {jobDone ? 'Done' : 'Continue in the background'}
    </button>
  ) : (
    <>
      <button type="button" className="button" onClick={onClose}>
        Cancel
      </button>
      <button type="submit" form={formId} className="button button-primary" disabled={startState.fetching || !data}>
        {startState.fetching ? 'Starting…' : 'Generate'}
      </button>
    </>
  );

  return (
    <Dialog open={open} title="Generate Test Case with AI" onClose={onClose} wide footer={footer}>
      {job ? (
        <GenerationProgress
          started={job}
          onViewCases={onViewCases}
          onCompleted={onCompleted}
          onSettled={() => setJobDone(true)}
          onRetry={() => {
            setJob(null);
            setJobDone(false);
          }}
        />
      ) : fetching && !data ? (
        <Loading label="Loading your sources…" />
      ) : (
        <form id={formId} className="form tc-generate-form" noValidate onSubmit={onSubmit}>
          <FormError message={problem ?? (sourcesError ? errorMessage(sourcesError) : null)} />
          <div role="group" aria-label="Generate from" className="choice-grid">
            {SOURCES.map((source) => (
              <button
                key={source.kind}
                type="button"
                className="choice"
                aria-pressed={values.source === source.kind}
                onClick={() => change((v) => ({ ...v, source: source.kind }))}
              >
                <strong>{source.title}</strong>
                <span className="muted">{source.description}</span>
              </button>
            ))}
          </div>
          <SourceFields values={values} errors={errors} sources={data} onChange={change} />
          <Field label="Language" hint="The language of the generated test cases." error={errors.language}>
            {(props) => (
              <select {...props} value={values.language} onChange={(e) => change((v) => ({ ...v, language: e.target.value }))}>
                <option value="">English (default)</option>
                {LANGUAGES.filter((l) => l.code !== 'en').map((language) => (
                  <option key={language.code} value={language.code}>
                    {language.name} ({language.code})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.source !== 'INTENTS' && (
            <Field label="Number of Test Cases" required hint={`At most ${MAX_GENERATED}.`} error={errors.count}>
              {(props) => (
                <input type="number" {...props} min={1} max={MAX_GENERATED} value={values.count} onChange={(e) => change((v) => ({ ...v, count: e.target.value }))} />
              )}
            </Field>
          )}
          <RequestSummary values={values} />
        </form>
      )}
    </Dialog>
  );
}

function RequestSummary({ values }: { values: GenerateValues }) {
  const count = requestedCount(values);
  if (!count) return null;
  return (
    <p className="muted">
      Asks for {count} test {count === 1 ? 'case' : 'cases'}. Cases that repeat ones you already have are not created.
    </p>
  );
}

type Sources = GenerateSourcesQuery;

const noSourcesYet = (what: string) => (
  <p className="muted">
    No {what} yet: add some under <Link href="/sources">Sources</Link>.
  </p>
);

/** The fields of the chosen source. */
function SourceFields({ values, errors, sources, onChange }: { values: GenerateValues; errors: GenerateErrors; sources: Sources | undefined; onChange(update: (v: GenerateValues) => GenerateValues): void }) {
  switch (values.source) {
    case 'KNOWLEDGE_SOURCE': {
      const collections = sources?.knowledgeCollections ?? [];
      return (
        <>
          <Field label="Knowledge Source Collection" required hint="The knowledge base collection to generate test cases from." error={errors.knowledgeCollectionId}>
            {(props) => (
              <select {...props} value={values.knowledgeCollectionId} onChange={(e) => onChange((v) => ({ ...v, knowledgeCollectionId: e.target.value }))}>
                <option value="">Choose a collection</option>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.documentCount} {c.documentCount === 1 ? 'document' : 'documents'})
                  </option>
                ))}
              </select>
            )}
          </Field>
          {collections.length === 0 && noSourcesYet('knowledge collections')}
        </>
      );
    }
    case 'PURCHASE_AI': {
      const collections = sources?.paiCollections ?? [];
      return (
        <>
          <Field label="PAI Collection ID" required hint="The Purchase AI collection (products, orders) to generate test cases from." error={errors.paiCollectionId}>
            {(props) => (
              <select {...props} value={values.paiCollectionId} onChange={(e) => onChange((v) => ({ ...v, paiCollectionId: e.target.value }))}>
                <option value="">Choose a collection</option>
                {collections.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name} ({c.itemCount} {c.itemCount === 1 ? 'record' : 'records'}) · {c.id}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {collections.length === 0 && noSourcesYet('Purchase AI collections')}
        </>
      );
    }
    case 'INTENTS': {
      const intents = sources?.intents ?? [];
      return (
        <>
          <fieldset className="form-section">
            <legend>Intents</legend>
            <p className="field-hint">The intents to generate test cases from.</p>
            {intents.length === 0 ? (
              noSourcesYet('intents')
            ) : (
              <CheckboxList
                options={intents.map((intent) => ({ value: intent.id, label: intent.name }))}
                selected={values.intentIds}
                onChange={(intentIds) => onChange((v) => ({ ...v, intentIds }))}
              />
            )}
            {errors.intentIds && <p className="field-error">{errors.intentIds}</p>}
          </fieldset>
          <Field label="Cases per Intent" required hint={`At most ${MAX_CASES_PER_INTENT} per intent.`} error={errors.casesPerIntent}>
            {(props) => (
              <input type="number" {...props} min={1} max={MAX_CASES_PER_INTENT} value={values.casesPerIntent} onChange={(e) => onChange((v) => ({ ...v, casesPerIntent: e.target.value }))} />
            )}
          </Field>
        </>
      );
    }
    case 'HISTORICAL_TICKETS':
      return <TicketFilters value={values.tickets} facets={sources?.ticketFacets} error={errors.ticketFilter} onChange={(tickets) => onChange((v) => ({ ...v, tickets }))} />;
  }
}

function CheckboxList({ options, selected, onChange }: { options: { value: string; label: string }[]; selected: string[]; onChange(selected: string[]): void }) {
  return (
    <div className="checkbox-list">
      {options.map((option) => (
        <label key={option.value}>
          <input
            type="checkbox"
            checked={selected.includes(option.value)}
            onChange={() => onChange(selected.includes(option.value) ? selected.filter((v) => v !== option.value) : [...selected, option.value])}
          />
          {option.label}
        </label>
      ))}
    </div>
  );
}

const CSAT_SCORES = ['1', '2', '3', '4', '5'];

/** Conversation Filters: which past tickets to learn from; every part optional, none means all. */
function TicketFilters({
  value,
  facets,
  error,
  onChange,
}: {
  value: TicketFilterValues;
  facets: { channels: string[]; tags: string[]; intents: string[] } | undefined;
  error?: string;
  onChange(value: TicketFilterValues): void;
}) {
  const set = (change: Partial<TicketFilterValues>) => onChange({ ...value, ...change });
  const lists: { key: 'channels' | 'tags' | 'intents'; label: string }[] = [
    { key: 'channels', label: 'Channels' },
    { key: 'tags', label: 'Tags' },
    { key: 'intents', label: 'Intents' },
  ];
  return (
    <fieldset className="form-section">
      <legend>Conversation Filters</legend>
      <p className="field-hint">Which past conversations to generate from. Leave everything empty to use them all.</p>
      <div className="tc-columns">
        <Field label="From date">{(props) => <input type="date" {...props} value={value.from} onChange={(e) => set({ from: e.target.value })} />}</Field>
        <Field label="To date">{(props) => <input type="date" {...props} value={value.to} onChange={(e) => set({ to: e.target.value })} />}</Field>
        <Field label="Minimum CSAT">
          {(props) => (
            <select {...props} value={value.minCsat} onChange={(e) => set({ minCsat: e.target.value })}>
              <option value="">Any</option>
              {CSAT_SCORES.map((score) => (
                <option key={score} value={score}>
                  {score}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Maximum CSAT">
          {(props) => (
            <select {...props} value={value.maxCsat} onChange={(e) => set({ maxCsat: e.target.value })}>
              <option value="">Any</option>
              {CSAT_SCORES.map((score) => (
                <option key={score} value={score}>
                  {score}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="tc-columns">
        {lists.map(({ key, label }) => (
          <fieldset key={key} className="tc-ticket-facet">
            <legend>{label}</legend>
            {(facets?.[key] ?? []).length === 0 ? (
              <p className="muted">None in your tickets.</p>
            ) : (
              <CheckboxList options={(facets?.[key] ?? []).map((v) => ({ value: v, label: v }))} selected={value[key]} onChange={(selected) => set({ [key]: selected })} />
            )}
          </fieldset>
        ))}
      </div>
      {error && <p className="field-error">{error}</p>}
    </fieldset>
  );
}
