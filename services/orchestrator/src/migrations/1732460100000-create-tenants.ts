import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropMessagingTablesSql, ensureAppRoleSql, messagingTablesSql, tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'orchestrator';

export class CreateTenants1732460100000 implements MigrationInterface {
  name = 'CreateTenants1732460100000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      ...ensureAppRoleSql('sim_app', SCHEMA),
      `CREATE TABLE ${SCHEMA}.tenant (
         id text PRIMARY KEY,
         name text NOT NULL,
         created_at timestamptz(3) NOT NULL
       )`,
      `CREATE TABLE ${SCHEMA}.tenant_settings (
         tenant_id text PRIMARY KEY REFERENCES ${SCHEMA}.tenant (id) ON DELETE CASCADE,
         simulations_enabled boolean NOT NULL,
         max_active_runs int NOT NULL CHECK (max_active_runs >= 0),
         max_cases_per_run int NOT NULL CHECK (max_cases_per_run >= 1),
         default_max_turns int NOT NULL CHECK (default_max_turns >= 1),
         version bigint NOT NULL DEFAULT 1,
         updated_at timestamptz(3) NOT NULL
       )`,
      ...tenantRlsSql(SCHEMA, 'tenant_settings'),
      ...messagingTablesSql(SCHEMA),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of dropMessagingTablesSql(SCHEMA)) await runner.query(sql);
    await runner.query(`DROP TABLE ${SCHEMA}.tenant_settings`);
    await runner.query(`DROP TABLE ${SCHEMA}.tenant`);
  }
}
