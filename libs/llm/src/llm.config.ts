import { int, optionalStr, str, type VariableSpec } from '@sim/config';

/** A non-negative decimal such as a price (`@sim/config` has integers only). */
function decimal(env: string, options: { description: string; default: number }): VariableSpec<number> {
  return {
    env,
    ...options,
    parse(raw) {
      const value = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(value) || value < 0) throw new Error(`"${raw}" is not a non-negative decimal number`);
      return value;
    },
  };
}

/** Every variable the LLM library reads; services spread it into their configuration. */
export const llmConfigDefinition = {
  baseUrl: optionalStr('LLM_BASE_URL', {
    description:
      'OpenAI-compatible endpoint including the version path (e.g. https://api.openai.com/v1, http://localhost:11434/v1 for Ollama). Unset = the offline rule-based engine (deterministic, no model; results are labelled `offline-rules/v1`).',
  }),
  apiKey: str('LLM_API_KEY', {
    description: 'API key sent as a bearer token to LLM_BASE_URL (local servers usually accept any value).',
    default: 'not-set',
    secret: true,
  }),
  simulatorModel: str('LLM_SIMULATOR_MODEL', { description: 'Model that plays the simulated customer.', default: 'gpt-4o-mini' }),
  judgeModel: str('LLM_JUDGE_MODEL', { description: 'Model that scores finished conversations against the success criteria.', default: 'gpt-4o' }),
  generatorModel: str('LLM_GENERATOR_MODEL', { description: 'Model that generates test cases from knowledge, intents and tickets.', default: 'gpt-4o' }),
  timeoutMs: int('LLM_TIMEOUT_MS', { description: 'Time limit of one model request in milliseconds; a timeout counts as a retryable failure.', default: 60_000, min: 1 }),
  maxRetries: int('LLM_MAX_RETRIES', {
    description: 'Retries of one call after a 429, a 5xx, a timeout or a connection error (honouring Retry-After) before the call fails.',
    default: 4,
    min: 0,
    max: 20,
  }),
  maxConcurrency: int('LLM_MAX_CONCURRENCY', {
    description:
      'Upper bound of concurrent requests to the endpoint per process. The limit adapts below it: halved on every 429, raised by one after a run of successes.',
    default: 16,
    min: 1,
  }),
  tenantRequestsPerMinute: int('LLM_TENANT_REQUESTS_PER_MINUTE', {
    description: 'Model requests one tenant may make per minute; calls over the budget wait for it instead of failing.',
    default: 120,
    min: 1,
  }),
  tenantTokensPerMinute: int('LLM_TENANT_TOKENS_PER_MINUTE', {
    description: 'Prompt + completion tokens one tenant may use per minute (estimated before a call, corrected from the reported usage); calls over it wait.',
    default: 200_000,
    min: 1,
  }),
  promptPricePerMTok: decimal('LLM_PROMPT_PRICE_PER_MTOK', {
    description: 'USD per million prompt tokens, for the cost shown per case and run (decimal, e.g. 2.5).',
    default: 0.15,
  }),
  completionPricePerMTok: decimal('LLM_COMPLETION_PRICE_PER_MTOK', {
    description: 'USD per million completion tokens, for the cost shown per case and run (decimal, e.g. 10).',
    default: 0.6,
  }),
};
