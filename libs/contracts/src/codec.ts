import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import type { DescMessage, MessageInitShape, MessageShape } from '@bufbuild/protobuf';
import { ChatWidgetSnapshotSchema } from './gen/simulations/v1/chat_widgets_pb';
import { EvaluationCompletedSchema } from './gen/simulations/v1/evaluation_pb';
import {
  GeneratedTestCasesSchema,
  GenerationRequestedSchema,
  GenerationUpdatedSchema,
} from './gen/simulations/v1/generation_pb';
import { RunUpdatedSchema } from './gen/simulations/v1/runs_pb';
import {
  SimulationCompletedSchema,
  SimulationRequestedSchema,
  SimulationStartedSchema,
  SimulationStepSchema,
  SimulationTurnSchema,
} from './gen/simulations/v1/simulation_pb';
import { TenantSettingsChangedSchema } from './gen/simulations/v1/tenants_pb';
import { TestCaseSnapshotSchema } from './gen/simulations/v1/test_cases_pb';
import { isTopic, Topics } from './topics';
import type { Topic } from './topics';

/** The message schema of each topic: the one place a topic is bound to its payload. */
export const Codecs = {
  [Topics.testcasesSnapshot]: TestCaseSnapshotSchema,
  [Topics.testcasesGenerated]: GeneratedTestCasesSchema,
  [Topics.generationRequested]: GenerationRequestedSchema,
  [Topics.generationUpdated]: GenerationUpdatedSchema,
  [Topics.simulationRequested]: SimulationRequestedSchema,
  [Topics.simulationStep]: SimulationStepSchema,
  [Topics.simulationStarted]: SimulationStartedSchema,
  [Topics.simulationTurn]: SimulationTurnSchema,
  [Topics.simulationCompleted]: SimulationCompletedSchema,
  [Topics.evaluationCompleted]: EvaluationCompletedSchema,
  [Topics.runUpdated]: RunUpdatedSchema,
  [Topics.tenantsSettings]: TenantSettingsChangedSchema,
  [Topics.chatWidgetsSnapshot]: ChatWidgetSnapshotSchema,
} as const satisfies Record<Topic, DescMessage>;

export type TopicSchema<T extends Topic> = (typeof Codecs)[T];
/** The decoded message of a topic, e.g. `TopicMessage<'run.updated'>` is `RunUpdated`. */
export type TopicMessage<T extends Topic> = MessageShape<TopicSchema<T>>;
/** What `encode` accepts: a message, or a plain object of its fields (unset ones default). */
export type TopicMessageInit<T extends Topic> = MessageInitShape<TopicSchema<T>>;

/**
 * Fields without which a message of a topic is meaningless: ids it is keyed and scoped by,
 * and enums whose UNSPECIFIED value would be a producer bug. Protobuf decodes almost any
 * bytes into *some* message, so these checks are what catches a wrong or corrupt payload.
 */
const RequiredFields: { [T in Topic]: readonly (keyof TopicMessage<T> & string)[] } = {
  [Topics.testcasesSnapshot]: ['tenantId', 'testCaseId'],
  [Topics.testcasesGenerated]: ['tenantId', 'jobId'],
  [Topics.generationRequested]: ['tenantId', 'jobId', 'source'],
  [Topics.generationUpdated]: ['tenantId', 'jobId', 'status'],
  [Topics.simulationRequested]: ['tenantId', 'runId', 'runCaseId', 'widgetId', 'testCase'],
  [Topics.simulationStep]: ['tenantId', 'runId', 'runCaseId'],
  [Topics.simulationStarted]: ['tenantId', 'runId', 'runCaseId'],
  [Topics.simulationTurn]: ['tenantId', 'runId', 'runCaseId', 'role'],
  [Topics.simulationCompleted]: ['tenantId', 'runId', 'runCaseId', 'outcome'],
  [Topics.evaluationCompleted]: ['tenantId', 'runId', 'runCaseId'],
  [Topics.runUpdated]: ['tenantId', 'runId', 'status'],
  [Topics.tenantsSettings]: ['tenantId'],
  [Topics.chatWidgetsSnapshot]: ['tenantId', 'widgetId'],
};

/** A message that cannot be encoded for, or decoded from, a topic. Dead-letter it with `message` as the reason. */
export class ContractError extends Error {
  override readonly name = 'ContractError';

  constructor(
    readonly topic: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function schemaOf(topic: string, verb: 'encode' | 'decode'): DescMessage {
  if (!isTopic(topic)) {
    throw new ContractError(topic, `Cannot ${verb} a message for topic "${topic}": no contract is defined for it`);
  }
  return Codecs[topic];
}

function missingFields(topic: Topic, message: Record<string, unknown>): string[] {
  return RequiredFields[topic].filter((field) => {
    const value = message[field];
    return value === undefined || value === '' || value === 0;
  });
}

/** Serializes a message for `topic`; throws ContractError when a required field is unset. */
export function encode<T extends Topic>(topic: T, message: TopicMessageInit<T>): Uint8Array {
  const schema = schemaOf(topic, 'encode');
  const full = create(schema, message as MessageInitShape<DescMessage>);
  const missing = missingFields(topic, full as unknown as Record<string, unknown>);
  if (missing.length > 0) {
    throw new ContractError(topic, `Cannot encode ${schema.typeName} for topic "${topic}": missing ${missing.join(', ')}`);
  }
  return toBinary(schema, full);
}

/**
 * Parses the value of a message consumed from `topic`. Throws ContractError naming the
 * topic when the bytes are not a valid message of the topic's schema.
 */
export function decode<T extends Topic>(topic: T, bytes: Uint8Array): TopicMessage<T> {
  const schema = schemaOf(topic, 'decode');
  let message: MessageShape<DescMessage>;
  try {
    message = fromBinary(schema, bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ContractError(topic, `Cannot decode message on topic "${topic}" as ${schema.typeName}: ${reason}`, { cause });
  }
  const missing = missingFields(topic, message as unknown as Record<string, unknown>);
  if (missing.length > 0) {
    throw new ContractError(
      topic,
      `Invalid message on topic "${topic}": not a valid ${schema.typeName} (missing ${missing.join(', ')})`,
    );
  }
  return message as TopicMessage<T>;
}
