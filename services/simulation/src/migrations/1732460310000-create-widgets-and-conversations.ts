import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loginRolePolicySql, tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'simulation';

/**
 * Chat widgets (connections to agents under test) and conversations, persisted turn by turn
 * so that a killed worker costs at most one step.
 */
export class CreateWidgetsAndConversations1732460310000 implements MigrationInterface {
  name = 'CreateWidgetsAndConversations1732460310000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${SCHEMA}.chat_widget (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         connector text NOT NULL,
         settings jsonb NOT NULL DEFAULT '{}'::jsonb,
         secrets bytea,
         created_at timestamptz(3) NOT NULL,
         updated_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX chat_widget_tenant_created_idx ON ${SCHEMA}.chat_widget (tenant_id, created_at DESC, id DESC)`,
      `CREATE TABLE ${SCHEMA}.conversation (
         run_case_id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         run_id text NOT NULL,
         attempt int NOT NULL,
         widget_id text NOT NULL,
         request bytea NOT NULL,
         status text NOT NULL CHECK (status IN ('ACTIVE', 'COMPLETED', 'ERROR', 'CANCELLED')),
         next_step int NOT NULL DEFAULT 1,
         lease_expires_at timestamptz(3),
         redispatches int NOT NULL DEFAULT 0,
         ended_by text,
         error text,
         prompt_tokens int NOT NULL DEFAULT 0,
         completion_tokens int NOT NULL DEFAULT 0,
         cost_usd double precision NOT NULL DEFAULT 0,
         created_at timestamptz(3) NOT NULL,
         updated_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX conversation_active_lease_idx ON ${SCHEMA}.conversation (lease_expires_at) WHERE status = 'ACTIVE'`,
      `CREATE INDEX conversation_tenant_run_idx ON ${SCHEMA}.conversation (tenant_id, run_id)`,
      `CREATE TABLE ${SCHEMA}.conversation_turn (
         tenant_id text NOT NULL,
         run_case_id uuid NOT NULL REFERENCES ${SCHEMA}.conversation (run_case_id) ON DELETE CASCADE,
         attempt int NOT NULL,
         idx int NOT NULL,
         role text NOT NULL CHECK (role IN ('CUSTOMER', 'AGENT')),
         text text NOT NULL,
         at timestamptz(3) NOT NULL,
         PRIMARY KEY (run_case_id, attempt, idx)
       )`,
      ...tenantRlsSql(SCHEMA, 'chat_widget'),
      ...tenantRlsSql(SCHEMA, 'conversation'),
      ...tenantRlsSql(SCHEMA, 'conversation_turn'),
      // The lease sweeper works across tenants, as the login role that owns the tables.
      loginRolePolicySql(SCHEMA, 'conversation', 'lease_sweeper'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.conversation_turn`);
    await runner.query(`DROP TABLE ${SCHEMA}.conversation`);
    await runner.query(`DROP TABLE ${SCHEMA}.chat_widget`);
  }
}
