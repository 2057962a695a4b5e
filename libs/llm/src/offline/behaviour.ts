import type { CaseSpec } from '../types';
import { FACT_KINDS } from './facts';
import type { Lang } from './language';
import { EMPATHY_PATTERN, sentences } from './patterns';
import { PHRASES } from './phrases';

/** What the behaviour prompt tells the offline customer to do, read once per turn. */
export interface BehaviourPlan {
  /** Things to say on its own initiative, in the customer's words, in order; the first opens. */
  agenda: string[];
  /** Keep a fact back until a condition holds ("Refuse to give your order number until ..."). */
  withhold: { kind: string; refusal: string; condition: RegExp } | null;
  /** Ask for a human (or escalation) once stuck, after this many unanswered attempts. */
  escalation: { text: string; afterAttempts: number } | null;
  /** Wants a human from the start and repeats the request, then insists. */
  wantsHuman: boolean;
  /** "End after the second answer". */
  endAfterAnswers: number | null;
  /** Confirms a received link when closing ("confirm you have received it and end"). */
  confirmLink: boolean;
}

const END = /^(end|stop|finish|termina|terminar|beende|beenden|termine|terminer|beëindig|sluit)\b|\b(end|beende|termine|termina|beëindig)\w* (the|das|la|het) (conversation|gespräch|chat|conversación|gesprek)|\bend (once|when|after|as soon)\b|\b(and|then) end\b|(termine|finaliza) (la conversación|cuando)/i;
const PROVIDE =
  /\b(provide|give|share|tell|nenne|nennen|gib|donne|indique|da|dale|proporciona|facilita|geef|noem)\b.*\b(if|when|once|wenn|sobald|si|cuando|als|indien|zodra)\b.{0,30}(ask|request|gefragt|demand|pid|pregunt|vraagt|gevraagd|erom|danach)/i;
const HUMAN_WORDS = /human|person|mensch|mitarbeiter|humain|conseiller|humano|persona|medewerker/i;
const IMMEDIATE = /\b(immediately|straight away|right away|at once|sofort|immédiatement|tout de suite|inmediatamente|enseguida|meteen|direct)\b/i;
const INSIST = /repeat the request|insist|wiederhole|bestehe|répète|insiste|repite|herhaal|dring aan/i;
const CONDITIONAL = /^(if|wenn|falls|sobald|si|cuando|als|indien|once)\b/i;
const ESCALATION = /escalat|eskal|escalad|doorzet|supervisor|manager|vorgesetzt|responsable/i;
const TWO_ATTEMPTS = /\b(two|2|zwei|deux|dos|twee) (attempts|tries|versuchen|tentatives|intentos|pogingen)/i;
const AFTER_ANSWERS = /after the (second|2nd|third|3rd) (answer|reply)|nach der (zweiten|dritten) antwort|après la (deuxième|troisième) réponse|después de la (segunda|tercera) respuesta|na het (tweede|derde) antwoord/i;
const ACKNOWLEDGE = /acknowledg|apolog|sorry|anerkenn|entschuldig|reconna|excuse|reconoc|disculp|erken/i;
const THEN_SPLIT = /,?\s+(?:and\s+)?(?:then|dann|danach|puis|ensuite|luego|después|daarna)\s+/i;

