import { languageName } from '../openai/conversation-payload';
import type { PersonaFact } from '../types';
import type { GeneratedCase } from './types';

/**
 * What the offline generator knows about one case before it is written out: the source
 * builders fill it from the material, `writeCase` turns it into the test-case fields.
 */
export interface Scenario {
  /** Short name, e.g. `Return policy — how long to return an item`. */
  name: string;
  /** What the customer asks, after "Ask ": e.g. `how long you have to return an item`. */
  ask: string;
  /** Exact words to open the conversation with (from an intent example or a ticket), if any. */
  opening?: string;
  /** Only facts taken from the material. */
  facts: PersonaFact[];
  /** What to give when the agent asks, e.g. `your order number`; null when nothing. */
  provide: string | null;
  /** When the customer's goal is reached, after "Once ": e.g. `the agent tells you the return window`. */
  endWhen: string;
  successCriteria: string;
  agentCriteria: string;
  type: string;
  intent: string | null;
  /** Tone of the standard variant; the other variants set their own. */
  tone: string;
  sourceRef: string;
}

/** How one scenario is played; several styles give several cases from one piece of material. */
export interface PersonaStyle {
  nameSuffix: string;
  tone: (scenario: Scenario) => string;
  open: (scenario: Scenario) => string;
}

const quoted = (text: string) => `"${text}"`;

export const PERSONA_STYLES: readonly PersonaStyle[] = [
  {
    nameSuffix: '',
    tone: (s) => s.tone,
    open: (s) => (s.opening ? `Open the conversation with: ${quoted(s.opening)} Then ask ${s.ask} if the agent has not answered it.` : `Ask ${s.ask}.`),
  },
  {
    nameSuffix: ' — in a hurry',
    tone: () => 'Impatient and brief. Short messages, no small talk.',
    open: (s) => `Say you are in a hurry and ask ${s.ask} in one short message.`,
  },
  {
    nameSuffix: ' — vague first message',
    tone: () => 'Unsure and a little confused; writes casually.',
    open: (s) => `Start vaguely, saying only that you have a question, and explain that you want to know ${s.ask} once the agent asks what you need.`,
  },
];

/**
 * The test-case fields of a scenario played in a style. The behaviour follows PRODUCT.md
 * "Writing a good test case": what to ask, what to provide if asked, when to end, when to
 * ask for a human. The offline engine writes its instructions in English whatever the
 * language (it has no translation model); the case's `language` field is the requested one,
 * and the simulated customer is told to speak it.
 */
export function writeCase(scenario: Scenario, style: PersonaStyle, language: string): GeneratedCase {
  const provide = scenario.provide ? ` If the agent asks, provide ${scenario.provide} from your persona facts; never invent other details.` : ' Do not invent order numbers or other details.';
  const behaviour = [
    `${style.open(scenario)}${provide}`,
    `Once ${scenario.endWhen}, thank the agent and end the conversation.`,
    'If the agent cannot help after two attempts, ask to speak to a human.',
    `Hold the whole conversation in ${languageName(language)}.`,
  ].join(' ');
  return {
    name: truncate(`${scenario.name}${style.nameSuffix}`, 200),
    toneOfVoice: style.tone(scenario),
    behaviour,
    personaFacts: scenario.facts,
    successCriteria: scenario.successCriteria,
    language,
    agentCriteria: scenario.agentCriteria,
    type: scenario.type,
    intent: scenario.intent,
    sourceRef: scenario.sourceRef,
  };
}

export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The first sentence of a text, whitespace collapsed. */
export function sentences(text: string): string[] {
  return text
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** `order_number`-style fact name from a field name such as `Order Number`. */
export function factName(field: string): string {
  return field
    .trim()
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}
