import type { PersonaFact } from '../types';
import type { TicketMaterial } from './types';
import { sentences, truncate, type Scenario } from './scenario';

/** Identifiers a customer typed: order numbers such as DG-882341 or #10023, and e-mail addresses. */
const ORDER_NUMBER = /(?:#\s?\d{4,}|\b[A-Z]{1,5}-?\d{4,}\b|\border\s+(?:number\s+|no\.?\s+)?(\d{4,})\b)/gi;
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g;

/** Facts the customer gave in the ticket; nothing else, so the simulation stays grounded. */
function ticketFacts(customerText: string): PersonaFact[] {
  const facts: PersonaFact[] = [];
  const orders = [...customerText.matchAll(ORDER_NUMBER)].map((m) => (m[1] ?? m[0]).replace(/^#\s?/, '').trim());
  const emails = customerText.match(EMAIL) ?? [];
  if (orders[0]) facts.push({ name: 'order_number', value: orders[0] });
  if (emails[0]) facts.push({ name: 'email', value: emails[0] });
  return facts;
}

/** Reproduce the customer's problem of a past conversation. */
export function ticketScenario(ticket: TicketMaterial): Scenario | null {
  const customerTurns = ticket.turns.filter((t) => t.role === 'CUSTOMER' && t.text.trim() !== '');
  if (customerTurns.length === 0) return null;
  const opening = truncate(customerTurns[0].text.trim().replace(/\s+/g, ' '), 500);
  const problem = truncate(sentences(opening)[0] ?? opening, 120).replace(/[.!?]+$/, '');
  const facts = ticketFacts(customerTurns.map((t) => t.text).join('\n'));
  const unhappy = ticket.csat !== null && ticket.csat <= 2;
  const resolution = ticket.resolution?.trim();
  return {
    name: truncate(`${ticket.intent ?? 'Past ticket'} — ${problem}`, 200),
    opening,
    ask: 'for a solution to this problem',
    facts,
    provide: facts.length ? facts.map((f) => `your ${f.name.replace(/_/g, ' ')}`).join(' and ') : null,
    endWhen: resolution ? `the agent resolves the problem (as support once did: ${truncate(resolution, 200)})` : 'the agent resolves the problem or gives a concrete next step',
    successCriteria: resolution
      ? `The customer's problem is resolved: ${truncate(resolution, 300)}`
      : "The customer's problem is resolved or the customer receives a concrete next step.",
    agentCriteria: unhappy
      ? 'The agent acknowledges the frustration, resolves the problem within 4 turns and does not ask for information already provided (the original conversation left the customer unhappy).'
      : 'The agent resolves the problem within 4 turns and does not ask for information already provided.',
    type: 'Historical ticket',
    intent: ticket.intent,
    tone: unhappy ? 'Frustrated and short on patience; this has happened before.' : 'Polite and matter-of-fact.',
    sourceRef: ticket.id,
  };
}
