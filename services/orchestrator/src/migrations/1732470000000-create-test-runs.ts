import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'orchestrator';

/** Statuses a case can still leave; the sweeper's index covers only these. */
const OPEN_CASE_STATUSES = `('NOT_STARTED', 'RUNNING', 'EVALUATING')`;

export class CreateTestRuns1732470000000 implements MigrationInterface {
  name = 'CreateTestRuns1732470000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      // The local copy of test cases, fed by the compacted `testcases.snapshot` topic.
      `CREATE TABLE ${SCHEMA}.test_case_projection (
         test_case_id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         version bigint NOT NULL,
         snapshot bytea NOT NULL,
         deleted boolean NOT NULL DEFAULT false,
         updated_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX test_case_projection_tenant_idx ON ${SCHEMA}.test_case_projection (tenant_id)`,
      ...tenantRlsSql(SCHEMA, 'test_case_projection'),

      `CREATE TABLE ${SCHEMA}.test_run (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         widget_id text NOT NULL,
         language_override text,
         chat_url text,
         metadata jsonb,
         max_turns int NOT NULL CHECK (max_turns >= 1),
         created_by text NOT NULL,
         created_at timestamptz(3) NOT NULL,
         started_at timestamptz(3),
         finished_at timestamptz(3),
         status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED')),
         total_cases int NOT NULL DEFAULT 0,
         passed_cases int NOT NULL DEFAULT 0,
         scored_cases int NOT NULL DEFAULT 0,
         errored_cases int NOT NULL DEFAULT 0,
         rerun_of uuid REFERENCES ${SCHEMA}.test_run (id) ON DELETE SET NULL,
         failure_reason text,
         prompt_tokens bigint NOT NULL DEFAULT 0,
         completion_tokens bigint NOT NULL DEFAULT 0,
         cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
         version bigint NOT NULL DEFAULT 1,
         search tsvector GENERATED ALWAYS AS (to_tsvector('simple', name)) STORED
       )`,
      `CREATE INDEX test_run_tenant_created_idx ON ${SCHEMA}.test_run (tenant_id, created_at DESC, id DESC)`,
      `CREATE INDEX test_run_tenant_widget_idx ON ${SCHEMA}.test_run (tenant_id, widget_id, created_at DESC)`,
      // Counting a tenant's active runs happens on every start, under the settings lock.
      `CREATE INDEX test_run_active_idx ON ${SCHEMA}.test_run (tenant_id) WHERE status IN ('QUEUED', 'RUNNING')`,
      `CREATE INDEX test_run_search_idx ON ${SCHEMA}.test_run USING gin (search)`,
      `CREATE INDEX test_run_rerun_of_idx ON ${SCHEMA}.test_run (rerun_of) WHERE rerun_of IS NOT NULL`,
      ...tenantRlsSql(SCHEMA, 'test_run'),

      `CREATE TABLE ${SCHEMA}.test_run_case (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         run_id uuid NOT NULL REFERENCES ${SCHEMA}.test_run (id) ON DELETE CASCADE,
         position int NOT NULL,
         test_case_id uuid NOT NULL,
         name text NOT NULL,
         snapshot bytea NOT NULL,
         status text NOT NULL CHECK (status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING', 'COMPLETED', 'ERROR', 'SKIPPED')),
         attempt int NOT NULL DEFAULT 1,
         deadline_at timestamptz(3),
         score int CHECK (score BETWEEN 0 AND 100),
         band text CHECK (band IN ('PASSED', 'NEEDS_ATTENTION', 'FAILED')),
         error text,
         simulator_error boolean NOT NULL DEFAULT false,
         prompt_tokens bigint NOT NULL DEFAULT 0,
         completion_tokens bigint NOT NULL DEFAULT 0,
         cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
         started_at timestamptz(3),
         finished_at timestamptz(3),
         UNIQUE (run_id, position)
       )`,
      `CREATE INDEX test_run_case_deadline_idx ON ${SCHEMA}.test_run_case (tenant_id, deadline_at) WHERE status IN ${OPEN_CASE_STATUSES}`,
      `CREATE INDEX test_run_case_test_case_idx ON ${SCHEMA}.test_run_case (tenant_id, test_case_id)`,
      ...tenantRlsSql(SCHEMA, 'test_run_case'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.test_run_case`);
    await runner.query(`DROP TABLE ${SCHEMA}.test_run`);
    await runner.query(`DROP TABLE ${SCHEMA}.test_case_projection`);
  }
}
