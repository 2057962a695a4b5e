import type { CustomerEndReason, CustomerTurn, CustomerTurnRequest, LlmCallContext, SimulatedCustomer } from '../types';
import { languageName, renderPayload } from './conversation-payload';
import type { JsonSchema } from './json-schema';
import type { LlmClient } from './llm-client';

export const CUSTOMER_PROMPT_VERSION = 'openai-customer/v1';
export const CUSTOMER_SCHEMA_NAME = 'simulated_customer_turn';

const END_REASONS = ['goal_met', 'gave_up', 'handed_off', 'behaviour'] as const;

export const customerTurnSchema = {
  type: 'object',
  properties: {
    action: { type: 'string', enum: ['say', 'end'] },
    text: { type: 'string', description: 'The chat message (say), or a short closing line or empty string (end).' },
    reason: { type: 'string', enum: ['none', ...END_REASONS], description: '`none` with say; why you end with end.' },
  },
  required: ['action', 'text', 'reason'],
  additionalProperties: false,
} satisfies JsonSchema;

export interface CustomerTurnAnswer {
  action: 'say' | 'end';
  text: string;
  reason: 'none' | CustomerEndReason;
}

export function customerSystemPrompt(request: CustomerTurnRequest): string {
  const { testCase } = request;
  const facts = testCase.personaFacts.length > 0 ? testCase.personaFacts.map((f) => `- ${f.name}: ${f.value}`).join('\n') : '- (none)';
  return [
    'You play a CUSTOMER writing to a company’s support chat, so that the support agent can be tested. You are never the agent.',
    `Tone of voice: ${testCase.toneOfVoice}`,
    `How you behave (follow it closely, in order): ${testCase.behaviour}`,
    `Facts you know:\n${facts}`,
    `What you want to achieve: ${testCase.successCriteria}`,
    `Write every message in ${languageName(testCase.language)}.`,
    'Rules:',
    '- Reveal a fact only when the agent asks for it or your behaviour says to mention it.',
    '- Never invent an order number, email, name, address, date or any other detail that is not in your facts; if asked for something you do not have, say so.',
    '- One short chat message per turn (1-3 sentences), as a real customer would type it.',
    '- End (action "end") when your goal is met, when your behaviour says to end, when you are handed over to a human, or when you give up after repeated unhelpful answers. Do not end before the agent has replied at least once.',
    `- You have ${request.maxTurns} messages in total; use reason "none" with action "say".`,
  ].join('\n');
}

/** The simulated customer played by a model through structured outputs. */
export class OpenAISimulatedCustomer implements SimulatedCustomer {
  readonly engine: string;
  readonly promptVersion = CUSTOMER_PROMPT_VERSION;

  constructor(
    private readonly client: LlmClient,
    readonly model: string,
  ) {
    this.engine = `openai:${model}`;
  }

  async nextTurn(request: CustomerTurnRequest, context: LlmCallContext): Promise<CustomerTurn> {
    const said = request.transcript.filter((t) => t.role === 'CUSTOMER').length;
    if (said >= request.maxTurns) return { kind: 'end', reason: 'gave_up', usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 } };
    const { value, usage } = await this.client.completeStructured<CustomerTurnAnswer>(
      {
        model: this.model,
        purpose: 'simulated customer',
        role: 'customer',
        temperature: 0.4,
        schemaName: CUSTOMER_SCHEMA_NAME,
        schema: customerTurnSchema,
        messages: [
          { role: 'system', content: customerSystemPrompt(request) },
          {
            role: 'user',
            content: `${renderPayload(request.testCase, request.transcript, { maxTurns: request.maxTurns })}\nThis is your message ${said + 1} of ${request.maxTurns}. Answer with your next move as JSON.`,
          },
        ],
      },
      context,
    );
    const text = value.text.trim();
    if (value.action === 'say' && text) return { kind: 'say', text, usage };
    const reason: CustomerEndReason = value.reason === 'none' ? 'behaviour' : value.reason;
    return { kind: 'end', reason, ...(text ? { text } : {}), usage };
  }
}
