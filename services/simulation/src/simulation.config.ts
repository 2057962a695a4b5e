import { int, list, str, type ConfigOf } from '@sim/config';
import { llmConfigDefinition } from '@sim/llm';

/**
 * Public on purpose (it is in the repository): it lets the embedded default and tests run
 * without setup, and is refused when NODE_ENV=production.
 */
export const DEV_CONNECTOR_SECRET_KEY = 'ZGV2LW9ubHktY29ubmVjdG9yLWtleS1jaGFuZ2UtbWU=';

/**
 * Everything the simulation service reads besides the common service variables. The LLM
 * library's variables are spread in, so one `loadConfig` validates them all at boot and the
 * README table lists them with the service that uses them.
 */
export const simulationConfigDefinition = {
  ...llmConfigDefinition,
  partitionConcurrency: int('SIMULATION_PARTITION_CONCURRENCY', {
    description: 'Partitions of `simulation.requested` and `simulation.step` one process works on at once.',
    default: 32,
    min: 1,
    max: 1024,
  }),
  maxInFlightPerPartition: int('SIMULATION_MAX_IN_FLIGHT_PER_PARTITION', {
    description:
      'Conversations of one `simulation.step` partition a process works on at once; each conversation still takes its steps one at a time, in order.',
    default: 16,
    min: 1,
    max: 1024,
  }),
  maxConcurrentSteps: int('SIMULATION_MAX_CONCURRENT_STEPS', {
    description: 'Conversation steps (simulated-customer LLM call + agent call) running at once in one process.',
    default: 100,
    min: 1,
    max: 10_000,
  }),
  stepLeaseMs: int('SIMULATION_STEP_LEASE_MS', {
    description: 'How long a step may take before the sweeper assumes its worker died and dispatches it again.',
    default: 60_000,
    min: 1_000,
  }),
  sweepIntervalMs: int('SIMULATION_SWEEP_INTERVAL_MS', {
    description: 'How often the sweeper looks for conversations whose step lease expired.',
    default: 5_000,
    min: 100,
  }),
  agentUrlAllowlist: list('AGENT_URL_ALLOWLIST', {
    description:
      'Hosts or IPs (optionally host:port), comma-separated, that chat widgets may reach although they are private, loopback or link-local (SSRF guard), e.g. `localhost:5005,10.0.0.7`.',
    default: [],
  }),
  connectorSecretKey: str('CONNECTOR_SECRET_KEY', {
    description:
      'Base64 of 32 random bytes: the AES-256-GCM key that encrypts chat-widget secrets (API keys, signing secrets) at rest. The default is a public development key: change me (`openssl rand -base64 32`); refused in production.',
    default: DEV_CONNECTOR_SECRET_KEY,
    secret: true,
  }),
};

export type SimulationConfig = ConfigOf<typeof simulationConfigDefinition>;
