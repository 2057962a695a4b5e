import { loadConfig } from '@sim/config';
import { jsonCompletion, scriptedRolesHandler, startFakeOpenAI, type FakeOpenAI } from './testing';
import { createLlmEngines } from './engines';
import { llmConfigDefinition } from './llm.config';
import { JUDGE_SCHEMA_NAME } from './openai/openai-judge';
import type { CaseSpec, TranscriptTurn } from './types';

const testCase: CaseSpec = {
  name: 'Where is my order?',
  toneOfVoice: 'Polite.',
  behaviour: 'Ask where your order is. Provide your order number if asked.',
  personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
  successCriteria: 'The customer receives a tracking link.',
  agentCriteria: 'The agent provides a tracking link within 2 turns.',
  language: 'en',
};

/** A stand-in agent: asks for the order number, then sends a link. */
function agentReply(transcript: TranscriptTurn[]): string {
  return transcript.some((t) => t.role === 'CUSTOMER' && t.text.includes('DG-882341')) ? 'Track it here: https://track.example/882341' : 'What is your order number?';
}

let server: FakeOpenAI | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('llm configuration', () => {
  it('defaults to offline and parses prices as decimals', () => {
    const config = loadConfig(llmConfigDefinition, { LLM_PROMPT_PRICE_PER_MTOK: '2.5' });
    expect(config).toMatchObject({ baseUrl: null, promptPricePerMTok: 2.5, simulatorModel: 'gpt-4o-mini', judgeModel: 'gpt-4o' });
    expect(() => loadConfig(llmConfigDefinition, { LLM_COMPLETION_PRICE_PER_MTOK: 'ten' })).toThrow(/LLM_COMPLETION_PRICE_PER_MTOK/);
    expect(createLlmEngines(config)).toMatchObject({ mode: 'offline', customer: { engine: 'offline-rules/v1' }, judge: { engine: 'offline-rules/v1' } });
  });
});

describe('OpenAI engines', () => {
  async function engines() {
    server = await startFakeOpenAI(scriptedRolesHandler({ usage: { promptTokens: 1_000, completionTokens: 100 } }));
    const config = loadConfig(llmConfigDefinition, {
      LLM_BASE_URL: server.url,
      LLM_API_KEY: 'sk-test',
      LLM_SIMULATOR_MODEL: 'sim-model',
      LLM_JUDGE_MODEL: 'judge-model',
      LLM_PROMPT_PRICE_PER_MTOK: '1',
      LLM_COMPLETION_PRICE_PER_MTOK: '10',
    });
    return createLlmEngines(config);
  }

  it('run a whole conversation against a scripted fake model', async () => {
    const { customer, judge, mode } = await engines();
    expect(mode).toBe('openai');
    expect(customer.engine).toBe('openai:sim-model');
    const transcript: TranscriptTurn[] = [];
    for (let i = 0; i < 6; i += 1) {
      const turn = await customer.nextTurn({ testCase, transcript, maxTurns: 6 }, { tenantId: 't1' });
      expect(turn.usage.costUsd).toBeCloseTo(0.002, 10);
      if (turn.kind === 'end') {
        expect(turn.reason).toBe('goal_met');
        break;
      }
      transcript.push({ index: transcript.length, role: 'CUSTOMER', text: turn.text });
      transcript.push({ index: transcript.length, role: 'AGENT', text: agentReply(transcript) });
    }
    expect(transcript.map((t) => t.text)).toEqual([
      'Hi! Could you tell me where my order is?',
      'What is your order number?',
      'Sure: my order number is DG-882341.',
      'Track it here: https://track.example/882341',
    ]);
    const judgement = await judge.judge({ testCase, transcript, endedBy: 'customer' }, { tenantId: 't1' });
    expect(judgement).toMatchObject({ score: 100, band: 'PASSED', engine: 'openai:judge-model', model: 'judge-model', promptVersion: 'openai-judge/v1' });
    const customerRequest = server?.requests[0].body;
    expect(customerRequest.model).toBe('sim-model');
    expect(customerRequest.response_format.json_schema).toMatchObject({ name: 'simulated_customer_turn', strict: true });
    expect(customerRequest.messages[0].content).toContain('Never invent');
  });

  it('compute the band from the score and cap it when a criterion is unmet', async () => {
    server = await startFakeOpenAI((body) =>
      body.response_format.json_schema.name === JUDGE_SCHEMA_NAME
        ? jsonCompletion({
            user_criteria: [{ criterion: 'Gets a link', met: true, score: 100, reasoning: 'turn 2: link' }],
            agent_criteria: [{ criterion: 'Within 1 turn', met: false, score: 60, reasoning: 'turn 4: too late' }],
            overall_score: 95,
            summary: 'Mostly fine.',
            simulator_error: '',
          })
        : jsonCompletion({}),
    );
    const { judge } = createLlmEngines(loadConfig(llmConfigDefinition, { LLM_BASE_URL: server.url }));
    const judgement = await judge.judge({ testCase, transcript: [], endedBy: 'customer' }, { tenantId: 't1' });
    expect(judgement).toMatchObject({ score: 79, band: 'NEEDS_ATTENTION', simulatorError: null });
    expect(judgement.criteria.map((c) => c.kind)).toEqual(['USER', 'AGENT']);
  });
});
