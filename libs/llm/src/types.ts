/**
 * The three LLM roles of the platform (ARCHITECTURE.md "LLM roles") as interfaces. Two
 * engines implement each: the OpenAI-compatible one (any base URL) and the offline,
 * rule-based one that is the default when no endpoint is configured. Services depend on
 * these interfaces only, never on an engine.
 */

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** Estimated from the configured prices; 0 for the offline engine. */
  costUsd: number;
}

export const noUsage = (): TokenUsage => ({ promptTokens: 0, completionTokens: 0, costUsd: 0 });

export function addUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    costUsd: a.costUsd + b.costUsd,
  };
}

/** Who a call is made for: budgets are per tenant. */
export interface LlmCallContext {
  tenantId: string;
  signal?: AbortSignal;
}

export interface PersonaFact {
  name: string;
  value: string;
}

/** A test case as the simulated customer and the judge see it. */
export interface CaseSpec {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: PersonaFact[];
  successCriteria: string;
  agentCriteria?: string | null;
  /** BCP 47 tag the conversation is held in (run override, else the case's, else `en`). */
  language: string;
}

export type TranscriptRole = 'CUSTOMER' | 'AGENT';

export interface TranscriptTurn {
  /** 0-based position in the conversation. */
  index: number;
  role: TranscriptRole;
  text: string;
}

export interface CustomerTurnRequest {
  testCase: CaseSpec;
  /** Everything said so far, in order. */
  transcript: TranscriptTurn[];
  /** Customer turns allowed in the whole conversation. */
  maxTurns: number;
}

/** Why the simulated customer ends the conversation. */
export type CustomerEndReason = 'goal_met' | 'gave_up' | 'handed_off' | 'behaviour';

export type CustomerTurn =
  | { kind: 'say'; text: string; usage: TokenUsage }
  | {
      kind: 'end';
      reason: CustomerEndReason;
      /** Closing words said as the last customer turn, if any. */
      text?: string;
      usage: TokenUsage;
    };

export interface SimulatedCustomer {
  /** Shown as the engine that drove the conversation, e.g. `offline-rules/v1` or `openai:gpt-4o-mini`. */
  readonly engine: string;
  /** The model behind it (`offline-rules` for the offline engine), for results. */
  readonly model?: string;
  /** Version of the role prompt or rule set, stored with results so scores stay comparable. */
  readonly promptVersion?: string;
  nextTurn(request: CustomerTurnRequest, context: LlmCallContext): Promise<CustomerTurn>;
}

export type ScoreBand = 'PASSED' | 'NEEDS_ATTENTION' | 'FAILED';

/** PRODUCT.md score bands: PASSED >= 80, NEEDS_ATTENTION 50-79, FAILED < 50. */
export function scoreBand(score: number): ScoreBand {
  if (score >= 80) return 'PASSED';
  if (score >= 50) return 'NEEDS_ATTENTION';
  return 'FAILED';
}

export type CriterionKind = 'USER' | 'AGENT';

export interface CriterionVerdict {
  criterion: string;
  kind: CriterionKind;
  met: boolean;
  /** 0-100. */
  score: number;
  /** Cites the turns it rests on, e.g. "turn 3: the agent sent a tracking link". */
  reasoning: string;
}

export interface JudgeRequest {
  testCase: CaseSpec;
  transcript: TranscriptTurn[];
  /** "customer", "agent", "max_turns", "handoff". */
  endedBy: string;
}

export interface Judgement {
  /** 0-100 overall. */
  score: number;
  band: ScoreBand;
  /** "Why this score". */
  summary: string;
  criteria: CriterionVerdict[];
  /**
   * Set when the simulated customer broke its own test case (invented a fact, stopped
   * before the agent could act): the case is a simulator error, not the agent's failure.
   */
  simulatorError: string | null;
  /** Which judge scored it, e.g. `offline-rules/v1` or `openai:gpt-4o`. */
  engine: string;
  model: string;
  promptVersion: string;
  usage: TokenUsage;
}

export interface Judge {
  readonly engine: string;
  readonly model?: string;
  readonly promptVersion?: string;
  judge(request: JudgeRequest, context: LlmCallContext): Promise<Judgement>;
}

/** A chat completion as connectors (the OPENAI agent connector) need it. */
export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  baseUrl: string;
  apiKey: string;
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  timeoutMs?: number;
  /** Retries after 429/5xx/timeouts; default 2. */
  maxRetries?: number;
  /** USD per million tokens for `usage.costUsd`; 0 when unknown. */
  promptPricePerMTok?: number;
  completionPricePerMTok?: number;
}

export interface ChatResponse {
  text: string;
  usage: TokenUsage;
}

/** Errors the library throws name what failed, for a case's `error` field. */
export class LlmError extends Error {
  constructor(
    message: string,
    /** Another attempt could succeed (429, 5xx, timeout) but retries ran out. */
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'LlmError';
  }
}
