import type { TranscriptTurn } from '../types';
import { factFor, kindOfFact, requestedKinds, spokenName } from './facts';
import { LANGUAGE_LABEL, detectLanguage, namedLanguage } from './language';
import {
  DATE_PATTERN,
  DECLINE_PATTERN,
  DURATION_PATTERN,
  EMPATHY_PATTERN,
  FREE_PATTERN,
  HANDOFF_PATTERN,
  HUMAN_REQUEST_PATTERN,
  MONEY_PATTERN,
  STATUS_PATTERN,
  THANKS_PATTERN,
  URL_PATTERN,
  words,
} from './patterns';
import { cite, quote, type AgentTurnView, type TranscriptView } from './transcript-view';

export interface CheckOutcome {
  met: boolean;
  /** The agent turn the verdict rests on, when one does. */
  evidence?: AgentTurnView;
  note: string;
}

/**
 * One observable requirement a criterion can express. A criterion sentence triggers every
 * check whose `trigger` it matches; `content` checks are the ones "within N turns" limits.
 */
export interface Check {
  id: string;
  trigger: RegExp | ((criterion: string) => boolean);
  unless?: RegExp;
  content: boolean;
  evaluate(view: TranscriptView, criterion: string): CheckOutcome;
}

function firstAgent(view: TranscriptView, test: (text: string) => boolean): AgentTurnView | undefined {
  return view.agent.find((a) => test(a.turn.text));
}

function found(what: string, test: (text: string) => boolean, show: (text: string) => string = quote) {
  return (view: TranscriptView): CheckOutcome => {
    const hit = firstAgent(view, test);
    return hit
      ? { met: true, evidence: hit, note: `${cite(hit.turn)}: the agent ${what} (${show(hit.turn.text)})` }
      : { met: false, note: `no agent turn ${what}` };
  };
}

const matchOf = (pattern: RegExp) => (text: string) => quote(text.match(pattern)?.[0] ?? text);

const RETURN_WORDS = words(String.raw`returns?|returned|rück\w*|retour\w*|devoluci\w*|devolver|retourner|label|étiquette|etiqueta`);
const REFUND_WORDS = words(String.raw`refunds?|refunded|erstattung\w*|rückerstattung\w*|rembours\w*|reembols\w*|terugbetaling\w*`);
const REPLACEMENT_WORDS = words(String.raw`replacement|replace|remplacement|remplacer|ersatz\w*|umtausch|reemplazo|sustituci\w*|vervang\w*|nouvelle cafetière|new one`);
const STORE_WORDS = words(String.raw`store|shop|tienda|magasin|geschäft|laden|filiale|winkel|boutique`);
const OPENING_WORDS = words(
  String.raw`open|opens|closed|hours|geöffnet|geschlossen|öffnungszeiten|ouvert|fermé|horaires|abierto|cerrado|horario|gesloten|openingstijden|sunday|sonntag|dimanche|domingo|zondag`,
);
const CUSTOMS_WORDS = words(String.raw`customs|duties|duty|import (fees|taxes|vat)|zoll\w*|einfuhr\w*|douane\w*|aduana\w*|arancel\w*|invoerrechten|tasas`);
const SHIPPED_STATE = words(
  String.raw`(not|n't|already|yet)\s+(been\s+)?(yet\s+)?(shipped|dispatched|left)|noch nicht versandt|bereits versandt|pas encore (été )?expédiée|déjà expédiée|aún no (se )?ha (sido )?enviado|ya (se )?ha (sido )?enviado|nog niet verzonden|al verzonden`,
);
const ADDRESS_CHANGED = words(
  String.raw`(changed|updated|corrected)\s.{0,50}address|address\s.{0,50}(changed|updated|corrected)|adresse\s.{0,50}(geändert|aktualisiert|modifiée|mise à jour)|(cambiado|actualizado)\s.{0,40}direcci\w+|adres\s.{0,40}(gewijzigd|aangepast)`,
);
const ADDRESS_INSTRUCTIONS = words(String.raw`can(no|')?t be changed|cannot change|no longer be changed|redirect|contact the carrier`);
const INSTRUCTION_WORDS = words(
  String.raw`go to|visit|open|click|print|use the|step|start (a|the|your) return|we('ll| will) (send|email)|i('ve| have) (started|arranged|created|sent)|besuchen|öffnen|klicken|rendez-vous|cliquez|ouvrez|visita|abre|haz clic|ga naar|klik|envoy\w+|enviaremos|schicken`,
);

