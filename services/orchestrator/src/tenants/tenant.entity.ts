import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ORCHESTRATOR_SCHEMA = 'orchestrator';

/** The platform's registry of tenants (a platform table: no tenant owns it). */
@Entity({ name: 'tenant', schema: ORCHESTRATOR_SCHEMA })
export class TenantEntity {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
}

/** A tenant's limits and feature switch, set by platform admins. */
@Entity({ name: 'tenant_settings', schema: ORCHESTRATOR_SCHEMA })
export class TenantSettingsEntity {
  @PrimaryColumn('text', { name: 'tenant_id' }) tenantId: string;
  @Column('boolean', { name: 'simulations_enabled' }) simulationsEnabled: boolean;
  @Column('int', { name: 'max_active_runs' }) maxActiveRuns: number;
  @Column('int', { name: 'max_cases_per_run' }) maxCasesPerRun: number;
  @Column('int', { name: 'default_max_turns' }) defaultMaxTurns: number;
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } }) version: number;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}
