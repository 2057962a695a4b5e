import type { EntityManager } from 'typeorm';
import { encode, GenerationJobStatus, GenerationSource, timestampFromDate, Topics } from '@sim/contracts';
import { enqueueOutbox } from '@sim/persistence';
import type { GenerationJobRequest } from './domain/generation-request';
import type { GenerationJob } from './generation-job.store';

/** `generation.updated` for the job's current state (the gateway re-reads the job for subscribers). */
export async function publishJobUpdated(manager: EntityManager, job: GenerationJob): Promise<void> {
  const value = encode(Topics.generationUpdated, {
    tenantId: job.tenantId,
    jobId: job.id,
    status: GenerationJobStatus[job.status],
    requested: job.requested,
    created: job.created,
    testCaseIds: job.testCaseIds,
    error: job.error ?? undefined,
  });
  await enqueueOutbox(manager, { tenantId: job.tenantId, topic: Topics.generationUpdated, key: job.id, value });
}

/** `generation.requested`: wakes a worker up; the worker reads the request from the job row. */
export async function publishJobRequested(manager: EntityManager, job: GenerationJob): Promise<void> {
  const request: GenerationJobRequest = job.request;
  const base = {
    tenantId: job.tenantId,
    jobId: job.id,
    source: GenerationSource[request.source],
    language: request.language,
    requestedBy: job.requestedBy,
  };
  const specific =
    request.source === 'KNOWLEDGE_SOURCE'
      ? { knowledgeCollectionId: request.knowledgeCollectionId, count: request.count }
      : request.source === 'PURCHASE_AI'
        ? { paiCollectionId: request.paiCollectionId, count: request.count }
        : request.source === 'INTENTS'
          ? { intentIds: request.intentIds, casesPerIntent: request.casesPerIntent }
          : {
              count: request.count,
              ticketFilter: {
                from: request.ticketFilter.from ? timestampFromDate(new Date(request.ticketFilter.from)) : undefined,
                to: request.ticketFilter.to ? timestampFromDate(new Date(request.ticketFilter.to)) : undefined,
                channels: request.ticketFilter.channels ?? [],
                tags: request.ticketFilter.tags ?? [],
                intents: request.ticketFilter.intents ?? [],
                minCsat: request.ticketFilter.minCsat ?? undefined,
                maxCsat: request.ticketFilter.maxCsat ?? undefined,
              },
            };
  await enqueueOutbox(manager, { tenantId: job.tenantId, topic: Topics.generationRequested, key: job.id, value: encode(Topics.generationRequested, { ...base, ...specific }) });
}
