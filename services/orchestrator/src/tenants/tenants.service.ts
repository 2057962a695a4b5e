import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isIdentifier, type Principal } from '@sim/auth';
import { encode, Topics } from '@sim/contracts';
import { BadUserInputError, NotFoundError, type FieldError } from '@sim/errors';
import { enqueueOutbox, type Database, type OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { TenantEntity, TenantSettingsEntity } from './tenant.entity';
import { DEFAULT_TENANT_SETTINGS, validateSettingsChanges, type TenantSettingsChanges } from './tenant-limits';

export interface CreateTenant extends TenantSettingsChanges {
  id: string;
  name: string;
}

@Injectable()
export class TenantsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  /** The caller's own tenant's settings; NOT_FOUND when the tenant is not registered. */
  async settingsOf(tenantId: string): Promise<TenantSettingsEntity> {
    const settings = await this.db.withTenant(tenantId, (m) => m.findOneBy(TenantSettingsEntity, { tenantId }));
    if (!settings) throw new NotFoundError('tenant', tenantId);
    return settings;
  }

  list(): Promise<TenantEntity[]> {
    return this.db.withSystem((m) => m.find(TenantEntity, { order: { id: 'ASC' } }));
  }

  async get(tenantId: string): Promise<TenantEntity | null> {
    return this.db.withSystem((m) => m.findOneBy(TenantEntity, { id: tenantId }));
  }

  async create(input: CreateTenant): Promise<TenantEntity> {
    const errors: FieldError[] = [];
    if (!isIdentifier(input.id)) errors.push({ field: 'id', message: 'id must be 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit' });
    const name = input.name?.trim() ?? '';
    if (!name) errors.push({ field: 'name', message: 'name is required' });
    else if (name.length > 200) errors.push({ field: 'name', message: 'name must be at most 200 characters' });
    errors.push(...validateSettingsChanges(input));
    if (errors.length) throw new BadUserInputError(errors);
    const result = await this.db.withTenant(input.id, async (m) => {
      const now = new Date();
      const tenant: TenantEntity = { id: input.id, name, createdAt: now };
      // One statement decides, so two concurrent creations of one id cannot both pass a check.
      const inserted: unknown[] = await m.query('INSERT INTO tenant (id, name, created_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING RETURNING id', [
        tenant.id,
        tenant.name,
        tenant.createdAt,
      ]);
      if (inserted.length === 0) throw BadUserInputError.field('id', `a tenant with id "${input.id}" already exists`);
      const settings: TenantSettingsEntity = {
        tenantId: input.id,
        simulationsEnabled: input.simulationsEnabled ?? DEFAULT_TENANT_SETTINGS.simulationsEnabled,
        maxActiveRuns: input.maxActiveRuns ?? DEFAULT_TENANT_SETTINGS.maxActiveRuns,
        maxCasesPerRun: input.maxCasesPerRun ?? DEFAULT_TENANT_SETTINGS.maxCasesPerRun,
        defaultMaxTurns: input.defaultMaxTurns ?? DEFAULT_TENANT_SETTINGS.defaultMaxTurns,
        version: 1,
        updatedAt: now,
      };
      await m.insert(TenantSettingsEntity, settings);
      await publishSettings(m, settings);
      return tenant;
    });
    this.relay.kick();
    return result;
  }

  async updateSettings(tenantId: string, changes: TenantSettingsChanges): Promise<TenantSettingsEntity> {
    const errors = validateSettingsChanges(changes);
    if (errors.length) throw new BadUserInputError(errors);
    const result = await this.db.withTenant(tenantId, async (m) => {
      const current = await m.findOneBy(TenantSettingsEntity, { tenantId });
      if (!current) throw new NotFoundError('tenant', tenantId);
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined && v !== null));
      const next: TenantSettingsEntity = { ...current, ...defined, version: current.version + 1, updatedAt: new Date() };
      await m.update(TenantSettingsEntity, { tenantId }, next);
      await publishSettings(m, next);
      return next;
    });
    this.relay.kick();
    return result;
  }

  isPlatformAdmin(principal: Principal): boolean {
    return principal.roles.includes('platform-admin');
  }
}

/** Other services (and the gateway) learn about limit and switch changes from `tenants.settings`. */
async function publishSettings(manager: EntityManager, settings: TenantSettingsEntity): Promise<void> {
  const value = encode(Topics.tenantsSettings, {
    tenantId: settings.tenantId,
    simulationsEnabled: settings.simulationsEnabled,
    maxActiveRuns: settings.maxActiveRuns,
    maxCasesPerRun: settings.maxCasesPerRun,
    defaultMaxTurns: settings.defaultMaxTurns,
    version: BigInt(settings.version),
  });
  await enqueueOutbox(manager, { tenantId: settings.tenantId, topic: Topics.tenantsSettings, key: settings.tenantId, value });
}
