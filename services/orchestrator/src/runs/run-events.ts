import type { EntityManager } from 'typeorm';
import { decode, encode, timestampFromDate, Topics } from '@sim/contracts';
import { enqueueOutbox } from '@sim/persistence';
import { runStatusToContract } from './domain/run-status';
import type { TestRunCaseEntity, TestRunEntity } from './run.entities';

/**
 * Asks simulation to hold the case's conversation, through the outbox in the caller's
 * transaction. The message carries everything the conversation needs (the case as the run
 * captured it, the run's settings), so simulation never calls back.
 */
export async function requestSimulation(manager: EntityManager, run: TestRunEntity, runCase: TestRunCaseEntity): Promise<void> {
  const testCase = decode(Topics.testcasesSnapshot, runCase.snapshot);
  const language = run.languageOverride ?? testCase.language;
  const value = encode(Topics.simulationRequested, {
    tenantId: run.tenantId,
    runId: run.id,
    runCaseId: runCase.id,
    attempt: runCase.attempt,
    widgetId: run.widgetId,
    language: language || undefined,
    chatUrl: run.chatUrl ?? undefined,
    metadataJson: run.metadata ? JSON.stringify(run.metadata) : '',
    maxTurns: run.maxTurns,
    testCase,
    deadline: runCase.deadlineAt ? timestampFromDate(runCase.deadlineAt) : undefined,
  });
  await enqueueOutbox(manager, { tenantId: run.tenantId, topic: Topics.simulationRequested, key: runCase.id, value });
}

/** Tells the gateway (subscriptions) and simulation (a cancelled run stops) that the run changed. */
export async function announceRun(manager: EntityManager, run: TestRunEntity, at = new Date()): Promise<void> {
  const value = encode(Topics.runUpdated, {
    tenantId: run.tenantId,
    runId: run.id,
    status: runStatusToContract[run.status],
    totalCases: run.totalCases,
    passedCases: run.passedCases,
    scoredCases: run.scoredCases,
    erroredCases: run.erroredCases,
    updatedAt: timestampFromDate(at),
    version: BigInt(run.version),
  });
  await enqueueOutbox(manager, { tenantId: run.tenantId, topic: Topics.runUpdated, key: run.id, value });
}
