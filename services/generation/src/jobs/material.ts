import type { EntityManager } from 'typeorm';
import { BadUserInputError, NotFoundError } from '@sim/errors';
import type { GenerationMaterial } from '@sim/llm';
import type { SourcesReader } from '../sources';
import { ticketQueryOf, type GenerationJobRequest } from './domain/generation-request';

/**
 * Tickets a job reads: one per case asked for. A generator plays material again in other
 * styles when there is less of it, so reading more would only make the prompt longer.
 */
const ticketLimit = (count: number) => count;

/** The material a job generates from, as the generator takes it. */
export async function readMaterial(reader: SourcesReader, manager: EntityManager, tenantId: string, request: GenerationJobRequest): Promise<GenerationMaterial[]> {
  switch (request.source) {
    case 'KNOWLEDGE_SOURCE':
      return (await reader.knowledgeChunks(manager, tenantId, request.knowledgeCollectionId)).map((c) => ({ kind: 'knowledge_chunk', id: c.id, title: c.title, text: c.text }));
    case 'PURCHASE_AI':
      return (await reader.paiItems(manager, tenantId, request.paiCollectionId)).map((i) => ({ kind: 'pai_item', id: i.id, itemKind: i.kind, data: i.data }));
    case 'INTENTS':
      return (await reader.intentsByIds(manager, tenantId, request.intentIds)).map((i) => ({
        kind: 'intent',
        id: i.id,
        name: i.name,
        description: i.description,
        examples: i.examples,
      }));
    case 'HISTORICAL_TICKETS':
      return (await reader.ticketsMatching(manager, tenantId, ticketQueryOf(request.ticketFilter), ticketLimit(request.count))).map((t) => ({
        kind: 'ticket',
        id: t.id,
        externalId: t.externalId,
        channel: t.channel,
        tags: t.tags,
        intent: t.intent,
        csat: t.csat,
        resolution: t.resolution,
        turns: t.turns,
      }));
  }
}

/**
 * At the mutation, before any job exists: an unknown collection or intent is NOT_FOUND, a
 * source with nothing to generate from is BAD_USER_INPUT naming the field, so the user
 * learns it at once instead of from an empty job.
 */
export async function assertSourceUsable(reader: SourcesReader, manager: EntityManager, tenantId: string, request: GenerationJobRequest): Promise<void> {
  switch (request.source) {
    case 'KNOWLEDGE_SOURCE':
      if (!(await reader.hasKnowledgeCollection(manager, tenantId, request.knowledgeCollectionId))) throw new NotFoundError('knowledge collection', request.knowledgeCollectionId);
      if ((await reader.knowledgeChunks(manager, tenantId, request.knowledgeCollectionId)).length === 0) {
        throw BadUserInputError.field('knowledgeCollectionId', 'the source is empty: the knowledge collection has no documents to generate from');
      }
      return;
    case 'PURCHASE_AI':
      if (!(await reader.hasPaiCollection(manager, tenantId, request.paiCollectionId))) throw new NotFoundError('Purchase AI collection', request.paiCollectionId);
      if ((await reader.paiItems(manager, tenantId, request.paiCollectionId)).length === 0) {
        throw BadUserInputError.field('paiCollectionId', 'the source is empty: the Purchase AI collection has no items to generate from');
      }
      return;
    case 'INTENTS': {
      const found = new Set((await reader.intentsByIds(manager, tenantId, request.intentIds)).map((i) => i.id));
      const missing = request.intentIds.find((id) => !found.has(id));
      if (missing) throw new NotFoundError('intent', missing);
      return;
    }
    case 'HISTORICAL_TICKETS':
      if ((await reader.ticketsMatching(manager, tenantId, ticketQueryOf(request.ticketFilter), 1)).length === 0) {
        throw BadUserInputError.field('ticketFilter', 'the source is empty: no imported tickets match the filter');
      }
      return;
  }
}
