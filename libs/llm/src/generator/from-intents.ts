import type { IntentMaterial } from './types';
import { truncate, type Scenario } from './scenario';

/**
 * Up to `perIntent` scenarios of one intent: one per example utterance (the customer opens
 * with it), then, if the intent has fewer examples, one from its description.
 */
export function intentScenarios(intent: IntentMaterial, perIntent: number): Scenario[] {
  const base = {
    facts: [],
    provide: null,
    type: 'Intent',
    intent: intent.name,
    tone: 'Polite and direct.',
    sourceRef: intent.id,
  };
  const goal = intent.description.trim() ? lowerFirst(intent.description.trim().replace(/[.!?]+$/, '')) : `help with ${intent.name}`;
  const agentCriteria = `The agent recognises the request as "${intent.name}" and handles it within 4 turns, without asking for information already provided.`;
  const scenarios: Scenario[] = intent.examples
    .map((example) => example.trim())
    .filter((example) => example.length > 0)
    .map((example) => ({
      ...base,
      name: truncate(`${intent.name} — "${example}"`, 200),
      opening: example,
      ask: `for help with this (${truncate(goal, 200)})`,
      endWhen: 'the agent has handled your request or told you the next step',
      successCriteria: `The customer's request ("${truncate(example, 300)}") is handled: the agent gives an answer or a concrete next step for ${intent.name}.`,
      agentCriteria,
    }));
  if (scenarios.length < perIntent) {
    scenarios.push({
      ...base,
      name: truncate(`${intent.name} — in the customer's own words`, 200),
      ask: `for help in your own words with this need: ${truncate(goal, 300)}`,
      endWhen: 'the agent has handled your request or told you the next step',
      successCriteria: `The customer gets an answer or a concrete next step for ${intent.name}.`,
      agentCriteria,
    });
  }
  return scenarios.slice(0, perIntent);
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
