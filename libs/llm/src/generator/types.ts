import type { LlmCallContext, PersonaFact, TokenUsage } from '../types';

/** Where generated cases come from (GraphQL `GenerationSource`). */
export const GenerationSources = ['KNOWLEDGE_SOURCE', 'PURCHASE_AI', 'INTENTS', 'HISTORICAL_TICKETS'] as const;
export type GenerationSourceName = (typeof GenerationSources)[number];

/** A readable piece of a knowledge document. */
export interface KnowledgeChunkMaterial {
  kind: 'knowledge_chunk';
  id: string;
  /** The document's title, when known: the topic a question is about. */
  title?: string | null;
  text: string;
}

/** One Purchase AI record with its flat string fields. */
export interface PaiItemMaterial {
  kind: 'pai_item';
  id: string;
  itemKind: 'product' | 'order' | 'other';
  data: Record<string, string>;
}

export interface IntentMaterial {
  kind: 'intent';
  id: string;
  name: string;
  description: string;
  examples: string[];
}

export interface TicketMaterial {
  kind: 'ticket';
  id: string;
  externalId: string;
  channel: string;
  tags: string[];
  intent: string | null;
  csat: number | null;
  resolution: string | null;
  turns: { role: 'CUSTOMER' | 'AGENT'; text: string }[];
}

/** What a generator may ground a case in; the case's `sourceRef` is the material's id. */
export type GenerationMaterial = KnowledgeChunkMaterial | PaiItemMaterial | IntentMaterial | TicketMaterial;

export interface GenerationRequest {
  source: GenerationSourceName;
  material: GenerationMaterial[];
  /** Cases wanted; for INTENTS the caller passes intents x cases per intent. */
  count: number;
  /** Cases per intent (INTENTS only; 1-3). */
  casesPerIntent?: number;
  /** BCP 47 tag every generated case is set to. */
  language: string;
}

/** A generated case: every field of a test case (TestCaseInput) plus where it came from. */
export interface GeneratedCase {
  name: string;
  toneOfVoice: string;
  behaviour: string;
  personaFacts: PersonaFact[];
  successCriteria: string;
  language: string;
  agentCriteria: string | null;
  type: string | null;
  intent: string | null;
  /** The id of the chunk, item, intent or ticket the case was generated from. */
  sourceRef: string;
}

export interface GenerationResult {
  cases: GeneratedCase[];
  usage: TokenUsage;
}

/** The fourth LLM role: writes test cases grounded in a tenant's material. */
export interface TestCaseGenerator {
  /** e.g. `offline-rules/v1` or `openai:gpt-4o`. */
  readonly engine: string;
  generate(request: GenerationRequest, context: LlmCallContext): Promise<GenerationResult>;
}
