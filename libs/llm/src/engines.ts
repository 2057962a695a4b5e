import type { ConfigOf } from '@sim/config';
import type { Judge, SimulatedCustomer } from './types';
import { llmConfigDefinition } from './llm.config';

export type LlmConfig = ConfigOf<typeof llmConfigDefinition>;

export interface LlmEngines {
  customer: SimulatedCustomer;
  judge: Judge;
  /** `offline` when no endpoint is configured, else `openai`. */
  mode: 'offline' | 'openai';
}

/**
 * The engines a service uses: the OpenAI-compatible ones when `LLM_BASE_URL` is set, the
 * offline rule-based ones otherwise (the labelled default).
 */
export function createLlmEngines(_config: LlmConfig): LlmEngines {
  throw new Error('createLlmEngines: not implemented yet');
}
