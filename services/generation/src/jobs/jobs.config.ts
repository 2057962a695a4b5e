import { int, loadConfig, type ConfigOf } from '@sim/config';
import { llmConfigDefinition } from '@sim/llm';

/** What generation jobs read besides the common service variables; the LLM variables are spread in. */
export const generationJobsConfigDefinition = {
  ...llmConfigDefinition,
  jobStaleMs: int('GENERATION_JOB_STALE_MS', {
    description: 'A RUNNING generation job not updated for this long is taken over by the next delivery of its `generation.requested` (its worker is presumed dead).',
    default: 600_000,
    min: 1_000,
  }),
  partitionConcurrency: int('GENERATION_PARTITION_CONCURRENCY', {
    description: 'Partitions of `generation.requested` one generation process works on at once (one job per partition at a time).',
    default: 4,
    min: 1,
    max: 1024,
  }),
};

export type GenerationJobsConfig = ConfigOf<typeof generationJobsConfigDefinition>;

export function loadGenerationJobsConfig(env: Record<string, string | undefined> = process.env): GenerationJobsConfig {
  return loadConfig(generationJobsConfigDefinition, env);
}

/** Injection tokens of the jobs' own providers. */
export const GENERATION_JOBS_CONFIG = Symbol('GenerationJobsConfig');
/** The `TestCaseGenerator` (@sim/llm); built from the LLM configuration unless a test supplies one. */
export const TEST_CASE_GENERATOR = Symbol('TestCaseGenerator');
