import type { EntityManager } from 'typeorm';
import { encode, TestCaseSourceKind, timestampFromDate, Topics } from '@sim/contracts';
import { enqueueOutbox } from '@sim/persistence';
import type { TestCaseEntity } from './test-case.entity';

/**
 * Every change to a test case is announced on the compacted `testcases.snapshot` topic,
 * through the outbox, in the same transaction as the change: the orchestrator keeps its
 * copy from there and never calls this service to start a run.
 */
export async function publishSnapshot(manager: EntityManager, entity: TestCaseEntity, deleted = false): Promise<void> {
  const value = encode(Topics.testcasesSnapshot, {
    tenantId: entity.tenantId,
    testCaseId: entity.id,
    deleted,
    name: entity.name,
    toneOfVoice: entity.toneOfVoice,
    behaviour: entity.behaviour,
    personaFacts: entity.personaFacts,
    successCriteria: entity.successCriteria,
    language: entity.language ?? undefined,
    agentCriteria: entity.agentCriteria ?? undefined,
    type: entity.type ?? undefined,
    intent: entity.intent ?? undefined,
    sourceKind: TestCaseSourceKind[entity.sourceKind],
    sourceRef: entity.sourceRef ?? undefined,
    createdAt: timestampFromDate(entity.createdAt),
    updatedAt: timestampFromDate(entity.updatedAt),
    version: BigInt(entity.version),
  });
  await enqueueOutbox(manager, { tenantId: entity.tenantId, topic: Topics.testcasesSnapshot, key: entity.id, value });
}
