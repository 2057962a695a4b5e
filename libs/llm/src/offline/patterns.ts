/** Observable facts in a transcript, across the languages the offline engine knows. */

/**
 * A case-insensitive pattern matched as whole words. `\b` only knows ASCII letters, so
 * words such as `übergebe` or `désolé` need Unicode-aware boundaries.
 */
export function words(alternatives: string): RegExp {
  return new RegExp(String.raw`(?<![\p{L}\p{N}_])(?:${alternatives})(?![\p{L}\p{N}_])`, 'iu');
}
export const URL_PATTERN = /https?:\/\/[^\s)"'<>]+[^\s)"'<>.,;:!?]/i;

const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|januari|februari|maart|mei|augustus';
export const DATE_PATTERN = new RegExp(
  String.raw`\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\.\d{1,2}\.(\d{2,4})?|\b\d{1,2}/\d{1,2}\b|\b\d{1,2}(st|nd|rd|th)?\.?\s+(of\s+|de\s+)?(${MONTHS})\w*|\b(${MONTHS})\w*\s+\d{1,2}\b|\b(tomorrow|today|morgen|heute|demain|aujourd'hui|mañana|hoy)\b`,
  'i',
);

export const DURATION_PATTERN =
  /\b\d+(?:\s*(?:-|–|to|bis|à|a|tot)\s*\d+)?\s*(?:working\s+|business\s+)?(days?|weeks?|hours?|tagen?|werktagen?|arbeitstagen?|wochen?|stunden?|jours?|semaines?|heures?|d[ií]as?|semanas?|horas?|dagen|werkdagen|weken|uur)\b/i;

export const MONEY_PATTERN =
  /(?:€|\$|£)\s?\d+(?:[.,]\d{1,2})?|\b\d+(?:[.,]\d{1,2})?\s?(?:€|eur|euros?|usd|gbp|dollars?|\$|£)|\b(free|kostenlos|gratis|gratuite?s?|gratuita|free of charge|no cost)\b/i;

export const FREE_PATTERN = words(String.raw`free|kostenlos|kostenfrei|gratis|gratuite?s?|gratuita|free of charge|no cost|prepaid|frankiert`);

export const HANDOFF_PATTERN = words(String.raw`hand(ing|ed)?\s+(you\s+)?(over|off)|connect(ing)?\s+you\s+(to|with)|transfer(ring)?\s+you|human colleague|human agent|a colleague will|escalat(ed|ing)|weiterleiten|weitergeleitet|verbinde\s+(sie|dich)|übergebe|ein(e)? (menschliche[rn]?)?\s*(mitarbeiter|kolleg)\w*\s+(wird|übernimmt|meldet)|je vous (transf[eè]re|mets en relation)|un conseiller (va|vous)|te (paso|transfiero)|le (paso|transfiero|comunico)|agente humano|doorverbinden|doorgeschakeld`);

export const EMPATHY_PATTERN = words(String.raw`sorry|apologi[sz]e|apologies|i understand|understand how|frustrat\w*|inconvenience|entschuldig\w*|tut (mir|uns) leid|verstehe|ärgerlich|désolée?s?|excuse[sz]?|je comprends|lo siento|lo sentimos|disculp\w*|lamento|entiendo|het spijt|excuses`);

export const DECLINE_PATTERN = words(String.raw`only help with|can only help|can't help with|cannot help with|can not help with|not able to help with|kann (ihnen )?nur bei|nur bei .* helfen|je ne peux (vous )?aider que|uniquement (pour|avec)|solo puedo ayudar|sólo puedo ayudar|kan alleen helpen`);

export const STATUS_PATTERN = words(String.raw`shipped|dispatched|in transit|on (its|the) way|out for delivery|delivered|delayed|processing|expected|not (yet )?shipped|versandt|verschickt|unterwegs|zugestellt|verspätet|voraussichtlich|in bearbeitung|expédiée?|en cours de livraison|livrée?|retardée?|prévue?|enviado|en camino|en tránsito|entregado|retrasado|prevista|verzonden|onderweg|bezorgd|vertraagd`);

export const THANKS_PATTERN = words(String.raw`thanks?|thank you|received|got it|danke|erhalten|merci|reçu|gracias|recibid[oa]|bedankt|dank je|ontvangen`);

export const HUMAN_REQUEST_PATTERN = words(String.raw`human|real person|a person|someone real|mensch\w*|mitarbeiter\w*|humain|conseiller|vraie personne|humano|persona real|medewerker|echt persoon`);

/** Order-number-like tokens (`DG-882341`, `A1234567`) and e-mail addresses, for the invented-fact check. */
export const ORDER_NUMBER_PATTERN = /\b[A-Z]{1,4}-?\d{5,}\b/g;
export const EMAIL_PATTERN = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;

/** Sentences (with their punctuation), for telling questions from statements. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export const REQUEST_PATTERN =
  /\?|\b(please (provide|share|give|send|tell|confirm|enter)|could you (give|tell|share|send|provide|confirm)|can you (give|tell|share|send|provide|confirm)|let me know|bitte (geben|nennen|teilen|senden|schicken)|geben sie|nennen sie|teilen sie|pourriez-vous|pouvez-vous|indiquez|donnez-moi|merci de (me )?(donner|indiquer|fournir)|por favor|ind[ií]que(me)?|d[ée]me|proporcione|facilite|geef|kunt u|laat .* weten)\b/i;

/** Sentences in which the speaker asks for something. */
export function requestSentences(text: string): string[] {
  return sentences(text).filter((s) => REQUEST_PATTERN.test(s));
}
