import { canonicalizeLanguageTag } from './language-tag';
import {
  FieldError,
  NormalizedTestCaseInput,
  PersonaFactInput,
  TEST_CASE_FIELDS,
} from './test-case.input';

// Lengths count Unicode code points, so an emoji is one character as a user would count it.
export const NAME_MAX_LENGTH = 200;
export const TONE_OF_VOICE_MAX_LENGTH = 500;
export const BEHAVIOUR_MAX_LENGTH = 5000;
export const SUCCESS_CRITERIA_MAX_LENGTH = 2000;
export const AGENT_CRITERIA_MAX_LENGTH = 2000;
export const TYPE_MAX_LENGTH = 100;
export const INTENT_MAX_LENGTH = 200;
export const LANGUAGE_MAX_LENGTH = 64;
export const PERSONA_FACT_NAME_MAX_LENGTH = 100;
export const PERSONA_FACT_VALUE_MAX_LENGTH = 1000;
export const MAX_PERSONA_FACTS = 50;

export type TestCaseValidationResult =
  | { ok: true; value: NormalizedTestCaseInput }
  | { ok: false; errors: FieldError[] };

const PERSONA_FACT_FIELDS = ['name', 'value'] as const;

/**
 * Checks a test case from any source (GraphQL, an import file) and normalises it.
 * Reports every problem at once, each naming its field, so a user can fix a row in one go.
 */
export function validateTestCaseInput(raw: unknown): TestCaseValidationResult {
  if (!isPlainObject(raw)) {
    return { ok: false, errors: [{ field: '', message: `a test case must be an object, got ${describe(raw)}` }] };
  }
  const errors: FieldError[] = [];
  const required = (field: string, max: number) => readString(raw[field], field, { required: true, max }, errors);
  const optional = (field: string, max: number) => readString(raw[field], field, { required: false, max }, errors);

  const name = required('name', NAME_MAX_LENGTH);
  const toneOfVoice = required('toneOfVoice', TONE_OF_VOICE_MAX_LENGTH);
  const behaviour = required('behaviour', BEHAVIOUR_MAX_LENGTH);
  const personaFacts = readPersonaFacts(raw.personaFacts, errors);
  const successCriteria = required('successCriteria', SUCCESS_CRITERIA_MAX_LENGTH);
  const language = readLanguage(raw.language, errors);
  const agentCriteria = optional('agentCriteria', AGENT_CRITERIA_MAX_LENGTH);
  const type = optional('type', TYPE_MAX_LENGTH);
  const intent = optional('intent', INTENT_MAX_LENGTH);
  errors.push(...unknownFields(raw, TEST_CASE_FIELDS, ''));

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name: name!,
      toneOfVoice: toneOfVoice!,
      behaviour: behaviour!,
      personaFacts: personaFacts!,
      successCriteria: successCriteria!,
      language: language ?? null,
      agentCriteria: agentCriteria ?? null,
      type: type ?? null,
      intent: intent ?? null,
    },
  };
}

/** Returns the trimmed string, null for an absent or empty optional, or undefined after recording an error. */
function readString(
  value: unknown,
  field: string,
  rule: { required: boolean; max: number },
  errors: FieldError[],
): string | null | undefined {
  if (value === undefined || value === null) {
    if (rule.required) errors.push({ field, message: `${field} is required` });
    return null;
  }
  if (typeof value !== 'string') {
    errors.push({ field, message: `${field} must be a string, got ${describe(value)}` });
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed === '') {
    if (rule.required) {
      errors.push({ field, message: value === '' ? `${field} is required` : `${field} must not be blank` });
      return undefined;
    }
    return null;
  }
  const problem = textProblem(trimmed, rule.max);
  if (problem) {
    errors.push({ field, message: `${field} ${problem}` });
    return undefined;
  }
  return trimmed;
}

/** What PostgreSQL's UTF-8 text columns would reject, and the length limit. */
function textProblem(text: string, max: number): string | null {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text)) {
    return 'contains invalid Unicode text (an unpaired surrogate)';
  }
  const length = codePointLength(text);
  if (length > max) return `must be at most ${max} characters (got ${length})`;
  return null;
}

function readLanguage(value: unknown, errors: FieldError[]): string | null | undefined {
  const text = readString(value, 'language', { required: false, max: LANGUAGE_MAX_LENGTH }, errors);
  if (!text) return text;
  const result = canonicalizeLanguageTag(text);
  if (result.ok) return result.tag;
  errors.push({ field: 'language', message: result.message });
  return undefined;
}

function readPersonaFacts(value: unknown, errors: FieldError[]): PersonaFactInput[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    errors.push({
      field: 'personaFacts',
      message: `personaFacts must be a list of {name, value} objects, got ${describe(value)}`,
    });
    return undefined;
  }
  const before = errors.length;
  if (value.length > MAX_PERSONA_FACTS) {
    errors.push({
      field: 'personaFacts',
      message: `personaFacts must have at most ${MAX_PERSONA_FACTS} facts (got ${value.length})`,
    });
  }
  const facts: PersonaFactInput[] = [];
  const firstIndexByName = new Map<string, number>();
  value.forEach((item: unknown, index) => {
    const path = `personaFacts[${index}]`;
    if (!isPlainObject(item)) {
      errors.push({ field: path, message: `${path} must be an object with "name" and "value", got ${describe(item)}` });
      return;
    }
    const name = readString(item.name, `${path}.name`, { required: true, max: PERSONA_FACT_NAME_MAX_LENGTH }, errors);
    const factValue = readString(item.value, `${path}.value`, { required: true, max: PERSONA_FACT_VALUE_MAX_LENGTH }, errors);
    errors.push(...unknownFields(item, PERSONA_FACT_FIELDS, `${path}.`));
    if (name) {
      const key = name.toLowerCase();
      const first = firstIndexByName.get(key);
      if (first === undefined) firstIndexByName.set(key, index);
      else {
        errors.push({
          field: `${path}.name`,
          message: `duplicate persona fact name "${name}" (already used by personaFacts[${first}])`,
        });
      }
    }
    if (name && factValue) facts.push({ name, value: factValue });
  });
  return errors.length === before ? facts : undefined;
}

function unknownFields(object: Record<string, unknown>, known: readonly string[], prefix: string): FieldError[] {
  return Object.keys(object)
    .filter((key) => !known.includes(key))
    .map((key) => {
      const suggestion = known.find((k) => squash(k) === squash(key));
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      return { field: `${prefix}${key}`, message: `unknown field ${JSON.stringify(key)}${hint}` };
    });
}

/** "Tone_of_Voice" and "toneOfVoice" squash to the same thing, to suggest the right field name. */
const squash = (key: string) => key.replace(/[\s_-]/g, '').toLowerCase();

const codePointLength = (text: string) => {
  let length = 0;
  for (const _ of text) length++;
  return length;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'undefined':
      return 'nothing';
    case 'boolean':
      return `a boolean (${value})`;
    case 'number':
      return `a number (${value})`;
    default:
      return `a ${typeof value}`;
  }
}
