import type { TopicSpec } from '@sim/bus';

/**
 * Every Kafka topic of the platform. Services name topics only through this map, never
 * with a string literal (STYLE.md "Contracts"); a breaking change to a message gets a new
 * topic version here rather than a silent change of the payload.
 */
export const Topics = {
  /** TestCaseSnapshot, key: test-case id, compacted. test-cases -> orchestrator. */
  testcasesSnapshot: 'testcases.snapshot',
  /** GeneratedTestCases, key: job id. generation -> test-cases. */
  testcasesGenerated: 'testcases.generated',
  /** GenerationRequested, key: job id. generation (API) -> generation (worker). */
  generationRequested: 'generation.requested',
  /** GenerationUpdated, key: job id. generation -> gateway. */
  generationUpdated: 'generation.updated',
  /** SimulationRequested, key: run-case id. orchestrator -> simulation. */
  simulationRequested: 'simulation.requested',
  /** SimulationStep, key: run-case id. simulation -> simulation (one exchange per message). */
  simulationStep: 'simulation.step',
  /** SimulationStarted, key: run-case id. simulation -> orchestrator. */
  simulationStarted: 'simulation.started',
  /** SimulationTurn, key: run-case id. simulation -> gateway. */
  simulationTurn: 'simulation.turn',
  /** SimulationCompleted, key: run-case id. simulation -> orchestrator, evaluation. */
  simulationCompleted: 'simulation.completed',
  /** EvaluationCompleted, key: run-case id. evaluation -> orchestrator. */
  evaluationCompleted: 'evaluation.completed',
  /** RunUpdated, key: run id. orchestrator -> gateway. */
  runUpdated: 'run.updated',
  /** TenantSettingsChanged, key: tenant id, compacted. orchestrator -> whoever enforces limits. */
  tenantsSettings: 'tenants.settings',
  /** ChatWidgetSnapshot, key: chat-widget id, compacted. simulation -> orchestrator. */
  chatWidgetsSnapshot: 'chatwidgets.snapshot',
} as const;

export type Topic = (typeof Topics)[keyof typeof Topics];

const allTopics: ReadonlySet<string> = new Set(Object.values(Topics));

export function isTopic(name: string): name is Topic {
  return allTopics.has(name);
}

/** Per-case topics are keyed by run-case id: many partitions so a run's cases run in parallel. */
const PER_CASE_PARTITIONS = 32;
const DEFAULT_PARTITIONS = 3;

/** What `MessageBus.ensureTopics` creates (it adds the `.dlq` topics itself). */
export const TopicSpecs: TopicSpec[] = [
  { name: Topics.testcasesSnapshot, partitions: DEFAULT_PARTITIONS, compacted: true },
  { name: Topics.testcasesGenerated, partitions: DEFAULT_PARTITIONS, compacted: false },
  { name: Topics.generationRequested, partitions: DEFAULT_PARTITIONS, compacted: false },
  { name: Topics.generationUpdated, partitions: DEFAULT_PARTITIONS, compacted: false },
  { name: Topics.simulationRequested, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.simulationStep, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.simulationStarted, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.simulationTurn, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.simulationCompleted, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.evaluationCompleted, partitions: PER_CASE_PARTITIONS, compacted: false },
  { name: Topics.runUpdated, partitions: DEFAULT_PARTITIONS, compacted: false },
  { name: Topics.tenantsSettings, partitions: DEFAULT_PARTITIONS, compacted: true },
  { name: Topics.chatWidgetsSnapshot, partitions: DEFAULT_PARTITIONS, compacted: true },
];
