import type { EntityManager } from 'typeorm';
import { decode, encode, timestampFromDate, Topics } from '@sim/contracts';
import { enqueueOutbox, type OutboxMessage } from '@sim/persistence';
import { runStatusToContract } from './domain/run-status';
import type { TestRunCaseEntity, TestRunEntity } from './run.entities';

/**
 * Asks simulation to hold the case's conversation, through the outbox in the caller's
 * transaction. The message carries everything the conversation needs (the case as the run
 * captured it, the run's settings), so simulation never calls back.
 */
export function requestSimulation(manager: EntityManager, run: TestRunEntity, runCase: TestRunCaseEntity): Promise<void> {
  return requestSimulations(manager, run, [runCase]);
}

/** The same for many cases of one run, a thousand messages per statement. */
export async function requestSimulations(manager: EntityManager, run: TestRunEntity, runCases: TestRunCaseEntity[]): Promise<void> {
  const messages = runCases.map((runCase) => simulationRequest(run, runCase));
  for (let i = 0; i < messages.length; i += 1000) await enqueueOutbox(manager, messages.slice(i, i + 1000));
}

function simulationRequest(run: TestRunEntity, runCase: TestRunCaseEntity): OutboxMessage {
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
  return { tenantId: run.tenantId, topic: Topics.simulationRequested, key: runCase.id, value };
}

/** What `run.updated` says about a run. */
export type AnnouncedRun = Pick<TestRunEntity, 'id' | 'tenantId' | 'status' | 'totalCases' | 'passedCases' | 'scoredCases' | 'erroredCases' | 'version'>;

/**
 * Tells the gateway (subscriptions) and simulation (a cancelled run stops) that the run
 * changed, now, in the caller's transaction: for the changes a user makes (start, cancel)
 * and those that end a run at once. A case's progress goes through the RunAnnouncer instead.
 */
export async function announceRun(manager: EntityManager, run: AnnouncedRun, at = new Date()): Promise<void> {
  await enqueueOutbox(manager, runUpdatedMessage(run, at));
  // The announcer need not announce this version again.
  await manager.query(`UPDATE test_run SET announced_version = GREATEST(announced_version, $3) WHERE id = $1 AND tenant_id = $2`, [run.id, run.tenantId, run.version]);
}

export function runUpdatedMessage(run: AnnouncedRun, at: Date): OutboxMessage {
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
  return { tenantId: run.tenantId, topic: Topics.runUpdated, key: run.id, value };
}
