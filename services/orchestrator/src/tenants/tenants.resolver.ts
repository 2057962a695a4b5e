import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { Principal } from '@sim/auth';
import { CurrentPrincipal, requireRole } from '@sim/subgraph';
import { CreateTenantInputModel, TenantModel, TenantSettingsInputModel, TenantSettingsModel } from './dto/tenant.model';
import { TenantsService } from './tenants.service';

@Resolver(() => TenantModel)
export class TenantsResolver {
  constructor(private readonly service: TenantsService) {}

  @Query(() => TenantSettingsModel, { description: "The caller's tenant's limits and feature switch." })
  tenantSettings(@CurrentPrincipal() principal: Principal): Promise<TenantSettingsModel> {
    requireRole(principal, 'viewer');
    return this.service.settingsOf(principal.tenantId);
  }

  @Query(() => [TenantModel], { description: 'Every tenant (platform admins).' })
  tenants(@CurrentPrincipal() principal: Principal): Promise<TenantModel[]> {
    requireRole(principal, 'platform-admin');
    return this.service.list();
  }

  @Mutation(() => TenantModel)
  createTenant(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateTenantInputModel): Promise<TenantModel> {
    requireRole(principal, 'platform-admin');
    return this.service.create(withoutNulls(input));
  }

  @Mutation(() => TenantSettingsModel)
  updateTenantSettings(
    @CurrentPrincipal() principal: Principal,
    @Args('tenantId', { type: () => ID }) tenantId: string,
    @Args('input') input: TenantSettingsInputModel,
  ): Promise<TenantSettingsModel> {
    requireRole(principal, 'platform-admin');
    return this.service.updateSettings(tenantId, withoutNulls(input));
  }

  @ResolveField(() => TenantSettingsModel)
  settings(@Parent() tenant: TenantModel): Promise<TenantSettingsModel> {
    return this.service.settingsOf(tenant.id);
  }
}

function withoutNulls<T extends object>(input: T): { [K in keyof T]: Exclude<T[K], null> } {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined)) as never;
}
