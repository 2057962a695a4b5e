import type { TranscriptTurn } from '@sim/llm';
import type { AgentConnector, AgentReply, AgentTurnRequest } from '../agent-connector';
import { GREETING_ONLY, ORDER_NUMBER, THANKS_OR_BYE, WANTS_ACKNOWLEDGEMENT, intentOf, type DemoIntent } from './demo-intents';
import { ENGLISH_ONLY, REPLIES, destinationIn } from './demo-replies';
import { DEMO_ORDERS, type DemoLang, type DemoOrder } from './demo-store-data';

/** What the agent knows about the conversation, re-derived from the history on every turn. */
interface Conversation {
  lang: DemoLang;
  message: string;
  customerMessages: string[];
  agentMessages: string[];
  /** The flow the conversation is in: this message's intent, else the latest earlier one. */
  intent: DemoIntent | null;
  orderNumber: string | null;
}

const reply = (messages: string[], flags: Partial<Pick<AgentReply, 'handoff' | 'end'>> = {}): AgentReply => ({
  messages,
  handoff: flags.handoff ?? false,
  end: flags.end ?? false,
});

/**
 * The built-in DEMO agent: a small web shop's support flows with its own data (orders,
 * delivery options, returns, refunds, replacements, address changes, handoff). Deterministic
 * and stateless, so any simulation against it is reproducible. It has realistic flaws on
 * purpose, so demo runs show all three score bands: it asks again for an order number it
 * was given when changing an address, it asks for the order number before acknowledging a
 * late delivery, it declines anything off-topic (store hours included), it answers
 * replacements and address changes in English only, and it does not understand Dutch.
 */
export class DemoAgent implements AgentConnector {
  async send(request: AgentTurnRequest): Promise<AgentReply> {
    return respond(understand(request));
  }
}

function understand(request: AgentTurnRequest): Conversation {
  const primary = request.language.toLowerCase().split(/[-_]/)[0];
  const lang: DemoLang = primary === 'de' || primary === 'fr' || primary === 'es' ? primary : 'en';
  const said = (role: TranscriptTurn['role']) => request.history.filter((t) => t.role === role).map((t) => t.text);
  const customerMessages = [...said('CUSTOMER'), request.message];
  const latestFirst = [...customerMessages].reverse();
  const intent = latestFirst.map(intentOf).find((i) => i !== null) ?? null;
  const orderNumber = latestFirst.map((m) => m.match(ORDER_NUMBER)?.[0]).find(Boolean) ?? null;
  return { lang, message: request.message, customerMessages, agentMessages: said('AGENT'), intent, orderNumber: orderNumber ? normalise(orderNumber) : null };
}

const normalise = (orderNumber: string) => orderNumber.toUpperCase().replace(/^DG-?/, 'DG-');

function respond(c: Conversation): AgentReply {
  const t = REPLIES[c.lang];
  const ownIntent = intentOf(c.message);
  if (!ownIntent && !ORDER_NUMBER.test(c.message)) {
    if (GREETING_ONLY.test(c.message)) return reply([t.greeting]);
    if (THANKS_OR_BYE.test(c.message)) return reply([t.goodbye], { end: true });
  }
  switch (c.intent) {
    case 'human':
      return human(c);
    case 'address_change':
      return addressChange(c);
    case 'damaged':
      return withOrder(c, ENGLISH_ONLY.damagedAskOrder, (o) => (o.state === 'delivered' ? ENGLISH_ONLY.replacement(o) : ENGLISH_ONLY.replacementNotDelivered(o)));
    case 'refund':
      return withOrder(c, t.refundAskOrder, (o) => t.refund(o));
    case 'return':
      return reply([t.returnsPolicy]);
    case 'late':
    case 'order_status':
      return orderStatus(c);
    case 'delivery_info': {
      const destination = [...c.customerMessages].reverse().map(destinationIn).find(Boolean);
      return reply([destination ? t.delivery(destination) : t.askCountry]);
    }
    case 'off_topic':
      return reply([t.offTopic]);
    default:
      return c.orderNumber ? orderStatus(c) : reply([t.notUnderstood]);
  }
}

function findOrder(number: string): DemoOrder | undefined {
  return DEMO_ORDERS.find((o) => o.number === number);
}

/** Asks for the order number until it has one, then answers with the order. */
function withOrder(c: Conversation, ask: string, answer: (order: DemoOrder) => string | string[]): AgentReply {
  if (!c.orderNumber) return reply([ask]);
  const order = findOrder(c.orderNumber);
  if (!order) return reply([REPLIES[c.lang].unknownOrder(c.orderNumber)]);
  const text = answer(order);
  return reply(Array.isArray(text) ? text : [text]);
}

function orderStatus(c: Conversation): AgentReply {
  const t = REPLIES[c.lang];
  // The flaw: a late-delivery complaint gets the order-number question, not an apology,
  // unless the customer explicitly asks to be acknowledged.
  const ask = c.intent === 'late' && WANTS_ACKNOWLEDGEMENT.test(c.message) ? `${t.sorryForDelay} ${t.askOrderNumber}` : t.askOrderNumber;
  return withOrder(c, ask, (o) => t.status(o));
}

function human(c: Conversation): AgentReply {
  const t = REPLIES[c.lang];
  const requests = c.customerMessages.filter((m) => intentOf(m) === 'human').length;
  // It tries to help first once, unless the customer has been at it for a while already.
  if (requests >= 2 || c.customerMessages.length >= 3) return reply([t.handoff], { handoff: true });
  return reply([t.offerHelpFirst]);
}

const ADDRESS_IN_TEXT = /(?:new (?:delivery )?address|neue (?:liefer)?adresse|nouvelle adresse|nueva dirección)(?: is| ist| est| es)?:?\s*(.+?)\.?$/i;
const STREET_ADDRESS = /\d+[a-z]?\s+[\p{L}' -]+\s(?:street|road|avenue|lane|way|drive|place|st\.|rd\.|straße|strasse|weg|gasse|rue|calle|avenida|straat)\b[^.]*/iu;

function newAddress(messages: string[]): string | null {
  for (const message of [...messages].reverse()) {
    const named = message.match(ADDRESS_IN_TEXT)?.[1] ?? message.match(STREET_ADDRESS)?.[0];
    if (named) return named.trim().replace(/[.!]+$/, '');
  }
  return null;
}

function addressChange(c: Conversation): AgentReply {
  if (!c.orderNumber) return reply([ENGLISH_ONLY.addressAskOrder]);
  const order = findOrder(c.orderNumber);
  if (!order) return reply([REPLIES[c.lang].unknownOrder(c.orderNumber)]);
  if (order.state !== 'processing') return reply([ENGLISH_ONLY.addressTooLate(order)]);
  const address = newAddress(c.customerMessages);
  if (!address) return reply([ENGLISH_ONLY.addressAskBoth]);
  const alreadyChanged = c.agentMessages.some((m) => m.includes(address));
  return reply([alreadyChanged ? ENGLISH_ONLY.addressConfirmed(order, address) : ENGLISH_ONLY.addressChanged(order, address)]);
}
