import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { DocumentFormatEnum, KnowledgeCollectionModel, KnowledgeDocumentModel } from './dto/knowledge.model';
import type { DocumentFormat } from './entities';
import { KnowledgeService, type CollectionSummary } from './knowledge.service';

@Resolver(() => KnowledgeCollectionModel)
export class KnowledgeResolver {
  constructor(private readonly service: KnowledgeService) {}

  @Query(() => [KnowledgeCollectionModel], { description: 'Oldest first.' })
  async knowledgeCollections(@CurrentPrincipal() principal: Principal): Promise<KnowledgeCollectionModel[]> {
    requireRole(principal, 'viewer');
    return (await this.service.list(principal)).map(toModel);
  }

  @Mutation(() => KnowledgeCollectionModel)
  async createKnowledgeCollection(@CurrentPrincipal() principal: Principal, @Args('name') name: string): Promise<KnowledgeCollectionModel> {
    requireRole(principal, 'editor');
    return toModel(await this.service.createCollection(principal, name));
  }

  @Mutation(() => Boolean, { description: 'Deletes the collection with its documents.' })
  deleteKnowledgeCollection(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.deleteCollection(principal, id);
  }

  @Mutation(() => KnowledgeDocumentModel, { description: 'Content up to 1 MB; it is split into chunks for generation.' })
  addKnowledgeDocument(
    @CurrentPrincipal() principal: Principal,
    @Args('collectionId', { type: () => ID }) collectionId: string,
    @Args('title') title: string,
    @Args('content') content: string,
    @Args('format', { type: () => DocumentFormatEnum, nullable: true, defaultValue: 'TEXT' }) format: DocumentFormat,
  ): Promise<KnowledgeDocumentModel> {
    requireRole(principal, 'editor');
    return this.service.addDocument(principal, collectionId, { title, content, format });
  }

  @Mutation(() => Boolean)
  removeKnowledgeDocument(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.removeDocument(principal, id);
  }
}

function toModel(collection: CollectionSummary): KnowledgeCollectionModel {
  return { ...collection, documentCount: collection.documents.length };
}
