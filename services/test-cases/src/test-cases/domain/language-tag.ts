/**
 * BCP 47 (RFC 5646) language tags: a structural parse of our own, then ICU (through `Intl`)
 * to canonicalise the tag and to tell whether its language is a real ISO 639 language.
 * ICU alone is not enough: it accepts `root` and 4-8 letter "languages" such as `english`,
 * and throws on valid grandfathered and extlang forms.
 */

export type LanguageTagResult = { ok: true; tag: string } | { ok: false; message: string };

const EXAMPLES = '(e.g. "en", "en-GB", "pt-BR")';

/** Grandfathered tags (RFC 5646 section 2.2.8) mapped to their IANA preferred value, or null when there is none. */
const GRANDFATHERED: Readonly<Record<string, string | null>> = {
  'en-gb-oed': 'en-GB-oxendict',
  'i-ami': 'ami',
  'i-bnn': 'bnn',
  'i-default': null,
  'i-enochian': null,
  'i-hak': 'hak',
  'i-klingon': 'tlh',
  'i-lux': 'lb',
  'i-mingo': null,
  'i-navajo': 'nv',
  'i-pwn': 'pwn',
  'i-tao': 'tao',
  'i-tay': 'tay',
  'i-tsu': 'tsu',
  'sgn-be-fr': 'sfb',
  'sgn-be-nl': 'vgt',
  'sgn-ch-de': 'sgg',
  'art-lojban': 'jbo',
  'cel-gaulish': null,
  'no-bok': 'nb',
  'no-nyn': 'nn',
  'zh-guoyu': 'cmn',
  'zh-hakka': 'hak',
  'zh-min': null,
  'zh-min-nan': 'nan',
  'zh-xiang': 'hsn',
};

/** ISO 639 codes that exist but name no particular language, so a simulated customer cannot speak them. */
const NOT_A_LANGUAGE: Readonly<Record<string, string>> = {
  und: 'undetermined',
  mis: 'uncoded languages',
  mul: 'multiple languages',
  zxx: 'no linguistic content',
};

type ParsedTag = {
  language: string;
  extlangs: string[];
  script?: string;
  region?: string;
  variants: string[];
  extensions: { singleton: string; subtags: string[] }[];
  privateUse: string[];
};

const isAlpha = (s: string, min: number, max: number) => s.length >= min && s.length <= max && /^[a-z]+$/.test(s);
const isDigits = (s: string, len: number) => s.length === len && /^[0-9]+$/.test(s);
const isAlnum = (s: string, min: number, max: number) => s.length >= min && s.length <= max && /^[a-z0-9]+$/.test(s);
const isVariant = (s: string) => isAlnum(s, 5, 8) || (s.length === 4 && /^[0-9][a-z0-9]{3}$/.test(s));

/** Parses the `langtag` production of RFC 5646 (lower-cased subtags), or returns null. */
function parseLangtag(tag: string): ParsedTag | null {
  if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(tag)) return null;
  const subtags = tag.toLowerCase().split('-');
  let i = 0;
  const next = () => subtags[i];

  const language = subtags[i++];
  if (!isAlpha(language, 2, 8)) return null;
  const parsed: ParsedTag = { language, extlangs: [], variants: [], extensions: [], privateUse: [] };
  if (language.length <= 3) {
    while (parsed.extlangs.length < 3 && i < subtags.length && isAlpha(next(), 3, 3)) parsed.extlangs.push(subtags[i++]);
  }
  if (i < subtags.length && isAlpha(next(), 4, 4)) parsed.script = subtags[i++];
  if (i < subtags.length && (isAlpha(next(), 2, 2) || isDigits(next(), 3))) parsed.region = subtags[i++];
  while (i < subtags.length && isVariant(next())) parsed.variants.push(subtags[i++]);
  while (i < subtags.length && next().length === 1 && next() !== 'x') {
    const extension = { singleton: subtags[i++], subtags: [] as string[] };
    while (i < subtags.length && isAlnum(next(), 2, 8)) extension.subtags.push(subtags[i++]);
    if (extension.subtags.length === 0) return null;
    parsed.extensions.push(extension);
  }
  if (i < subtags.length && next() === 'x') {
    i++;
    while (i < subtags.length && isAlnum(next(), 1, 8)) parsed.privateUse.push(subtags[i++]);
    if (parsed.privateUse.length === 0) return null;
  }
  return i === subtags.length ? parsed : null;
}

