import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropMessagingTablesSql, ensureAppRoleSql, messagingTablesSql, tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'test_cases';

export class CreateTestCases1732460000000 implements MigrationInterface {
  name = 'CreateTestCases1732460000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      ...ensureAppRoleSql('sim_app', SCHEMA),
      `CREATE TABLE ${SCHEMA}.test_case (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         tone_of_voice text NOT NULL,
         behaviour text NOT NULL,
         persona_facts jsonb NOT NULL DEFAULT '[]'::jsonb,
         success_criteria text NOT NULL,
         language text,
         agent_criteria text,
         type text,
         intent text,
         source_kind text NOT NULL,
         source_ref text,
         version bigint NOT NULL DEFAULT 1,
         created_at timestamptz(3) NOT NULL,
         updated_at timestamptz(3) NOT NULL,
         search tsvector GENERATED ALWAYS AS (
           to_tsvector('simple', name || ' ' || behaviour || ' ' || success_criteria || ' ' || coalesce(agent_criteria, ''))
         ) STORED
       )`,
      `CREATE INDEX test_case_tenant_created_idx ON ${SCHEMA}.test_case (tenant_id, created_at DESC, id DESC)`,
      `CREATE INDEX test_case_search_idx ON ${SCHEMA}.test_case USING gin (search)`,
      ...tenantRlsSql(SCHEMA, 'test_case'),
      ...messagingTablesSql(SCHEMA),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of dropMessagingTablesSql(SCHEMA)) await runner.query(sql);
    await runner.query(`DROP TABLE ${SCHEMA}.test_case`);
  }
}
