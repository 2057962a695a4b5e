import { int, loadConfig, url, type ConfigOf } from '@sim/config';

/** Everything the orchestrator reads besides the common service variables. */
export const orchestratorConfigDefinition = {
  publicWebUrl: url('PUBLIC_WEB_URL', {
    description: 'Where users open the web app; share links of test runs are `<PUBLIC_WEB_URL>/runs/<id>`.',
    default: 'http://localhost:3000',
  }),
  runCaseDeadlineMs: int('RUN_CASE_DEADLINE_MS', {
    description: 'How long one attempt of a run case (conversation and judging) may take before the sweeper re-dispatches or errors it.',
    default: 15 * 60_000,
    min: 1_000,
  }),
  runCaseMaxAttempts: int('RUN_CASE_MAX_ATTEMPTS', {
    description: 'Attempts a run case gets before a missed deadline ends it as ERROR.',
    default: 2,
    min: 1,
    max: 10,
  }),
  sweepIntervalMs: int('ORCHESTRATOR_SWEEP_INTERVAL_MS', {
    description: 'How often the sweeper looks for run cases past their deadline.',
    default: 5_000,
    min: 100,
  }),
  announceDelayMs: int('ORCHESTRATOR_ANNOUNCE_DELAY_MS', {
    description: 'How long changes to a run gather before `run.updated` announces them together (its latest state, once).',
    default: 100,
    min: 0,
    max: 1_000,
  }),
  partitionConcurrency: int('ORCHESTRATOR_PARTITION_CONCURRENCY', {
    description: 'Partitions of each consumed topic one orchestrator process handles at once.',
    default: 8,
    min: 1,
    max: 1024,
  }),
};

export type OrchestratorConfig = ConfigOf<typeof orchestratorConfigDefinition>;

/** Injection token of the loaded OrchestratorConfig. */
export const ORCHESTRATOR_CONFIG = Symbol('OrchestratorConfig');

export function loadOrchestratorConfig(env: Record<string, string | undefined> = process.env): OrchestratorConfig {
  return loadConfig(orchestratorConfigDefinition, env);
}
