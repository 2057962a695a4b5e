import { optionalStr } from '@sim/config';

/** Every variable the LLM library reads; services spread it into their configuration. */
export const llmConfigDefinition = {
  baseUrl: optionalStr('LLM_BASE_URL', { description: 'OpenAI-compatible endpoint (e.g. https://api.openai.com/v1); unset = the offline rule-based engine' }),
};
