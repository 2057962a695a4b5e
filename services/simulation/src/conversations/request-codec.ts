import { ContractError, decode, Topics, type Topic, type TopicMessage } from '@sim/contracts';
import { PermanentMessageError, type BusMessage } from '@sim/bus';
import type { CaseSpec } from '@sim/llm';
import { tagCurrentWork } from '@sim/observability';

/** A message that does not decode can never be handled: dead-letter it at once, with the reason. */
export function decodeMessage<T extends Topic>(topic: T, message: BusMessage): TopicMessage<T> {
  try {
    const decoded = decode(topic, message.value);
    tagCurrentWork(decoded); // logs and the span name the run and run case from here on
    return decoded;
  } catch (error) {
    if (error instanceof ContractError) throw new PermanentMessageError(error.message);
    throw error;
  }
}

export type SimulationRequest = TopicMessage<typeof Topics.simulationRequested>;

export const DEFAULT_LANGUAGE = 'en';
/** Used when a request carries no max_turns (0): a conversation must end somewhere. */
export const DEFAULT_MAX_TURNS = 10;

export function maxTurnsOf(request: SimulationRequest): number {
  return request.maxTurns > 0 ? request.maxTurns : DEFAULT_MAX_TURNS;
}

/** The case as the simulated customer plays it, in the conversation's language. */
export function caseSpecOf(request: SimulationRequest): CaseSpec {
  const testCase = request.testCase;
  if (!testCase) throw new PermanentMessageError(`simulation request for run case ${request.runCaseId} has no test case`);
  return {
    name: testCase.name,
    toneOfVoice: testCase.toneOfVoice,
    behaviour: testCase.behaviour,
    personaFacts: testCase.personaFacts.map((fact) => ({ name: fact.name, value: fact.value })),
    successCriteria: testCase.successCriteria,
    agentCriteria: testCase.agentCriteria ?? null,
    language: request.language ?? DEFAULT_LANGUAGE,
  };
}

/** The run's metadata as a JSON object; anything else (or nothing) is an empty object. */
export function metadataOf(request: SimulationRequest): Record<string, unknown> {
  if (!request.metadataJson) return {};
  try {
    const value: unknown = JSON.parse(request.metadataJson);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
