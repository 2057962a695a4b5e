/** A persona fact the simulated customer can use during the conversation (e.g. order_number = DG-882341). */
export type PersonaFactInput = { name: string; value: string };

/** What a client sends to create or update a test case (mirrors the GraphQL `TestCaseInput`). */
export type TestCaseInput = {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts?: PersonaFactInput[];
  successCriteria: string;
  language?: string | null;
  agentCriteria?: string | null;
  type?: string | null;
  intent?: string | null;
};

/**
 * A validated input: strings trimmed, empty optionals turned into null, no persona facts
 * turned into [] and the language replaced by its canonical BCP 47 tag.
 */
export type NormalizedTestCaseInput = {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: PersonaFactInput[];
  successCriteria: string;
  language: string | null;
  agentCriteria: string | null;
  type: string | null;
  intent: string | null;
};

/** `field` is a path into the input, e.g. `name` or `personaFacts[2].name`; `''` means the input as a whole. */
export type FieldError = { field: string; message: string };

/** The input's fields in their canonical order: export keys and CSV headers follow it. */
export const TEST_CASE_FIELDS = [
  'name',
  'toneOfVoice',
  'behaviour',
  'personaFacts',
  'successCriteria',
  'language',
  'agentCriteria',
  'type',
  'intent',
] as const satisfies readonly (keyof TestCaseInput)[];

export type TestCaseField = (typeof TEST_CASE_FIELDS)[number];

export const REQUIRED_TEST_CASE_FIELDS = [
  'name',
  'toneOfVoice',
  'behaviour',
  'successCriteria',
] as const satisfies readonly TestCaseField[];
