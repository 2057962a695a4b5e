import { scoreBand, type CriterionKind, type CriterionVerdict, type Judge, type JudgeRequest, type Judgement, type LlmCallContext } from '../types';
import { languageName, renderPayload } from './conversation-payload';
import type { JsonSchema } from './json-schema';
import type { LlmClient } from './llm-client';

export const JUDGE_PROMPT_VERSION = 'openai-judge/v1';
export const JUDGE_SCHEMA_NAME = 'conversation_judgement';

/** A criterion a conversation fails cannot leave it PASSED. */
const UNMET_CAP = 79;

const verdictSchema = {
  type: 'object',
  properties: {
    criterion: { type: 'string', description: 'One criterion, quoted or closely paraphrased from the criteria text.' },
    met: { type: 'boolean' },
    score: { type: 'integer', description: '0-100: how fully the criterion is met.' },
    reasoning: { type: 'string', description: 'Why, citing turns as "turn N: ...".' },
  },
  required: ['criterion', 'met', 'score', 'reasoning'],
  additionalProperties: false,
} satisfies JsonSchema;

export const judgementSchema = {
  type: 'object',
  properties: {
    user_criteria: { type: 'array', items: verdictSchema },
    agent_criteria: { type: 'array', items: verdictSchema },
    overall_score: { type: 'integer', description: '0-100 overall.' },
    summary: { type: 'string', description: '"Why this score": what was met and what was not, citing turns.' },
    simulator_error: { type: ['string', 'null'], description: 'Set when the simulated customer broke its test case; else null.' },
  },
  required: ['user_criteria', 'agent_criteria', 'overall_score', 'summary', 'simulator_error'],
  additionalProperties: false,
} satisfies JsonSchema;

interface VerdictAnswer {
  criterion: string;
  met: boolean;
  score: number;
  reasoning: string;
}

export interface JudgementAnswer {
  user_criteria: VerdictAnswer[];
  agent_criteria: VerdictAnswer[];
  overall_score: number;
  summary: string;
  simulator_error: string | null;
}

export function judgeSystemPrompt(request: JudgeRequest): string {
  const { testCase } = request;
  return [
    'You are an impartial quality evaluator of customer-support conversations between a simulated CUSTOMER and the support AGENT under test.',
    'Judge only what is observable in the transcript. Turns are numbered; cite them as "turn N: ...".',
    `User success criteria (what the customer wanted): ${testCase.successCriteria}`,
    `Agent criteria (how the agent must behave): ${testCase.agentCriteria?.trim() || '(none)'}`,
    `The conversation was meant to be held in ${languageName(testCase.language)}.`,
    'Split each criteria text into its individual criteria (usually one per sentence) and give one verdict per criterion: met or not, a 0-100 score, and reasoning citing turns. Put user criteria in user_criteria and agent criteria in agent_criteria (empty when there are none).',
    'overall_score (0-100): the user criteria and the agent criteria weigh half each; any unmet criterion keeps it below 80. Bands: 80+ passed, 50-79 needs attention, below 50 failed.',
    'summary: a short "why this score" paragraph naming what was met and what was not.',
    `simulator_error: a one-sentence explanation when the CUSTOMER broke its own test case — used an order number, email or other fact not among its persona facts (${
      testCase.personaFacts.map((f) => `${f.name}=${f.value}`).join(', ') || 'none'
    }), ended before the agent could act, or ignored its behaviour instructions; otherwise null. Such a case is not the agent's failure.`,
  ].join('\n');
}

/** The judge played by a model; the band is always computed here from the score, never taken from the model. */
export class OpenAIJudge implements Judge {
  readonly engine: string;
  readonly promptVersion = JUDGE_PROMPT_VERSION;

  constructor(
    private readonly client: LlmClient,
    readonly model: string,
  ) {
    this.engine = `openai:${model}`;
  }

  async judge(request: JudgeRequest, context: LlmCallContext): Promise<Judgement> {
    const { value, usage } = await this.client.completeStructured<JudgementAnswer>(
      {
        model: this.model,
        purpose: 'judge',
        role: 'judge',
        temperature: 0,
        schemaName: JUDGE_SCHEMA_NAME,
        schema: judgementSchema,
        messages: [
          { role: 'system', content: judgeSystemPrompt(request) },
          { role: 'user', content: `${renderPayload(request.testCase, request.transcript, { endedBy: request.endedBy })}\nThe conversation ended by: ${request.endedBy}. Answer with your judgement as JSON.` },
        ],
      },
      context,
    );
    const criteria = [...value.user_criteria.map((v) => verdict(v, 'USER')), ...value.agent_criteria.map((v) => verdict(v, 'AGENT'))];
    const overall = clampScore(value.overall_score);
    const score = criteria.some((c) => !c.met) ? Math.min(overall, UNMET_CAP) : overall;
    return {
      score,
      band: scoreBand(score),
      summary: value.summary.trim(),
      criteria,
      simulatorError: value.simulator_error?.trim() || null,
      engine: this.engine,
      model: this.model,
      promptVersion: this.promptVersion,
      usage,
    };
  }
}

function verdict(answer: VerdictAnswer, kind: CriterionKind): CriterionVerdict {
  return { criterion: answer.criterion, kind, met: answer.met, score: clampScore(answer.score), reasoning: answer.reasoning };
}

const clampScore = (score: number) => Math.max(0, Math.min(100, Math.round(score)));
