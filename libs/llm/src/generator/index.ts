import type { LlmConfig } from '../engines';
import { createLlmClient } from '../engines';
import type { LlmClient } from '../openai/llm-client';
import { OfflineGenerator } from './offline-generator';
import { OpenAIGenerator } from './openai-generator';
import type { TestCaseGenerator } from './types';

export * from './types';
export { generatedCaseId, generatedDedupeKey, caseFingerprint } from './ids';
export { OfflineGenerator, OFFLINE_GENERATOR_ENGINE } from './offline-generator';
export { OpenAIGenerator, GENERATOR_PROMPT_VERSION, GENERATOR_SCHEMA_NAME, generatedCasesSchema } from './openai-generator';

/**
 * The generator a service uses: the model named by LLM_GENERATOR_MODEL when LLM_BASE_URL is
 * set, the offline rule-based one otherwise. Pass the process's shared client when there is one.
 */
export function createTestCaseGenerator(config: LlmConfig, client?: LlmClient | null): TestCaseGenerator {
  if (config.baseUrl === null) return new OfflineGenerator();
  return new OpenAIGenerator(client ?? createLlmClient({ ...config, baseUrl: config.baseUrl }), config.generatorModel);
}
