import { TestCaseInput } from './test-case.input';
import {
  BEHAVIOUR_MAX_LENGTH,
  MAX_PERSONA_FACTS,
  NAME_MAX_LENGTH,
  PERSONA_FACT_NAME_MAX_LENGTH,
  PERSONA_FACT_VALUE_MAX_LENGTH,
  validateTestCaseInput,
} from './validate-test-case';

const valid: TestCaseInput = {
  name: 'Where is my order? — Standard tracked delivery',
  toneOfVoice: 'Polite but impatient.',
  behaviour: 'Ask where your order is. Provide your order number if asked.',
  personaFacts: [
    { name: 'order_number', value: 'DG-882341' },
    { name: 'customer_name', value: 'Sarah Mitchell' },
  ],
  successCriteria: 'The customer receives a tracking link.',
  language: 'en-GB',
  agentCriteria: 'Provides a tracking link within 4 turns.',
  type: 'Order Status',
  intent: 'Order Status :: Where Is My Order',
};

function errorsOf(raw: unknown) {
  const result = validateTestCaseInput(raw);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

describe('validateTestCaseInput', () => {
  it('accepts a complete test case and returns it unchanged', () => {
    expect(validateTestCaseInput(valid)).toEqual({ ok: true, value: valid });
  });

  it('fills in the optional fields when only the required ones are given', () => {
    const result = validateTestCaseInput({ name: 'n', toneOfVoice: 't', behaviour: 'b', successCriteria: 's' });
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'n',
        toneOfVoice: 't',
        behaviour: 'b',
        personaFacts: [],
        successCriteria: 's',
        language: null,
        agentCriteria: null,
        type: null,
        intent: null,
      },
    });
  });

  it('trims strings, turns empty optionals into null and canonicalises the language', () => {
    const result = validateTestCaseInput({
      ...valid,
      name: '  Padded  ',
      behaviour: '\n  Line one\n  Line two  \n',
      personaFacts: [{ name: ' order_number ', value: ' 42 ' }],
      language: ' pt-br ',
      agentCriteria: '   ',
      type: '',
      intent: null,
    });
    expect(result).toMatchObject({
      ok: true,
      value: {
        name: 'Padded',
        behaviour: 'Line one\n  Line two',
        personaFacts: [{ name: 'order_number', value: '42' }],
        language: 'pt-BR',
        agentCriteria: null,
        type: null,
        intent: null,
      },
    });
  });

  it('treats an empty language as unset (English)', () => {
    expect(validateTestCaseInput({ ...valid, language: '' })).toMatchObject({ ok: true, value: { language: null } });
  });

  it('reports every missing required field at once', () => {
    expect(errorsOf({})).toEqual([
      { field: 'name', message: 'name is required' },
      { field: 'toneOfVoice', message: 'toneOfVoice is required' },
      { field: 'behaviour', message: 'behaviour is required' },
      { field: 'successCriteria', message: 'successCriteria is required' },
    ]);
  });

  it('rejects blank required fields', () => {
    expect(errorsOf({ ...valid, name: '   ', successCriteria: '' })).toEqual([
      { field: 'name', message: 'name must not be blank' },
      { field: 'successCriteria', message: 'successCriteria is required' },
    ]);
  });

  it('reports wrong types clearly', () => {
    expect(
      errorsOf({ ...valid, name: 42, toneOfVoice: true, behaviour: ['x'], language: 7, intent: { a: 1 }, personaFacts: 'a=b' }),
    ).toEqual([
      { field: 'name', message: 'name must be a string, got a number (42)' },
      { field: 'toneOfVoice', message: 'toneOfVoice must be a string, got a boolean (true)' },
      { field: 'behaviour', message: 'behaviour must be a string, got a list' },
      { field: 'personaFacts', message: 'personaFacts must be a list of {name, value} objects, got a string' },
      { field: 'language', message: 'language must be a string, got a number (7)' },
      { field: 'intent', message: 'intent must be a string, got an object' },
    ]);
  });

  it.each([null, undefined, 'text', 3, ['a']])('rejects %p as a whole test case', (raw) => {
    expect(errorsOf(raw)).toEqual([{ field: '', message: expect.stringMatching(/^a test case must be an object, got /) }]);
  });

  it('reports unknown fields and suggests the right name for a near miss', () => {
    expect(errorsOf({ ...valid, foo: 1, tone_of_voice: 'x' })).toEqual([
      { field: 'foo', message: 'unknown field "foo"' },
      { field: 'tone_of_voice', message: 'unknown field "tone_of_voice" (did you mean "toneOfVoice"?)' },
    ]);
  });

  it('enforces maximum lengths in characters, counting an emoji as one', () => {
    expect(validateTestCaseInput({ ...valid, name: '😀'.repeat(NAME_MAX_LENGTH) }).ok).toBe(true);
    expect(errorsOf({ ...valid, name: 'x'.repeat(NAME_MAX_LENGTH + 1), behaviour: 'b'.repeat(BEHAVIOUR_MAX_LENGTH + 5) })).toEqual([
      { field: 'name', message: `name must be at most ${NAME_MAX_LENGTH} characters (got ${NAME_MAX_LENGTH + 1})` },
      { field: 'behaviour', message: `behaviour must be at most ${BEHAVIOUR_MAX_LENGTH} characters (got ${BEHAVIOUR_MAX_LENGTH + 5})` },
    ]);
  });

  it.each([
    ['toneOfVoice', 500],
    ['successCriteria', 2000],
    ['agentCriteria', 2000],
    ['type', 100],
    ['intent', 200],
  ])('limits %s to %i characters', (field, max) => {
    expect(validateTestCaseInput({ ...valid, [field]: 'a'.repeat(max) }).ok).toBe(true);
    expect(errorsOf({ ...valid, [field]: 'a'.repeat(max + 1) })).toEqual([
      { field, message: `${field} must be at most ${max} characters (got ${max + 1})` },
    ]);
  });

  it('measures the length after trimming', () => {
    expect(validateTestCaseInput({ ...valid, name: `  ${'x'.repeat(NAME_MAX_LENGTH)}  ` }).ok).toBe(true);
  });

  it('rejects text PostgreSQL cannot store', () => {
    expect(errorsOf({ ...valid, name: 'a\u0000b', type: 'x\uD800y' })).toEqual([
      { field: 'name', message: 'name must not contain NUL characters' },
      { field: 'type', message: 'type contains invalid Unicode text (an unpaired surrogate)' },
    ]);
  });

  it('rejects invalid language tags with a helpful sentence', () => {
    expect(errorsOf({ ...valid, language: 'english' })).toEqual([
      {
        field: 'language',
        message: 'language "english" is not a valid BCP 47 language tag (e.g. "en", "en-GB", "pt-BR"); did you mean "en"?',
      },
    ]);
    for (const language of ['e', 'en_GB', 'xx-123456789', 'qq']) {
      expect(errorsOf({ ...valid, language })).toEqual([
        { field: 'language', message: expect.stringContaining(`language "${language}" is not a valid BCP 47 language tag`) },
      ]);
    }
  });

  describe('persona facts', () => {
    it('treats missing or null facts as none', () => {
      expect(validateTestCaseInput({ ...valid, personaFacts: undefined })).toMatchObject({ ok: true, value: { personaFacts: [] } });
      expect(validateTestCaseInput({ ...valid, personaFacts: null })).toMatchObject({ ok: true, value: { personaFacts: [] } });
    });

    it('names each bad fact by its index', () => {
      expect(
        errorsOf({
          ...valid,
          personaFacts: [
            { name: 'ok', value: 'fine' },
            'order=1',
            { name: '', value: 'x' },
            { name: 'n', value: 5 },
            { name: 'm', value: 'v', note: 'extra' },
            { value: 'no name' },
          ],
        }),
      ).toEqual([
        { field: 'personaFacts[1]', message: 'personaFacts[1] must be an object with "name" and "value", got a string' },
        { field: 'personaFacts[2].name', message: 'personaFacts[2].name is required' },
        { field: 'personaFacts[3].value', message: 'personaFacts[3].value must be a string, got a number (5)' },
        { field: 'personaFacts[4].note', message: 'unknown field "note"' },
        { field: 'personaFacts[5].name', message: 'personaFacts[5].name is required' },
      ]);
    });

    it('rejects duplicate names case-insensitively, naming the duplicate', () => {
      expect(
        errorsOf({
          ...valid,
          personaFacts: [
            { name: 'order_number', value: '1' },
            { name: 'email', value: 'a@b.c' },
            { name: ' Order_Number ', value: '2' },
          ],
        }),
      ).toEqual([
        {
          field: 'personaFacts[2].name',
          message: 'duplicate persona fact name "Order_Number" (already used by personaFacts[0])',
        },
      ]);
    });

    it('limits the number of facts and their lengths', () => {
      const many = Array.from({ length: MAX_PERSONA_FACTS + 1 }, (_, i) => ({ name: `fact${i}`, value: 'v' }));
      expect(errorsOf({ ...valid, personaFacts: many })).toEqual([
        { field: 'personaFacts', message: `personaFacts must have at most ${MAX_PERSONA_FACTS} facts (got ${MAX_PERSONA_FACTS + 1})` },
      ]);
      expect(validateTestCaseInput({ ...valid, personaFacts: many.slice(0, MAX_PERSONA_FACTS) }).ok).toBe(true);
      expect(
        errorsOf({
          ...valid,
          personaFacts: [{ name: 'n'.repeat(PERSONA_FACT_NAME_MAX_LENGTH + 1), value: 'v'.repeat(PERSONA_FACT_VALUE_MAX_LENGTH + 1) }],
        }),
      ).toEqual([
        { field: 'personaFacts[0].name', message: expect.stringContaining(`at most ${PERSONA_FACT_NAME_MAX_LENGTH} characters`) },
        { field: 'personaFacts[0].value', message: expect.stringContaining(`at most ${PERSONA_FACT_VALUE_MAX_LENGTH} characters`) },
      ]);
    });

    it('requires a value for every fact', () => {
      expect(errorsOf({ ...valid, personaFacts: [{ name: 'email', value: '  ' }] })).toEqual([
        { field: 'personaFacts[0].value', message: 'personaFacts[0].value must not be blank' },
      ]);
    });
  });

  it('collects errors from every part of the input together', () => {
    const errors = errorsOf({ name: '', toneOfVoice: 't', behaviour: 'b', successCriteria: 's', language: 'english', personaFacts: {}, extra: 1 });
    expect(errors.map((e) => e.field)).toEqual(['name', 'personaFacts', 'language', 'extra']);
  });
});
