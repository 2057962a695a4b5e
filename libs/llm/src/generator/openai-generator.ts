import { languageName } from '../openai/conversation-payload';
import type { JsonSchema } from '../openai/json-schema';
import type { LlmClient } from '../openai/llm-client';
import type { LlmCallContext } from '../types';
import { caseFingerprint } from './ids';
import type { GeneratedCase, GenerationMaterial, GenerationRequest, GenerationResult, TestCaseGenerator } from './types';

export const GENERATOR_PROMPT_VERSION = 'openai-generator/v1';
export const GENERATOR_SCHEMA_NAME = 'generated_test_cases';
/** Material sent in one prompt, in characters; the rest is left out rather than overflowing the context. */
const MAX_MATERIAL_CHARS = 24_000;

const nullableString: JsonSchema = { type: ['string', 'null'] };

export const generatedCasesSchema = {
  type: 'object',
  properties: {
    cases: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', description: 'Short scenario name, e.g. "Where is my order? — Standard tracked delivery".' },
          tone_of_voice: { type: 'string' },
          behaviour: { type: 'string', description: 'Instructions to the simulated customer: what to ask, what to provide if asked, when to end, when to ask for a human.' },
          persona_facts: {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, value: { type: 'string' } }, required: ['name', 'value'], additionalProperties: false },
          },
          success_criteria: { type: 'string', description: 'Observable in the transcript.' },
          agent_criteria: { type: ['string', 'null'], description: 'How to judge the agent.' },
          type: nullableString,
          intent: nullableString,
          source_ref: { type: 'string', description: 'The id of the material item the case is grounded in.' },
        },
        required: ['name', 'tone_of_voice', 'behaviour', 'persona_facts', 'success_criteria', 'agent_criteria', 'type', 'intent', 'source_ref'],
        additionalProperties: false,
      },
    },
  },
  required: ['cases'],
  additionalProperties: false,
} satisfies JsonSchema;

interface CaseAnswer {
  name: string;
  tone_of_voice: string;
  behaviour: string;
  persona_facts: { name: string; value: string }[];
  success_criteria: string;
  agent_criteria: string | null;
  type: string | null;
  intent: string | null;
  source_ref: string;
}

const SOURCE_GUIDE: Record<GenerationRequest['source'], string> = {
  KNOWLEDGE_SOURCE: 'Each knowledge chunk: a question the chunk answers; the agent criteria quote the answer the chunk gives.',
  PURCHASE_AI: 'Each order: "where is my order" with the real order number as a persona fact. Each product: an availability or price question naming the product.',
  INTENTS: 'Each intent: cases from its examples and description (the customer may open with an example).',
  HISTORICAL_TICKETS: "Each ticket: reproduce the customer's problem, with facts (order numbers, e-mails) taken from the ticket.",
};

export function generatorSystemPrompt(request: GenerationRequest): string {
  return [
    'You write test cases for simulating customers talking to an AI customer-support agent.',
    `Write ${request.count} distinct test cases grounded ONLY in the material given. ${SOURCE_GUIDE[request.source]}`,
    request.source === 'INTENTS' ? `Write ${request.casesPerIntent ?? 1} case(s) per intent.` : '',
    'behaviour: specific instructions in English to the simulated customer: what to ask, what to provide if asked, when to end the conversation, and to ask for a human if the agent cannot help after two attempts.',
    `The customer speaks ${languageName(request.language)}; write name, tone_of_voice, success_criteria and agent_criteria in that language.`,
    'persona_facts: only facts found in the material (order numbers, product names, e-mails); never invent any.',
    'success_criteria: observable in the transcript, not a feeling. agent_criteria: how a good agent answer looks.',
    'type and intent: short categories such as "Order status" and "Order Status :: Where Is My Order".',
    'source_ref: the id of the material item the case comes from, exactly as given.',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderMaterial(material: GenerationMaterial[]): string {
  const lines: string[] = [];
  let size = 0;
  for (const item of material) {
    const line = JSON.stringify(item);
    if (size + line.length > MAX_MATERIAL_CHARS && lines.length > 0) break;
    lines.push(line);
    size += line.length;
  }
  return lines.join('\n');
}

/** Test cases written by a model through strict structured output. */
export class OpenAIGenerator implements TestCaseGenerator {
  readonly engine: string;
  readonly promptVersion = GENERATOR_PROMPT_VERSION;

  constructor(
    private readonly client: LlmClient,
    readonly model: string,
  ) {
    this.engine = `openai:${model}`;
  }

  async generate(request: GenerationRequest, context: LlmCallContext): Promise<GenerationResult> {
    const { value, usage } = await this.client.completeStructured<{ cases: CaseAnswer[] }>(
      {
        model: this.model,
        purpose: 'test-case generation',
        role: 'generator',
        temperature: 0.4,
        schemaName: GENERATOR_SCHEMA_NAME,
        schema: generatedCasesSchema,
        messages: [
          { role: 'system', content: generatorSystemPrompt(request) },
          { role: 'user', content: `Material (one JSON object per line):\n${renderMaterial(request.material)}\nAnswer with the test cases as JSON.` },
        ],
      },
      context,
    );
    return { cases: toCases(value.cases, request), usage };
  }
}

/** The model's answer as cases: trimmed, unknown source refs dropped, no repeats, at most `count`. */
function toCases(answers: CaseAnswer[], request: GenerationRequest): GeneratedCase[] {
  const ids = new Set(request.material.map((m) => m.id));
  const seen = new Set<string>();
  const cases: GeneratedCase[] = [];
  for (const answer of answers) {
    if (!ids.has(answer.source_ref)) continue; // not grounded in the material
    const key = caseFingerprint(answer.name, answer.behaviour);
    if (seen.has(key)) continue;
    seen.add(key);
    cases.push({
      name: answer.name.trim(),
      toneOfVoice: answer.tone_of_voice.trim(),
      behaviour: answer.behaviour.trim(),
      personaFacts: answer.persona_facts.map((f) => ({ name: f.name.trim(), value: f.value.trim() })).filter((f) => f.name && f.value),
      successCriteria: answer.success_criteria.trim(),
      language: request.language,
      agentCriteria: answer.agent_criteria?.trim() || null,
      type: answer.type?.trim() || null,
      intent: answer.intent?.trim() || null,
      sourceRef: answer.source_ref,
    });
    if (cases.length >= request.count) break;
  }
  return cases;
}
