/**
 * The test case form's values, its checks and its conversion to `TestCaseInput`. Kept free of
 * React so the rules read in one place. The limits match what the test-cases service accepts.
 */
import type { ApiFieldError } from '../../lib/field-errors';
import { placeFieldErrors } from '../../lib/field-errors';

export const LIMITS = {
  name: 200,
  toneOfVoice: 500,
  behaviour: 5000,
  successCriteria: 2000,
  agentCriteria: 2000,
  type: 100,
  intent: 200,
  factName: 100,
  factValue: 1000,
  facts: 50,
} as const;

export interface FactRow {
  /** Stable key for React and for errors; not sent to the API. */
  key: string;
  name: string;
  value: string;
}

export interface TestCaseFormValues {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  facts: FactRow[];
  successCriteria: string;
  language: string;
  agentCriteria: string;
  type: string;
  intent: string;
}

/** Keys: a field name (`name`, `toneOfVoice`, ...) or `fact:<key>:name|value` for a fact row. */
export type FormErrors = Record<string, string>;

/** The form's fields in screen order, with the label a message names them by. */
export const FIELD_LABELS: Record<Exclude<keyof TestCaseFormValues, 'facts'>, string> = {
  name: 'Test Case Name',
  toneOfVoice: 'User Tone of Voice',
  behaviour: 'User Behaviour',
  successCriteria: 'Success Criteria',
  language: 'Language',
  agentCriteria: 'Success Criteria for the Agent',
  type: 'Type of the Test Case',
  intent: 'Intent of the Test Case',
};

let nextFactKey = 0;
export function newFactRow(name = '', value = ''): FactRow {
  nextFactKey += 1;
  return { key: `fact-${nextFactKey}`, name, value };
}

export function emptyValues(): TestCaseFormValues {
  return { name: '', toneOfVoice: '', behaviour: '', facts: [], successCriteria: '', language: '', agentCriteria: '', type: '', intent: '' };
}

export interface TestCaseLike {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: { name: string; value: string }[];
  successCriteria: string;
  language?: string | null;
  agentCriteria?: string | null;
  type?: string | null;
  intent?: string | null;
}

export function valuesFromTestCase(testCase: TestCaseLike): TestCaseFormValues {
  return {
    name: testCase.name,
    toneOfVoice: testCase.toneOfVoice,
    behaviour: testCase.behaviour,
    facts: testCase.personaFacts.map((fact) => newFactRow(fact.name, fact.value)),
    successCriteria: testCase.successCriteria,
    language: testCase.language ?? '',
    agentCriteria: testCase.agentCriteria ?? '',
    type: testCase.type ?? '',
    intent: testCase.intent ?? '',
  };
}

export const factErrorKey = (row: FactRow, part: 'name' | 'value') => `fact:${row.key}:${part}`;

/** A row with neither a name nor a value is an unused "Add fact" click: it is left out, not an error. */
const isBlankRow = (row: FactRow) => row.name.trim() === '' && row.value.trim() === '';

const characters = (text: string) => [...text].length;

export function validateTestCaseForm(values: TestCaseFormValues): FormErrors {
  const errors: FormErrors = {};
  const required = ['name', 'toneOfVoice', 'behaviour', 'successCriteria'] as const;
  for (const field of required) {
    if (values[field].trim() === '') errors[field] = `${FIELD_LABELS[field]} is required.`;
  }
  const limited = ['name', 'toneOfVoice', 'behaviour', 'successCriteria', 'agentCriteria', 'type', 'intent'] as const;
  for (const field of limited) {
    const length = characters(values[field].trim());
    if (!errors[field] && length > LIMITS[field]) errors[field] = `${FIELD_LABELS[field]} must be at most ${LIMITS[field]} characters (now ${length}).`;
  }

  const used = new Map<string, FactRow>();
  const rows = values.facts.filter((row) => !isBlankRow(row));
  if (rows.length > LIMITS.facts) errors.facts = `A test case can have at most ${LIMITS.facts} persona facts.`;
  for (const row of rows) {
    const name = row.name.trim();
    if (name === '') errors[factErrorKey(row, 'name')] = 'Fact name is required when the fact has a value.';
    else if (characters(name) > LIMITS.factName) errors[factErrorKey(row, 'name')] = `Fact name must be at most ${LIMITS.factName} characters.`;
    else if (used.has(name.toLowerCase())) errors[factErrorKey(row, 'name')] = `Fact name "${name}" is already used by another fact.`;
    else used.set(name.toLowerCase(), row);

    const value = row.value.trim();
    if (value === '') errors[factErrorKey(row, 'value')] = `Fact value is required for "${name || 'this fact'}".`;
    else if (characters(value) > LIMITS.factValue) errors[factErrorKey(row, 'value')] = `Fact value must be at most ${LIMITS.factValue} characters.`;
  }
  return errors;
}

export interface TestCaseInputValue {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: { name: string; value: string }[];
  successCriteria: string;
  language: string | null;
  agentCriteria: string | null;
  type: string | null;
  intent: string | null;
}

/** The API input, and which fact row each `personaFacts[i]` came from (to place server errors). */
export function toTestCaseInput(values: TestCaseFormValues): { input: TestCaseInputValue; factRows: FactRow[] } {
  const factRows = values.facts.filter((row) => !isBlankRow(row));
  const optional = (text: string) => (text.trim() === '' ? null : text.trim());
  return {
    factRows,
    input: {
      name: values.name.trim(),
      toneOfVoice: values.toneOfVoice.trim(),
      behaviour: values.behaviour.trim(),
      personaFacts: factRows.map((row) => ({ name: row.name.trim(), value: row.value.trim() })),
      successCriteria: values.successCriteria.trim(),
      language: optional(values.language),
      agentCriteria: optional(values.agentCriteria),
      type: optional(values.type),
      intent: optional(values.intent),
    },
  };
}

/** Places the service's BAD_USER_INPUT field errors (`name`, `personaFacts[1].name`, ...) on the form. */
export function serverErrorsToForm(errors: ApiFieldError[], factRows: FactRow[]): { byField: FormErrors; unplaced: string[] } {
  return placeFieldErrors(errors, (field) => {
    const fact = /^personaFacts\[(\d+)\]\.(name|value)$/.exec(field);
    if (fact) {
      const row = factRows[Number(fact[1])];
      return row ? factErrorKey(row, fact[2] as 'name' | 'value') : 'facts';
    }
    if (field.startsWith('personaFacts')) return 'facts';
    return field in FIELD_LABELS ? field : null;
  });
}
