import type { ConfigOf } from '@sim/config';
import type { Judge, SimulatedCustomer } from './types';
import { llmConfigDefinition } from './llm.config';
import { OfflineJudge, OfflineSimulatedCustomer } from './offline';
import { LlmClient } from './openai/llm-client';
import { OpenAIJudge } from './openai/openai-judge';
import { OpenAISimulatedCustomer } from './openai/openai-customer';

export type LlmConfig = ConfigOf<typeof llmConfigDefinition>;

export interface LlmEngines {
  customer: SimulatedCustomer;
  judge: Judge;
  /** `offline` when no endpoint is configured, else `openai`. */
  mode: 'offline' | 'openai';
  /** The shared client (null offline), for roles outside this interface such as test-case generation. */
  client: LlmClient | null;
}

/** One client per process and endpoint: the adaptive limit and the tenant budgets are shared by every role. */
export function createLlmClient(config: LlmConfig & { baseUrl: string }): LlmClient {
  return new LlmClient({
    baseUrl: config.baseUrl,
    apiKey: config.apiKey,
    timeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    maxConcurrency: config.maxConcurrency,
    tenantRequestsPerMinute: config.tenantRequestsPerMinute,
    tenantTokensPerMinute: config.tenantTokensPerMinute,
    promptPricePerMTok: config.promptPricePerMTok,
    completionPricePerMTok: config.completionPricePerMTok,
  });
}

/**
 * The engines a service uses: the OpenAI-compatible ones when `LLM_BASE_URL` is set, the
 * offline rule-based ones otherwise (the labelled default).
 */
export function createLlmEngines(config: LlmConfig): LlmEngines {
  if (config.baseUrl === null) {
    return { customer: new OfflineSimulatedCustomer(), judge: new OfflineJudge(), mode: 'offline', client: null };
  }
  const client = createLlmClient({ ...config, baseUrl: config.baseUrl });
  return {
    customer: new OpenAISimulatedCustomer(client, config.simulatorModel),
    judge: new OpenAIJudge(client, config.judgeModel),
    mode: 'openai',
    client,
  };
}