export function planBehaviour(testCase: CaseSpec, lang: Lang): BehaviourPlan {
  const phrases = PHRASES[lang];
  const plan: BehaviourPlan = { agenda: [], withhold: null, escalation: null, wantsHuman: false, endAfterAnswers: null, confirmLink: false };
  for (const sentence of sentences(testCase.behaviour)) {
    const after = sentence.match(AFTER_ANSWERS);
    if (after) plan.endAfterAnswers = /third|3rd|dritten|troisième|tercera|derde/i.test(after[0]) ? 3 : 2;
    const withhold = sentence.match(/refuse to (?:give|share|provide|tell) (?:them |the agent )?(?:your |the )?(.+?) until (.+?)(?:,\s*then.*)?[.!]?$/i);
    if (withhold) {
      const kind = Object.entries(FACT_KINDS).find(([, p]) => p.test(withhold[1]))?.[0] ?? withhold[1].replace(/\s+/g, '_');
      const until = withhold[2].replace(/^the agent (\w+?)s\b/i, 'you $1');
      plan.withhold = {
        kind,
        refusal: phrases.refuse(withhold[1], lang === 'en' ? until : UNTIL_ACKNOWLEDGED[lang]),
        condition: ACKNOWLEDGE.test(withhold[2]) ? EMPATHY_PATTERN : new RegExp(keyWords(withhold[2]).join('|') || '.', 'i'),
      };
      continue;
    }
    if (IMMEDIATE.test(sentence) && HUMAN_WORDS.test(sentence)) {
      plan.wantsHuman = true;
      continue;
    }
    if (INSIST.test(sentence)) {
      plan.wantsHuman = plan.wantsHuman || HUMAN_WORDS.test(testCase.behaviour);
      continue;
    }
    if (CONDITIONAL.test(sentence) && (HUMAN_WORDS.test(sentence) || ESCALATION.test(sentence)) && !END.test(sentence)) {
      plan.escalation = { text: ESCALATION.test(sentence) ? phrases.escalate : phrases.askHuman, afterAttempts: TWO_ATTEMPTS.test(sentence) ? 2 : 1 };
      continue;
    }
    if (END.test(sentence)) {
      plan.confirmLink = plan.confirmLink || (/confirm|bedanke|danke|remercie|agradece|bedank|thank/i.test(sentence) && /link|tracking|verfolgung|lien|suivi|enlace/i.test(sentence));
      continue;
    }
    if (PROVIDE.test(sentence) || CONDITIONAL.test(sentence)) continue;
    for (const part of sentence.split(THEN_SPLIT)) plan.agenda.push(inCustomerWords(part, lang));
  }
  return plan;
}

const UNTIL_ACKNOWLEDGED: Record<Lang, string> = {
  en: 'you acknowledge my problem',
  de: 'Sie mein Problem anerkennen',
  fr: 'vous n’aurez pas reconnu mon problème',
  es: 'reconozca mi problema',
  nl: 'u mijn probleem erkent',
};

/** Words of five letters or more, for conditions the engine has no rule for. */
function keyWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}]{5,}/gu) ?? []).filter((w) => !['agent', 'until', 'their', 'about'].includes(w));
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

type Rewrite = [RegExp, (m: RegExpMatchArray, swap: (t: string) => string) => string];

