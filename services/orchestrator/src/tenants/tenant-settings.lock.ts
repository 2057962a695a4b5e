import type { EntityManager } from 'typeorm';
import { NotFoundError } from '@sim/errors';
import { TenantSettingsEntity } from './tenant.entity';

/**
 * Reads a tenant's settings and locks the row until the transaction ends. Whatever checks a
 * limit and then acts on it (starting a run against `maxActiveRuns`) does both under this
 * lock, so concurrent requests of one tenant are decided one after another and a limit
 * holds however many of them race.
 */
export async function lockTenantSettings(manager: EntityManager, tenantId: string): Promise<TenantSettingsEntity> {
  const settings = await manager
    .createQueryBuilder(TenantSettingsEntity, 's')
    .where('s.tenant_id = :tenantId', { tenantId })
    .setLock('pessimistic_write')
    .getOne();
  if (!settings) throw new NotFoundError('tenant', tenantId);
  return settings;
}