/** Places a criterion may name, with the words that name them in replies. */
const PLACES: { names: RegExp; exact?: RegExp }[] = [
  { names: words(String.raw`united kingdom|uk|great britain|britain|vereinigte[sn]? königreich|großbritannien|royaume-uni|reino unido|verenigd koninkrijk`) },
  { names: words(String.raw`ireland|irland|irlande|irlanda|ierland`) },
  { names: words(String.raw`austria|österreich|autriche|oostenrijk`) },
  { names: words(String.raw`united states|america|vereinigte[n]? staaten|états-unis|estados unidos|verenigde staten`), exact: /\bU\.?S\.?A?\b/ },
  { names: words(String.raw`canary islands|canaries|canarias|kanaren|kanarische[n]? inseln|îles canaries|canarische eilanden|canarische`) },
  { names: words(String.raw`germany|deutschland|allemagne|alemania|duitsland`) },
  { names: words(String.raw`france|frankreich|francia|frankrijk`) },
  { names: words(String.raw`spain|spanien|espagne|españa|spanje`) },
  { names: words(String.raw`netherlands|niederlande|pays-bas|países bajos|nederland`) },
  { names: words(String.raw`switzerland|schweiz|suisse|suiza|zwitserland`) },
];

function placesIn(text: string) {
  return PLACES.filter((p) => p.names.test(text) || (p.exact?.test(text) ?? false));
}

const mentionsPlace = (place: (typeof PLACES)[number], text: string) => place.names.test(text) || (place.exact?.test(text) ?? false);

function languageCheck(view: TranscriptView, criterion: string): CheckOutcome {
  const target = namedLanguage(criterion) as string;
  const label = LANGUAGE_LABEL[target] ?? target;
  if (view.agent.length === 0) return { met: false, note: 'the agent never replied' };
  const wrong = view.agent
    .map((a) => ({ a, lang: detectLanguage(a.turn.text) }))
    .filter((x) => x.lang !== null && x.lang !== target);
  if (wrong.length === 0) return { met: true, note: `all ${view.agent.length} agent turns are in ${label}` };
  const list = wrong.map((x) => `${cite(x.a.turn)} (${LANGUAGE_LABEL[x.lang as string] ?? x.lang})`).join(', ');
  return { met: false, evidence: wrong[0].a, note: `not in ${label}: ${list}` };
}

/** Each time the agent asks for a fact it asked for before or was already given. */
function repeatedAsks(view: TranscriptView, onlyKind: string | null) {
  const asked = new Map<string, TranscriptTurn>();
  const repeats: { turn: TranscriptTurn; kind: string; because: string }[] = [];
  for (const turn of view.turns) {
    if (turn.role === 'CUSTOMER') continue;
    for (const kind of requestedKinds(turn.text, view.facts)) {
      if (onlyKind && kind !== onlyKind) continue;
      const fact = factFor(kind, view.facts);
      const given = fact && view.turns.find((t) => t.role === 'CUSTOMER' && t.index < turn.index && t.text.includes(fact.value));
      const before = asked.get(kind);
      if (given) repeats.push({ turn, kind, because: `the customer gave it in ${cite(given)}` });
      else if (before) repeats.push({ turn, kind, because: `already asked in ${cite(before)}` });
      if (!before) asked.set(kind, turn);
    }
  }
  return repeats;
}

function noRepeatCheck(view: TranscriptView, criterion: string): CheckOutcome {
  const named = ['order_number', 'email', 'address', 'delivery_country'].find((k) =>
    new RegExp(spokenName(k, 'en'), 'i').test(criterion.replace(/num[ée]ro de commande|bestellnummer|número de pedido/i, 'order number')),
  );
  const repeats = repeatedAsks(view, named ?? null);
  if (repeats.length === 0) return { met: true, note: `the agent never asked for ${named ? spokenName(named, 'en') : 'information'} it already had` };
  const notes = repeats.map((r) => `${cite(r.turn)}: the agent asked for the ${spokenName(r.kind, 'en')} again (${r.because})`);
  return { met: false, note: notes.join('; ') };
}