/** Imperative instructions ("Ask where your order is") turned into the customer's own words. */
const REWRITES: Record<Lang, Rewrite[]> = {
  en: [
    [/^ask to (speak|talk) (to|with) (.+)$/i, (m, s) => `I'd like to ${m[1]} ${m[2]} ${s(m[3])}, please.`],
    [/^ask for confirmation (?:that|of) (.+)$/i, (m, s) => `Can you confirm that ${s(m[1])}?`],
    [/^ask (?:them |the agent )?about (.+)$/i, (m, s) => `Could you tell me about ${s(m[1])}?`],
    [/^ask (?:them |the agent )?for (.+)$/i, (m, s) => `Could I have ${s(m[1])}, please?`],
    [/^ask (?:them |the agent )?(.+)$/i, (m, s) => `Could you tell me ${s(m[1])}?`],
    [/^(?:say|explain|tell (?:them|the agent)|mention|state|complain|report)(?: that)?,? (.+)$/i, (m, s) => `${capital(s(m[1]))}.`],
    [/^(?:request|demand) (.+)$/i, (m, s) => `I'd like ${s(m[1])}, please.`],
  ],
  de: [
    [/^frage(?: den agenten)? nach (.+)$/i, (m, s) => `Ich möchte nach ${s(m[1])} fragen.`],
    [/^frage(?: den agenten)?,? ((?:ob|wann|wo|wie|was|warum|welche)\s.+)$/i, (m, s) => `Können Sie mir sagen, ${s(m[1])}?`],
    [/^(?:sage|sag|erkläre|erklär|erzähle|berichte),? (?:dass )?(.+)$/i, (m, s) => `${capital(s(m[1]))}.`],
    [/^bitte um (.+)$/i, (m, s) => `Ich bitte um ${s(m[1])}.`],
  ],
  fr: [
    [/^demande (?:à l[’']agent )?((?:si|s[’']il|quand|où|comment|combien|pourquoi|quel\w*)[\s’'].+)$/i, (m, s) => `Pouvez-vous me dire ${s(m[1])} ?`],
    [/^demande (.+)$/i, (m, s) => `Je voudrais ${s(m[1])}.`],
    [/^(?:explique|dis|indique|précise|signale|raconte)(?: que | qu[’'])(.+)$/i, (m, s) => `${capital(s(m[1]))}.`],
  ],
  es: [
    [/^pregunta (?:al agente )?((?:si|cuándo|cuánto|cuánta|cómo|dónde|qué|por qué|cuál)\s.+)$/i, (m, s) => `Quería saber ${s(m[1])}.`],
    [/^pide (.+)$/i, (m, s) => `Quisiera ${s(m[1])}.`],
    [/^(?:di|explica|cuenta|comenta)(?: que)? (.+)$/i, (m, s) => `${capital(s(m[1]))}.`],
  ],
  nl: [
    [/^vraag (?:de agent )?((?:wanneer|of|waar|hoe|wat|hoeveel|waarom|welke)\s.+)$/i, (m, s) => `Ik wil graag weten ${s(m[1])}.`],
    [/^vraag (?:om|naar) (.+)$/i, (m, s) => `Ik wil graag ${s(m[1])}.`],
    [/^(?:zeg|vertel|leg uit)(?: dat)? (.+)$/i, (m, s) => `${capital(s(m[1]))}.`],
  ],
};

export function inCustomerWords(instruction: string, lang: Lang): string {
  const text = instruction
    .trim()
    .replace(/[.!]+$/, '')
    .replace(/^(immediately|politely|first|also|finally|next|then|zuerst|dann|d’abord|puis|primero|luego|eerst)\s+/i, '');
  const swap = (t: string) => swapPronouns(t, lang);
  for (const [pattern, build] of REWRITES[lang]) {
    const m = text.match(pattern);
    if (m) return build(m, swap);
  }
  return `${capital(swap(text))}.`;
}

const SWAPS: Record<Lang, [RegExp, string][]> = {
  en: [
    [/\b(to|give|gives|tell|tells|told|send|sends|sent|for|with|help|helps|asks?) you\b/gi, '$1 me'],
    [/\byourself\b/gi, 'myself'],
    [/\byours\b/gi, 'mine'],
    [/\byour\b/gi, 'my'],
    [/\byou're\b/gi, "I'm"],
    [/\byou've\b/gi, "I've"],
    [/\byou (have|had|want|need|bought|ordered|entered|returned|received|are|were)\b/gi, 'I $1'],
    [/\bI are\b/g, 'I am'],
    [/\bI were\b/g, 'I was'],
    [/\byou\b/gi, 'I'],
  ],
  de: [
    [/\bdeiner\b/gi, 'meiner'],
    [/\bdeine\b/gi, 'meine'],
    [/\bdeinen\b/gi, 'meinen'],
    [/\bdeinem\b/gi, 'meinem'],
    [/\bdeines\b/gi, 'meines'],
    [/\bdein\b/gi, 'mein'],
    [/\bdu hast\b/gi, 'ich habe'],
    [/\bdu bist\b/gi, 'ich bin'],
    [/\bdu willst\b/gi, 'ich will'],
    [/\bdu möchtest\b/gi, 'ich möchte'],
    [/\bdu\b/gi, 'ich'],
    [/\bdich\b/gi, 'mich'],
    [/\bdir\b/gi, 'mir'],
  ],
  fr: [
    [/\bta\b/gi, 'ma'],
    [/\bton\b/gi, 'mon'],
    [/\btes\b/gi, 'mes'],
    [/\btu as\b/gi, 'j’ai'],
    [/\btu es\b/gi, 'je suis'],
    [/\btu\b/gi, 'je'],
    [/\bte\b/gi, 'me'],
    [/\btoi\b/gi, 'moi'],
  ],
  es: [
    [/\btus\b/gi, 'mis'],
    [/\btu\b/gi, 'mi'],
    [/\bte\b/gi, 'me'],
    [/\btienes\b/gi, 'tengo'],
    [/\bquieres\b/gi, 'quiero'],
  ],
  nl: [
    [/\bjouw\b/gi, 'mijn'],
    [/\bjij\b/gi, 'ik'],
    [/\bje\b/gi, 'mijn'],
  ],
};

export function swapPronouns(text: string, lang: Lang): string {
  return SWAPS[lang].reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}
