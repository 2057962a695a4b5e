import { canonicalizeLanguageTag } from './language-tag';

const EXAMPLES = '(e.g. "en", "en-GB", "pt-BR")';

describe('canonicalizeLanguageTag', () => {
  it('checks that this Node has full ICU, which language checks depend on', () => {
    expect(new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of('qq')).toBeUndefined();
    expect(new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' }).of('pt')).toBe('Portuguese');
  });

  it.each([
    ['en', 'en'],
    ['en-gb', 'en-GB'],
    ['EN-latn-gb', 'en-Latn-GB'],
    ['pt-BR', 'pt-BR'],
    ['es-419', 'es-419'],
    ['zh-Hant-TW', 'zh-Hant-TW'],
    ['sr-Cyrl', 'sr-Cyrl'],
    ['de-DE-1996', 'de-DE-1996'],
    ['sl-rozaj-biske', 'sl-biske-rozaj'], // Intl orders variants alphabetically
    ['en-US-u-ca-gregory', 'en-US-u-ca-gregory'],
    ['en-a-bbb-x-private', 'en-a-bbb-x-private'],
    ['en-x-a', 'en-x-a'],
    ['haw', 'haw'],
    ['yue', 'yue'],
    ['fil', 'fil'],
    ['iw', 'he'], // deprecated code, replaced by its successor
    ['zh-yue-HK', 'yue-HK'], // extlang form, canonicalised per RFC 5646 section 4.5
    ['i-klingon', 'tlh'], // irregular grandfathered tag
    ['art-lojban', 'jbo'], // regular grandfathered tag
    ['en-GB-oed', 'en-GB-oxendict'],
    ['zh-min-nan', 'nan'],
  ])('accepts %s as %s', (raw, canonical) => {
    expect(canonicalizeLanguageTag(raw)).toEqual({ ok: true, tag: canonical });
  });

  it('rejects a language name with the example message and suggests the code', () => {
    expect(canonicalizeLanguageTag('english')).toEqual({
      ok: false,
      message: `language "english" is not a valid BCP 47 language tag ${EXAMPLES}; did you mean "en"?`,
    });
    expect(canonicalizeLanguageTag('Portuguese')).toMatchObject({ ok: false, message: expect.stringContaining('did you mean "pt"?') });
  });

  it('rejects an underscore separator and suggests the dashed tag', () => {
    expect(canonicalizeLanguageTag('en_GB')).toEqual({
      ok: false,
      message: `language "en_GB" is not a valid BCP 47 language tag: subtags are separated by "-", not "_" ${EXAMPLES}; did you mean "en-GB"?`,
    });
  });

  it.each([
    'e', // too short
    'xx-123456789', // 9-digit subtag fits no production
    'en-', // empty subtag
    '-en',
    'en--GB',
    'en GB',
    'én',
    '123',
    'en-GB-x', // private use needs a subtag
    'en-a', // extension needs a subtag
    'en-a-x-foo',
    'abcdefghi', // language subtags are at most 8 letters
    'root', // ICU's root locale is not a language
    'abcd', // 4-letter language subtags are reserved
  ])('rejects the malformed tag %j', (raw) => {
    const result = canonicalizeLanguageTag(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(`language ${JSON.stringify(raw)} is not a valid BCP 47 language tag`);
  });

  it('rejects a well-formed tag whose language is not an ISO 639 code, naming the subtag', () => {
    expect(canonicalizeLanguageTag('qq-GB')).toEqual({
      ok: false,
      message: `language "qq-GB" is not a valid BCP 47 language tag: "qq" is not a known ISO 639 language code ${EXAMPLES}`,
    });
    expect(canonicalizeLanguageTag('zz').ok).toBe(false);
    expect(canonicalizeLanguageTag('qaa').ok).toBe(false); // reserved for private use
    expect(canonicalizeLanguageTag('en-abc').ok).toBe(false); // unknown extlang becomes the language
  });

  it.each([
    ['und', 'undetermined'],
    ['mul', 'multiple languages'],
    ['zxx', 'no linguistic content'],
  ])('rejects the special code %s', (raw, meaning) => {
    expect(canonicalizeLanguageTag(raw)).toMatchObject({ ok: false, message: expect.stringContaining(meaning) });
  });

  it.each([
    ['de-1996-1996', 'the variant "1996" appears twice'],
    ['en-a-bbb-a-ccc', 'the extension "a" appears twice'],
    ['zh-yue-cmn', 'at most one extended language subtag'],
    ['i-default', 'no modern equivalent'],
    ['x-klingon', 'private-use tag does not name a language'],
  ])('explains why %s is invalid', (raw, reason) => {
    expect(canonicalizeLanguageTag(raw)).toMatchObject({ ok: false, message: expect.stringContaining(reason) });
  });

  it('shortens a very long tag in the message', () => {
    const result = canonicalizeLanguageTag(`en-${'a'.repeat(100)}`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message.length).toBeLessThan(150);
  });
});