function acknowledgeCheck(view: TranscriptView): CheckOutcome {
  const firstAsk = view.agent.find((a) => requestedKinds(a.turn.text, view.facts).length > 0);
  const firstEmpathy = firstAgent(view, (t) => EMPATHY_PATTERN.test(t));
  if (!firstEmpathy) return { met: false, note: 'no agent turn acknowledges the customer’s situation' };
  if (firstAsk && firstAsk.turn.index < firstEmpathy.turn.index) {
    return {
      met: false,
      evidence: firstAsk,
      note: `${cite(firstAsk.turn)}: the agent asked for details before acknowledging anything (first acknowledgement only in ${cite(firstEmpathy.turn)})`,
    };
  }
  return { met: true, evidence: firstEmpathy, note: `${cite(firstEmpathy.turn)}: the agent acknowledged it first (${matchOf(EMPATHY_PATTERN)(firstEmpathy.turn.text)})` };
}

function handoffCheck(view: TranscriptView): CheckOutcome {
  const hit = firstAgent(view, (t) => HANDOFF_PATTERN.test(t));
  if (hit) return { met: true, evidence: hit, note: `${cite(hit.turn)}: the agent handed over (${matchOf(HANDOFF_PATTERN)(hit.turn.text)})` };
  if (view.endedBy === 'handoff') {
    const last = view.agent[view.agent.length - 1];
    return { met: true, evidence: last, note: `${last ? cite(last.turn) : 'the end'}: the conversation ended in a handoff` };
  }
  return { met: false, note: 'no agent turn hands the customer over or escalates' };
}

function numbersOf(criterion: string): RegExp | null {
  const m = criterion.match(/(\d+)\s*(?:[-–]|to|bis|à)?\s*(\d+)?[- ]?(?:working |business |arbeits|werk)?(?:days?|tage?n?|jours?|d[ií]as?|dagen)/i);
  if (!m) return null;
  return m[2]
    ? new RegExp(String.raw`\b${m[1]}\s*(?:-|–|to|bis|à|a|tot)\s*${m[2]}\b`, 'i')
    : new RegExp(String.raw`\b${m[1]}[- ]?(?:working |business )?(?:days?|tage?n?|jours?|d[ií]as?|dagen)`, 'i');
}

function customerConfirmsCheck(view: TranscriptView): CheckOutcome {
  const link = firstAgent(view, (t) => URL_PATTERN.test(t));
  if (!link) return { met: false, note: 'there was nothing to confirm: no link was sent' };
  const confirm = view.customer.find((t) => t.index > link.turn.index && THANKS_PATTERN.test(t.text));
  return confirm
    ? { met: true, evidence: link, note: `${cite(confirm)}: the customer confirmed (${quote(confirm.text)})` }
    : { met: false, evidence: link, note: 'the customer never confirmed receiving it' };
}

