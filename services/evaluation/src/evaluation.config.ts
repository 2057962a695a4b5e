import { int, loadConfig, type ConfigOf } from '@sim/config';
import { llmConfigDefinition } from '@sim/llm';

/**
 * Everything the evaluation service reads besides the common service variables. The LLM
 * library's variables are spread in, so one `loadConfig` validates them all at boot and the
 * README table lists them with the service that uses them.
 */
export const evaluationConfigDefinition = {
  ...llmConfigDefinition,
  partitionConcurrency: int('EVALUATION_PARTITION_CONCURRENCY', {
    description: 'Partitions of `simulation.completed` one evaluation process judges at once.',
    default: 32,
    min: 1,
    max: 1024,
  }),
  maxInFlightPerPartition: int('EVALUATION_MAX_IN_FLIGHT_PER_PARTITION', {
    description: 'Cases of one `simulation.completed` partition judged at once (each case is keyed by its run-case id).',
    default: 8,
    min: 1,
    max: 1024,
  }),
  claimTtlMs: int('EVALUATION_CLAIM_TTL_MS', {
    description:
      'How long a worker\'s claim on judging a case holds without being renewed; after it another worker takes the case over. The holder renews it while its judge call runs.',
    default: 120_000,
    min: 1_000,
  }),
};

export type EvaluationConfig = ConfigOf<typeof evaluationConfigDefinition>;

export function loadEvaluationConfig(env: Record<string, string | undefined> = process.env): EvaluationConfig {
  return loadConfig(evaluationConfigDefinition, env);
}
