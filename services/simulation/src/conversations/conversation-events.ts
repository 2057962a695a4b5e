import type { EntityManager } from 'typeorm';
import {
  encode,
  SimulationOutcome,
  timestampFromDate,
  Topics,
  TurnRole,
  type SimulationRequested,
} from '@sim/contracts';
import { enqueueOutbox, type OutboxMessage } from '@sim/persistence';
import type { TurnRole as StoredTurnRole } from './conversation.entity';

/** A turn as the pipeline handles it (stored in conversation_turn, sent on simulation.turn). */
export interface SpokenTurn {
  index: number;
  role: StoredTurnRole;
  text: string;
  at: Date;
}

export interface ConversationKey {
  tenantId: string;
  runId: string;
  runCaseId: string;
  attempt: number;
}

/** A conversation's steps count from 1, as its `next_step` does when it starts. */
export const FIRST_STEP = 1;

/** Every per-case message is keyed by the run-case id, so a conversation stays on one partition, in order. */
export function enqueueStep(manager: EntityManager, key: ConversationKey, step: number): Promise<void> {
  return enqueueOutbox(manager, stepMessage(key, step));
}

export function stepMessage(key: ConversationKey, step: number): OutboxMessage {
  return {
    tenantId: key.tenantId,
    topic: Topics.simulationStep,
    key: key.runCaseId,
    value: encode(Topics.simulationStep, { ...key, step }),
  };
}

/** The conversation took its first step: its case is RUNNING from now on. */
export function startedMessage(key: ConversationKey, at: Date): OutboxMessage {
  return {
    tenantId: key.tenantId,
    topic: Topics.simulationStarted,
    key: key.runCaseId,
    value: encode(Topics.simulationStarted, { tenantId: key.tenantId, runId: key.runId, runCaseId: key.runCaseId, attempt: key.attempt, at: timestampFromDate(at) }),
  };
}

export function turnMessage(key: ConversationKey, turn: SpokenTurn): OutboxMessage {
  return {
    tenantId: key.tenantId,
    topic: Topics.simulationTurn,
    key: key.runCaseId,
    value: encode(Topics.simulationTurn, {
      ...key,
      index: turn.index,
      role: toProtoRole(turn.role),
      text: turn.text,
      at: timestampFromDate(turn.at),
    }),
  };
}

export interface Completion {
  outcome: 'COMPLETED' | 'ERROR';
  endedBy: string;
  error: string | null;
  transcript: SpokenTurn[];
  usage: { promptTokens: number; completionTokens: number; costUsd: number };
  /** The widget is gone: nothing of the run can be simulated. */
  runCannotProceed?: boolean;
}

export function completedMessage(request: SimulationRequested, completion: Completion): OutboxMessage {
  return {
    tenantId: request.tenantId,
    topic: Topics.simulationCompleted,
    key: request.runCaseId,
    value: encode(Topics.simulationCompleted, {
      tenantId: request.tenantId,
      runId: request.runId,
      runCaseId: request.runCaseId,
      attempt: request.attempt,
      outcome: completion.outcome === 'COMPLETED' ? SimulationOutcome.COMPLETED : SimulationOutcome.ERROR,
      endedBy: completion.endedBy,
      error: completion.error ?? undefined,
      turnCount: completion.transcript.length,
      simulatorError: false,
      usage: completion.usage,
      completedAt: timestampFromDate(new Date()),
      testCase: request.testCase,
      transcript: completion.transcript.map((t) => ({ index: t.index, role: toProtoRole(t.role), text: t.text, at: timestampFromDate(t.at) })),
      language: request.language,
      runCannotProceed: completion.runCannotProceed ?? false,
    }),
  };
}

function toProtoRole(role: StoredTurnRole): TurnRole {
  return role === 'CUSTOMER' ? TurnRole.CUSTOMER : TurnRole.AGENT;
}