export const CHECKS: Check[] = [
  {
    id: 'language',
    trigger: (criterion) =>
      namedLanguage(criterion) !== null && /(answer|respond|repl|speak|writ|antwort|spricht|schreibt|répond|parle|écrit|contest|habla|escribe|antwoord|spreek)/i.test(criterion),
    content: false,
    evaluate: languageCheck,
  },
  {
    id: 'no-repeat-ask',
    trigger: /already (provided|given)|repeat (information|themselves)|ask\w* .{0,40}(twice|again)|zweimal|deux fois|dos veces|twee keer|erneut|wiederholen/i,
    content: false,
    evaluate: noRepeatCheck,
  },
  { id: 'acknowledges-first', trigger: /acknowledg|empath|frustration|apologi|anerkenn|reconna|reconoc|erken/i, content: false, evaluate: acknowledgeCheck },
  {
    id: 'handoff',
    trigger: /human|hand(s|ed)? (over|off|to)|handoff|escalat|mensch|mitarbeiter|humain|conseiller|humano|eskal|escalad|medewerker/i,
    content: true,
    evaluate: handoffCheck,
  },
  {
    id: 'tracking-link',
    trigger: /tracking|sendungsverfolgung|suivi|seguimiento|track ?(and|&) ?trace|volglink|\blink\b|\blien\b|enlace/i,
    content: true,
    evaluate: found('sent a tracking link', (t) => URL_PATTERN.test(t), matchOf(URL_PATTERN)),
  },
  {
    id: 'delivery-date',
    trigger: /(delivery|new|concrete|arrival)\s.{0,20}date|lieferdatum|liefertermin|date de livraison|fecha de entrega|leverdatum/i,
    content: true,
    evaluate: found('gave a date', (t) => DATE_PATTERN.test(t), matchOf(DATE_PATTERN)),
  },
  {
    id: 'delivery-status',
    trigger: /status|update on|statut|estado|where .{0,10}order is/i,
    content: true,
    evaluate: found('gave the delivery status', (t) => STATUS_PATTERN.test(t) || DATE_PATTERN.test(t), matchOf(STATUS_PATTERN)),
  },
  {
    id: 'return-window',
    trigger: /return (window|policy|period)|\d+-day return|how long .{0,30}return|rückgabefrist|délai de retour|plazo de devoluci|retourtermijn/i,
    content: true,
    evaluate: found('stated the return window', (t) => DURATION_PATTERN.test(t) && RETURN_WORDS.test(t), matchOf(DURATION_PATTERN)),
  },
  {
    id: 'return-cost',
    trigger: /cost of (the )?return|return shipping|free return|return label|rücksendekosten|frais de retour|coste de (la )?devoluci|retourkosten/i,
    content: true,
    evaluate: found('said what return shipping costs', (t) => (FREE_PATTERN.test(t) || MONEY_PATTERN.test(t)) && RETURN_WORDS.test(t), matchOf(MONEY_PATTERN)),
  },
  {
    id: 'how-to-start',
    trigger: /how to (start|begin)|start (a|the) return|steps|procedure|procédure|process|wie .{0,20}(start|beginn)|cómo (iniciar|empezar)|procedimiento|hoe .{0,20}start/i,
    content: true,
    evaluate: found('explained how to start', (t) => URL_PATTERN.test(t) || INSTRUCTION_WORDS.test(t), (t) => quote(t.match(URL_PATTERN)?.[0] ?? t.match(INSTRUCTION_WORDS)?.[0] ?? t)),
  },
  {
    id: 'refund-timing',
    trigger: /(refund|erstattung|rembours|reembols|terugbetaling).{0,40}(when|timeline|arriv|wann|quand|cuándo|wanneer|binnenkomt)|(when|wann|quand|cuándo|wanneer).{0,40}(refund|erstattung|rembours|reembols|terugbetaling)/i,
    content: true,
    evaluate: found('said when the refund arrives', (t) => REFUND_WORDS.test(t) && (DURATION_PATTERN.test(t) || DATE_PATTERN.test(t)), matchOf(DURATION_PATTERN)),
  },
  {
    id: 'exact-duration',
    trigger: /\d+\s*(?:[-–]|to|bis|à)?\s*(\d+)?[- ]?(working |business |arbeits|werk)?(days?|tage?n?|jours?|d[ií]as?|dagen)/i,
    content: true,
    evaluate(view, criterion) {
      const pattern = numbersOf(criterion) as RegExp;
      return found(`stated ${criterion.match(pattern)?.[0] ?? 'the stated duration'}`, (t) => pattern.test(t), matchOf(pattern))(view);
    },
  },
  { id: 'replacement', trigger: REPLACEMENT_WORDS, content: true, evaluate: found('offered a replacement', (t) => REPLACEMENT_WORDS.test(t), matchOf(REPLACEMENT_WORDS)) },
  {
    id: 'address-changed',
    trigger: /address|adresse|direcci|\badres\b/i,
    unless: /e-?mail/i,
    content: true,
    evaluate(view, criterion) {
      const orInstructions = /instruction|anleitung|instrucciones|consignes|instructies/i.test(criterion);
      return found('confirmed the address change', (t) => ADDRESS_CHANGED.test(t) || (orInstructions && ADDRESS_INSTRUCTIONS.test(t)))(view);
    },
  },
  {
    id: 'checks-shipped',
    trigger: /whether .{0,30}(shipped|dispatched)|has shipped|check\w* .{0,30}(shipped|dispatch)|before promising|versandt wurde|expédiée|ya se envió/i,
    content: true,
    evaluate(view) {
      const promise = firstAgent(view, (t) => ADDRESS_CHANGED.test(t));
      const checked = firstAgent(view, (t) => SHIPPED_STATE.test(t));
      if (!checked) return { met: false, evidence: promise, note: 'the agent never said whether the order had shipped' };
      if (promise && promise.turn.index < checked.turn.index) {
        return { met: false, evidence: promise, note: `${cite(promise.turn)}: the change was promised before the shipping status was checked` };
      }
      return { met: true, evidence: checked, note: `${cite(checked.turn)}: the agent checked the shipping status first (${matchOf(SHIPPED_STATE)(checked.turn.text)})` };
    },
  },
  {
    id: 'store-question',
    trigger: STORE_WORDS,
    content: true,
    evaluate: found('answered the store question', (t) => STORE_WORDS.test(t) && OPENING_WORDS.test(t) && !DECLINE_PATTERN.test(t)),
  },
  {
    id: 'declines-off-topic',
    trigger: /declin|off-topic|off topic|refus|ablehn|hors sujet|rechaz|weiger/i,
    content: true,
    evaluate: found('declined the off-topic question', (t) => DECLINE_PATTERN.test(t), matchOf(DECLINE_PATTERN)),
  },
  {
    id: 'standard-and-express',
    trigger: /express|exprés|expr[eè]s/i,
    content: true,
    evaluate: found('gave standard and express times', (t) => /standard|estándar|normal/i.test(t) && /expr[eéè]s/i.test(t) && DURATION_PATTERN.test(t)),
  },
  { id: 'customs', trigger: CUSTOMS_WORDS, content: true, evaluate: found('addressed customs and duties', (t) => CUSTOMS_WORDS.test(t), matchOf(CUSTOMS_WORDS)) },
  {
    id: 'delivery-times',
    trigger: /delivery times?|shipping times?|how long|transit time|plazo|tarda|lieferzeit|délai de livraison|levertijd/i,
    unless: /return (window|policy)|refund/i,
    content: true,
    evaluate: found('gave delivery times', (t) => DURATION_PATTERN.test(t), matchOf(DURATION_PATTERN)),
  },
  {
    id: 'cost',
    trigger: /\b(cost|costs|price|coste|costo|kosten|prix|tarif|precio|shipping fee)\b/i,
    unless: /return shipping|cost of (the )?return/i,
    content: true,
    evaluate: found('gave the cost', (t) => MONEY_PATTERN.test(t), matchOf(MONEY_PATTERN)),
  },
  {
    id: 'country-specific',
    trigger: /country-specific|specific to the country|for (that|the) country|länderspezifisch|spécifiques? au pays|específic/i,
    content: true,
    evaluate(view) {
      const country = view.facts.find((f) => ['delivery_country', 'address'].includes(kindOfFact(f.name)));
      const place = country ? placesIn(country.value)[0] : undefined;
      if (!place) return found('named a destination with its delivery time', (t) => placesIn(t).length > 0 && DURATION_PATTERN.test(t))(view);
      return found(`gave delivery times for ${country?.value}`, (t) => mentionsPlace(place, t) && DURATION_PATTERN.test(t))(view);
    },
  },
  {
    id: 'place',
    trigger: (criterion) => placesIn(criterion).length > 0,
    content: true,
    evaluate(view, criterion) {
      const places = placesIn(criterion);
      return found('named the destination', (t) => places.some((p) => mentionsPlace(p, t)))(view);
    },
  },
  {
    id: 'customer-confirms',
    trigger: /(customer|user|client|kunde|kundin|cliente|klant)\w* .{0,30}(confirm|bestätig|confirme|confirma|bevestig)/i,
    content: false,
    evaluate: customerConfirmsCheck,
  },
];

