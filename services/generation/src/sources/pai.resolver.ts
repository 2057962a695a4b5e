import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { PaiCollectionModel, PaiItemConnectionModel, PaiItemKindEnum, type PaiItemModel } from './dto/pai.model';
import { ExportFormat, ImportResultModel } from './dto/shared.model';
import type { PaiItemEntity } from './entities';
import { PaiService } from './pai.service';

@Resolver(() => PaiCollectionModel)
export class PaiResolver {
  constructor(private readonly service: PaiService) {}

  @Query(() => [PaiCollectionModel], { description: 'Oldest first.' })
  paiCollections(@CurrentPrincipal() principal: Principal): Promise<PaiCollectionModel[]> {
    requireRole(principal, 'viewer');
    return this.service.list(principal);
  }

  @Query(() => PaiItemConnectionModel, { description: 'The collection\'s records in import order; NOT_FOUND for an unknown collection.' })
  async paiItems(
    @CurrentPrincipal() principal: Principal,
    @Args('collectionId', { type: () => ID }) collectionId: string,
    @Args('first', { type: () => Int, nullable: true }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<PaiItemConnectionModel> {
    requireRole(principal, 'viewer');
    const page = await this.service.items(principal, collectionId, first, after);
    return {
      edges: page.rows.map((row) => ({ cursor: row.cursor, node: toItemModel(row.item) })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
      totalCount: page.total,
    };
  }

  @Mutation(() => PaiCollectionModel)
  createPaiCollection(@CurrentPrincipal() principal: Principal, @Args('name') name: string): Promise<PaiCollectionModel> {
    requireRole(principal, 'editor');
    return this.service.createCollection(principal, name);
  }

  @Mutation(() => Boolean, { description: 'Deletes the collection with its records.' })
  deletePaiCollection(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<boolean> {
    requireRole(principal, 'editor');
    return this.service.deleteCollection(principal, id);
  }

  @Mutation(() => ImportResultModel, { description: 'Records are flat objects (JSON/YAML list) or CSV rows; any bad record imports nothing.' })
  importPaiItems(
    @CurrentPrincipal() principal: Principal,
    @Args('collectionId', { type: () => ID }) collectionId: string,
    @Args('format', { type: () => ExportFormat }) format: ExportFormat,
    @Args('content') content: string,
  ): Promise<ImportResultModel> {
    requireRole(principal, 'editor');
    return this.service.importItems(principal, collectionId, format, content);
  }
}

function toItemModel(item: PaiItemEntity): PaiItemModel {
  return {
    id: item.id,
    kind: item.kind.toUpperCase() as PaiItemKindEnum,
    fields: Object.entries(item.data).map(([name, value]) => ({ name, value })),
  };
}
