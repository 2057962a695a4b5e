import {
  noUsage,
  type CustomerEndReason,
  type CustomerTurn,
  type CustomerTurnRequest,
  type LlmCallContext,
  type SimulatedCustomer,
  type TranscriptTurn,
} from '../types';
import { planBehaviour, type BehaviourPlan } from './behaviour';
import { evaluateCriteria } from './criteria';
import { factFor, requestedKinds, spokenName } from './facts';
import { spokenLanguage, type Lang } from './language';
import { OFFLINE_ENGINE, OFFLINE_MODEL } from './offline-judge';
import { HANDOFF_PATTERN, URL_PATTERN } from './patterns';
import { PHRASES, type CustomerPhrases } from './phrases';
import { viewOf } from './transcript-view';

export const OFFLINE_CUSTOMER_VERSION = 'offline-customer/v1';

const BRUSQUE_TONE = /frustrat|curt|angry|irritat|annoyed|rude|wütend|genervt|verärgert|énervé|agacé|irrité|enfadad|molest|irritad|boos|geïrriteerd/i;

/** Everything the customer derives from the conversation so far (it keeps no state of its own). */
interface Situation {
  request: CustomerTurnRequest;
  lang: Lang;
  phrases: CustomerPhrases;
  plan: BehaviourPlan;
  said: string[];
  /** What the agent said since the customer's last turn. */
  reply: string;
}

/**
 * The simulated customer without a model: follows the behaviour prompt's instructions
 * (what to ask, what to withhold, when to escalate or end), answers questions with persona
 * facts only, and ends when the user success criteria are observably met.
 */
export class OfflineSimulatedCustomer implements SimulatedCustomer {
  readonly engine = OFFLINE_ENGINE;
  readonly model = OFFLINE_MODEL;
  readonly promptVersion = OFFLINE_CUSTOMER_VERSION;

  async nextTurn(request: CustomerTurnRequest, _context: LlmCallContext): Promise<CustomerTurn> {
    const lang = spokenLanguage(request.testCase.language);
    const customerTurns = request.transcript.filter((t) => t.role === 'CUSTOMER');
    if (customerTurns.length >= request.maxTurns) return end('gave_up');
    const plan = planBehaviour(request.testCase, lang);
    const phrases = PHRASES[lang];
    if (customerTurns.length === 0) return say(opening(request, plan, phrases));
    const situation: Situation = { request, lang, phrases, plan, said: customerTurns.map((t) => t.text), reply: replySinceLastCustomerTurn(request.transcript) };
    return finished(situation) ?? answerQuestion(situation) ?? nextAgendaItem(situation) ?? whenStuck(situation);
  }
}

function say(text: string): CustomerTurn {
  return { kind: 'say', text, usage: noUsage() };
}

function end(reason: CustomerEndReason, text?: string): CustomerTurn {
  return { kind: 'end', reason, ...(text ? { text } : {}), usage: noUsage() };
}

function opening(request: CustomerTurnRequest, plan: BehaviourPlan, phrases: CustomerPhrases): string {
  const first = plan.wantsHuman ? phrases.askHuman : (plan.agenda[0] ?? phrases.askHuman);
  return BRUSQUE_TONE.test(request.testCase.toneOfVoice) ? first : `${phrases.greeting} ${first}`;
}

function replySinceLastCustomerTurn(transcript: TranscriptTurn[]): string {
  const lastCustomer = transcript.map((t) => t.role).lastIndexOf('CUSTOMER');
  return transcript
    .slice(lastCustomer + 1)
    .map((t) => t.text)
    .join('\n');
}

const count = (said: string[], text: string) => said.filter((s) => s.includes(text)).length;

/** Handed over, goal met, or the behaviour's own end condition. */
function finished(s: Situation): CustomerTurn | null {
  const { request, phrases, plan } = s;
  if (HANDOFF_PATTERN.test(s.reply)) return end('handed_off', phrases.closingHandedOff);
  const view = viewOf(request.transcript, request.testCase.personaFacts);
  const goals = evaluateCriteria([{ text: request.testCase.successCriteria, kind: 'USER' }], view);
  if (goals.length > 0 && goals.every((g) => g.met)) {
    const gotLink = plan.confirmLink && view.agent.some((a) => URL_PATTERN.test(a.turn.text));
    return end('goal_met', gotLink ? phrases.closingConfirmLink : phrases.closing);
  }
  const agendaDone = plan.agenda.every((item) => count(s.said, item) > 0);
  const replies = new Set(view.agent.map((a) => a.reply)).size;
  if (plan.endAfterAnswers !== null && agendaDone && replies >= plan.endAfterAnswers) return end('behaviour', phrases.closingUnanswered);
  return null;
}

/** The agent asked for something: a persona fact, a refusal the behaviour demands, or "I don't have it". */
function answerQuestion(s: Situation): CustomerTurn | null {
  const facts = s.request.testCase.personaFacts;
  const asked = requestedKinds(s.reply, facts);
  if (asked.length === 0) return null;
  const { withhold } = s.plan;
  if (withhold && asked.includes(withhold.kind)) {
    const agentTurns = s.request.transcript.filter((t) => t.role === 'AGENT');
    const conditionMet = agentTurns.some((t) => withhold.condition.test(t.text));
    if (!conditionMet && count(s.said, withhold.refusal) < 2) return say(withhold.refusal);
  }
  const known = asked.map((kind) => ({ kind, fact: factFor(kind, facts) }));
  const have = known.filter((k) => k.fact);
  if (have.length > 0) {
    const repeated = have.some((k) => s.said.some((line) => line.includes(k.fact?.value as string)));
    return say(s.phrases.giveFacts(have.map((k) => s.phrases.factPart(spokenName(k.kind, s.lang), k.fact?.value as string)), repeated));
  }
  const line = s.phrases.dontHave(asked.map((kind) => spokenName(kind, s.lang)));
  return count(s.said, line) < 2 ? say(line) : null;
}

function nextAgendaItem(s: Situation): CustomerTurn | null {
  const next = s.plan.agenda.find((item) => count(s.said, item) === 0);
  return next ? say(next) : null;
}

/** Nothing left to say and the goal not met: repeat, escalate as the behaviour says, then give up. */
function whenStuck(s: Situation): CustomerTurn {
  const { phrases, plan } = s;
  if (plan.wantsHuman) {
    const asks = count(s.said, phrases.askHuman);
    if (asks < 2) return say(phrases.askHuman);
    if (count(s.said, phrases.insistHuman) < 1) return say(phrases.insistHuman);
    return end('gave_up', phrases.gaveUp);
  }
  const mainRequest = plan.agenda[plan.agenda.length - 1] ?? phrases.askHuman;
  const waiting = phrases.stillWaiting(mainRequest);
  const repeats = count(s.said, waiting);
  if (plan.escalation) {
    if (repeats < plan.escalation.afterAttempts - 1) return say(waiting);
    const escalations = count(s.said, plan.escalation.text);
    if (escalations < 2) return say(plan.escalation.text);
    return end('gave_up', phrases.gaveUp);
  }
  return repeats < 2 ? say(waiting) : end('gave_up', phrases.gaveUp);
}
