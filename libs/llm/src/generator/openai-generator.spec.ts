import { jsonCompletion, startFakeOpenAI, type FakeOpenAI } from '../testing';
import { LlmClient } from '../openai/llm-client';
import { GENERATOR_SCHEMA_NAME, OpenAIGenerator } from './openai-generator';
import type { GenerationRequest } from './types';

const order = { kind: 'pai_item' as const, id: 'item-1', itemKind: 'order' as const, data: { orderNumber: 'DG-882341', status: 'in_transit' } };
const request: GenerationRequest = { source: 'PURCHASE_AI', material: [order], count: 2, language: 'fr' };

const answer = (sourceRef: string, name: string) => ({
  name,
  tone_of_voice: 'Polite',
  behaviour: 'Ask where your order is. Give the order number when asked. End when you get a tracking link.',
  persona_facts: [{ name: 'order_number', value: 'DG-882341' }],
  success_criteria: 'The customer receives a tracking link.',
  agent_criteria: 'The agent gives the status within 4 turns.',
  type: 'Order Status',
  intent: 'Order Status :: Where Is My Order',
  source_ref: sourceRef,
});

describe('OpenAIGenerator against an OpenAI-compatible endpoint', () => {
  let server: FakeOpenAI;
  afterEach(async () => {
    await server?.close();
  });

  it('asks with the structured-output schema and the material, keeps only grounded cases, and sets the language', async () => {
    server = await startFakeOpenAI(() =>
      jsonCompletion({ cases: [answer('item-1', 'Where is DG-882341?'), answer('made-up-id', 'Invented order'), answer('item-1', 'Where is DG-882341?')] }, { promptTokens: 400, completionTokens: 200 }),
    );
    const client = new LlmClient({ baseUrl: server.url, apiKey: 'k', timeoutMs: 2000, maxRetries: 1, maxConcurrency: 2 });
    const result = await new OpenAIGenerator(client, 'gpt-test').generate(request, { tenantId: 'acme' });

    const body = server.requests[0].body;
    expect(body.model).toBe('gpt-test');
    expect(body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: GENERATOR_SCHEMA_NAME, strict: true } });
    expect(JSON.stringify(body.messages)).toContain('DG-882341');
    expect(result.cases).toEqual([expect.objectContaining({ name: 'Where is DG-882341?', sourceRef: 'item-1', language: 'fr' })]);
    expect(result.usage.promptTokens).toBe(400);
  });
});
