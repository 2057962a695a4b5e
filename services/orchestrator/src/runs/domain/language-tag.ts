/**
 * The run's language override is a BCP 47 tag, checked as strictly as test-cases checks a
 * case's language: ICU (through `Intl`) parses and canonicalises it, and its primary
 * language must be a real ISO 639 language a simulated customer could speak.
 */

export type LanguageTagCheck = { ok: true; tag: string } | { ok: false; message: string };

const EXAMPLES = '(e.g. "en", "en-GB", "pt-BR")';
/** ISO 639 codes that name no particular language. */
const NOT_A_LANGUAGE = new Set(['und', 'mis', 'mul', 'zxx']);

let names: Intl.DisplayNames | undefined;

function knownLanguage(code: string): boolean {
  names ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  try {
    return names.of(code) !== undefined;
  } catch {
    return false;
  }
}

export function checkLanguageTag(raw: string): LanguageTagCheck {
  const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  const invalid = (reason?: string): LanguageTagCheck => ({
    ok: false,
    message: `${shown} is not a valid BCP 47 language tag${reason ? `: ${reason}` : ''} ${EXAMPLES}`,
  });
  if (raw.includes('_')) return invalid('subtags are separated by "-", not "_"');
  // Structure first: ICU is lenient about some forms (e.g. 4-8 letter "languages" such as `english`).
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(raw)) return invalid();
  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(raw)[0];
  } catch {
    return invalid();
  }
  const language = tag.split('-')[0];
  if (NOT_A_LANGUAGE.has(language)) return invalid(`"${language}" is not a language`);
  if (!knownLanguage(language)) return invalid(`"${language}" is not a known ISO 639 language code`);
  return { ok: true, tag };
}
