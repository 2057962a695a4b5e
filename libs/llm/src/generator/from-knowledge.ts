import type { KnowledgeChunkMaterial } from './types';
import { sentences, truncate, type Scenario } from './scenario';

interface Topic {
  matches: RegExp;
  name: string;
  ask: string;
  endWhen: string;
  type: string;
  intent: string;
}

/** Common help-centre topics, in priority order; the first matching the chunk decides the question. */
const TOPICS: readonly Topic[] = [
  { matches: /\b(return|returns|returning|refund|refunds)\b/i, name: 'Return policy', ask: 'how long you have to return an item and how you get your money back', endWhen: 'the agent tells you the return window and how refunds work', type: 'Policy question', intent: 'Returns :: Return Policy' },
  { matches: /\b(exchange|exchanges|swap)\b/i, name: 'Exchanges', ask: 'whether you can exchange an item and how', endWhen: 'the agent explains how an exchange works', type: 'Policy question', intent: 'Returns :: Exchange' },
  { matches: /\b(cancel|cancellation|cancelling|canceling)\b/i, name: 'Cancelling an order', ask: 'whether and until when you can cancel an order', endWhen: 'the agent tells you when and how an order can be cancelled', type: 'Policy question', intent: 'Orders :: Cancel Order' },
  { matches: /\b(shipping|delivery|deliver|dispatch|shipped|courier)\b/i, name: 'Delivery times', ask: 'how long delivery takes and what it costs', endWhen: 'the agent tells you the delivery time and cost', type: 'Policy question', intent: 'Shipping :: Delivery Times' },
  { matches: /\b(warranty|guarantee|repair|defective|faulty)\b/i, name: 'Warranty', ask: 'what the warranty covers and for how long', endWhen: 'the agent tells you what the warranty covers and its length', type: 'Policy question', intent: 'Product :: Warranty' },
  { matches: /\b(payment|pay|card|invoice|paypal|klarna|instalments?)\b/i, name: 'Payment options', ask: 'which payment methods you can use', endWhen: 'the agent lists the payment options', type: 'Policy question', intent: 'Billing :: Payment Methods' },
  { matches: /\b(password|account|log ?in|sign ?in)\b/i, name: 'Account access', ask: 'how to get back into your account', endWhen: 'the agent explains the steps to regain access', type: 'How-to', intent: 'Account :: Access' },
  { matches: /\b(opening hours|open from|hours|store|stores)\b/i, name: 'Opening hours', ask: 'when the store or support is open', endWhen: 'the agent tells you the opening hours', type: 'Information request', intent: 'General :: Opening Hours' },
];

/**
 * A question the chunk answers. The answer the agent must give is the chunk's key sentence
 * (the first with a number in it, else the first), quoted in the agent criterion so the judge
 * can check it; the customer gets no facts it could not know (the chunk holds the answer,
 * not the customer's data), only the topic.
 */
export function knowledgeScenario(chunk: KnowledgeChunkMaterial): Scenario | null {
  const all = sentences(chunk.text);
  if (all.length === 0) return null;
  const key = truncate(all.find((s) => /\d/.test(s)) ?? all[0], 400);
  const topic = TOPICS.find((t) => t.matches.test(`${chunk.title ?? ''} ${chunk.text}`));
  const subject = truncate((chunk.title?.trim() || headingOf(chunk.text) || all[0]).replace(/[.:!?]+$/, ''), 80);
  const base = {
    facts: [],
    provide: null,
    agentCriteria: `The agent answers in line with the knowledge source ("${key}") without inventing other conditions, within 4 turns.`,
    tone: 'Polite and curious.',
    sourceRef: chunk.id,
  };
  if (topic) {
    return {
      ...base,
      name: `${topic.name} — ${lowerFirst(topic.ask)}`,
      ask: topic.ask,
      endWhen: topic.endWhen,
      successCriteria: `The customer is told ${topic.ask.replace(/\byou\b/g, 'they').replace(/\byour\b/g, 'their')}, consistent with the knowledge source.`,
      type: topic.type,
      intent: topic.intent,
    };
  }
  return {
    ...base,
    name: `Question about ${subject}`,
    ask: `about ${subject}: what applies and what you need to do`,
    endWhen: `the agent has explained ${subject}`,
    successCriteria: `The customer receives a clear answer about ${subject}, consistent with the knowledge source.`,
    type: 'Information request',
    intent: null,
  };
}

function headingOf(text: string): string | null {
  const heading = /^#+\s*(.+)$/m.exec(text);
  return heading ? heading[1].trim() : null;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
