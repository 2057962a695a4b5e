/** Languages the offline engine speaks; other tags fall back to English phrasing. */
export type Lang = 'en' | 'de' | 'fr' | 'es' | 'nl';

const SPOKEN: readonly Lang[] = ['en', 'de', 'fr', 'es', 'nl'];

/** `de-AT` -> `de`; unknown languages -> `en`. */
export function spokenLanguage(tag: string | null | undefined): Lang {
  const primary = (tag ?? 'en').toLowerCase().split(/[-_]/)[0];
  return (SPOKEN as readonly string[]).includes(primary) ? (primary as Lang) : 'en';
}

/** The primary subtag, kept even when the engine cannot speak it (for language checks). */
export function primarySubtag(tag: string | null | undefined): string {
  return (tag ?? 'en').toLowerCase().split(/[-_]/)[0];
}

// Frequent short words that mostly belong to one language; enough to tell a reply's language.
const STOP_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'are', 'you', 'your', 'to', 'of', 'for', 'with', 'we', 'it', 'this', 'that', 'can', 'will', 'be', 'have', 'please', 'my', 'i', 'order', 'has', 'what', 'which', 'could'],
  de: ['der', 'die', 'das', 'und', 'ist', 'sie', 'ihre', 'ihr', 'wir', 'nicht', 'mit', 'für', 'zu', 'ein', 'eine', 'bitte', 'ich', 'bestellung', 'auf', 'den', 'dem', 'ihnen', 'wie', 'können'],
  fr: ['le', 'la', 'les', 'et', 'est', 'vous', 'votre', 'nous', 'pas', 'pour', 'avec', 'un', 'une', 'des', 'du', 'je', 'merci', 'commande', 'que', 'pouvez', 'bonjour', 'sur'],
  es: ['el', 'los', 'las', 'y', 'es', 'usted', 'su', 'para', 'con', 'una', 'del', 'que', 'por', 'pedido', 'gracias', 'tu', 'puede', 'hola', 'envío', 'días'],
  nl: ['het', 'een', 'en', 'je', 'uw', 'wij', 'niet', 'voor', 'met', 'van', 'dat', 'ik', 'bestelling', 'graag', 'bedankt', 'wanneer', 'mijn', 'kunt', 'wat'],
  it: ['il', 'della', 'sono', 'che', 'non', 'per', 'una', 'ordine', 'grazie', 'ciao', 'suo', 'gli'],
};

/** The language with the most stop words in `text`, or null when too few words say. */
export function detectLanguage(text: string): string | null {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let best: string | null = null;
  let bestHits = 1; // at least two hits to claim a language
  for (const [lang, stops] of Object.entries(STOP_WORDS)) {
    const hits = words.filter((w) => stops.includes(w)).length;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}

const LANGUAGE_NAMES: Record<string, RegExp> = {
  en: /\b(english|englisch|anglais|ingl[ée]s|engels)\b/i,
  de: /\b(german|deutsch|allemand|alem[áa]n|duits)\b/i,
  fr: /\b(french|französisch|fran[çc]ais|franc[ée]s|frans)\b/i,
  es: /\b(spanish|spanisch|espagnol|espa[ñn]ol|spaans)\b/i,
  nl: /\b(dutch|niederländisch|n[ée]erlandais|neerland[ée]s|nederlands)\b/i,
  it: /\b(italian|italienisch|italien|italiano|italiaans)\b/i,
};

export const LANGUAGE_LABEL: Record<string, string> = {
  en: 'English',
  de: 'German',
  fr: 'French',
  es: 'Spanish',
  nl: 'Dutch',
  it: 'Italian',
};

/** The language a criterion names, e.g. "antwortet auf Deutsch" -> `de`. */
export function namedLanguage(text: string): string | null {
  for (const [lang, pattern] of Object.entries(LANGUAGE_NAMES)) if (pattern.test(text)) return lang;
  return null;
}