export function applies(check: Check, criterion: string): boolean {
  const hit = typeof check.trigger === 'function' ? check.trigger(criterion) : check.trigger.test(criterion);
  return hit && !(check.unless?.test(criterion) ?? false);
}

/** "within 4 turns", "innerhalb von 4 Nachrichten": the latest agent reply that still counts. */
export function turnLimit(criterion: string, view: TranscriptView): { limit: number; label: string } | null {
  const numberWords: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, zwei: 2, drei: 3, vier: 4, fünf: 5, deux: 2, trois: 3, quatre: 4, dos: 2, tres: 3, cuatro: 4 };
  const m = criterion.match(
    /(?:within|innerhalb(?: von)?|en|dans les|binnen)\s+(\d+|[a-zäöüéè]+)\s+(turns?|messages?|replies|exchanges|nachrichten|antworten|runden|tours|échanges|turnos|mensajes|beurten|berichten)/i,
  );
  if (!m) return null;
  const n = Number(m[1]) || numberWords[m[1].toLowerCase()];
  if (!n) return null;
  if (/of the first request|nach der ersten|de la première demande|de la primera solicitud/i.test(criterion)) {
    const request = view.customer.find((t) => HUMAN_REQUEST_PATTERN.test(t.text));
    if (request) {
      const before = view.agent.filter((a) => a.turn.index < request.index).at(-1)?.reply ?? 0;
      return { limit: before + n, label: `${n} replies after the first request (${cite(request)})` };
    }
  }
  return { limit: n, label: `${n} agent replies` };
}