/** Rules RFC 5646 places on a well-formed tag beyond its grammar (section 2.2). */
function ruleViolation(parsed: ParsedTag): string | null {
  if (parsed.extlangs.length > 1) return 'a tag may have at most one extended language subtag';
  const seenVariants = new Set<string>();
  for (const variant of parsed.variants) {
    if (seenVariants.has(variant)) return `the variant "${variant}" appears twice`;
    seenVariants.add(variant);
  }
  const seenSingletons = new Set<string>();
  for (const { singleton } of parsed.extensions) {
    if (seenSingletons.has(singleton)) return `the extension "${singleton}" appears twice`;
    seenSingletons.add(singleton);
  }
  return null;
}

/** Rebuilds the tag with an extlang promoted to the primary language, as RFC 5646 section 4.5 canonicalises it. */
function withoutExtlang(parsed: ParsedTag): string {
  return [
    parsed.extlangs[0] ?? parsed.language,
    parsed.script,
    parsed.region,
    ...parsed.variants,
    ...parsed.extensions.flatMap((e) => [e.singleton, ...e.subtags]),
    ...(parsed.privateUse.length ? ['x', ...parsed.privateUse] : []),
  ]
    .filter((s): s is string => s !== undefined)
    .join('-');
}

let languageNames: Intl.DisplayNames | undefined;
const displayName = (language: string): string | undefined => {
  languageNames ??= new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
  return languageNames.of(language);
};

let codesByName: Map<string, string> | undefined;
/** "english" -> "en", built once from the two-letter codes ICU knows. */
function codeForLanguageName(name: string): string | undefined {
  if (!codesByName) {
    codesByName = new Map();
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    for (const a of letters) {
      for (const b of letters) {
        const code = a + b;
        const display = displayName(code);
        if (display && Intl.getCanonicalLocales(code)[0] === code) codesByName.set(display.toLowerCase(), code);
      }
    }
  }
  return codesByName.get(name.trim().toLowerCase());
}

function invalid(raw: string, reason?: string, suggestion?: string): LanguageTagResult {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const because = reason ? `: ${reason}` : '';
  const didYouMean = suggestion ? `; did you mean "${suggestion}"?` : '';
  return {
    ok: false,
    message: `language ${JSON.stringify(shown)} is not a valid BCP 47 language tag${because} ${EXAMPLES}${didYouMean}`,
  };
}

/** Validates a BCP 47 tag and returns its canonical form (`en-gb` -> `en-GB`, `iw` -> `he`, `i-klingon` -> `tlh`). */
export function canonicalizeLanguageTag(raw: string): LanguageTagResult {
  const result = check(raw);
  if (result.ok) return result;
  if (raw.includes('_')) {
    const dashed = check(raw.replace(/_/g, '-'));
    if (dashed.ok) return invalid(raw, 'subtags are separated by "-", not "_"', dashed.tag);
  }
  const named = /^[a-z ]{3,}$/i.test(raw) ? codeForLanguageName(raw) : undefined;
  return named ? invalid(raw, undefined, named) : result;
}

function check(raw: string): LanguageTagResult {
  const grandfathered = GRANDFATHERED[raw.toLowerCase()];
  if (grandfathered === null) return invalid(raw, 'this deprecated tag has no modern equivalent');
  const parsed = parseLangtag(grandfathered ?? raw);
  if (!parsed) {
    return /^x-/i.test(raw) ? invalid(raw, 'a private-use tag does not name a language') : invalid(raw);
  }
  const violation = ruleViolation(parsed);
  if (violation) return invalid(raw, violation);

  let tag: string;
  try {
    tag = Intl.getCanonicalLocales(withoutExtlang(parsed))[0];
  } catch {
    return invalid(raw);
  }
  const language = tag.split('-')[0];
  if (language in NOT_A_LANGUAGE) return invalid(raw, `"${language}" means ${NOT_A_LANGUAGE[language]}, not a language`);
  if (language.length > 3) return invalid(raw);
  if (displayName(language) === undefined) {
    return invalid(raw, `"${parsed.extlangs[0] ?? parsed.language}" is not a known ISO 639 language code`);
  }
  return { ok: true, tag };
}
