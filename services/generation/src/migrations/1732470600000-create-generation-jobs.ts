import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'generation';

/**
 * Generation jobs: one row per `generateTestCases` call. `request` holds the validated input
 * the worker reads (the `generation.requested` message only wakes it up); `test_case_ids`
 * are the ids test-cases stores the generated cases under (derived from their dedupe keys).
 */
export class CreateGenerationJobs1732470600000 implements MigrationInterface {
  name = 'CreateGenerationJobs1732470600000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${SCHEMA}.generation_job (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         status text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
         source text NOT NULL CHECK (source IN ('KNOWLEDGE_SOURCE', 'PURCHASE_AI', 'INTENTS', 'HISTORICAL_TICKETS')),
         request jsonb NOT NULL,
         requested int NOT NULL,
         created int NOT NULL DEFAULT 0,
         test_case_ids uuid[] NOT NULL DEFAULT '{}',
         error text,
         engine text,
         requested_by text NOT NULL,
         created_at timestamptz(3) NOT NULL,
         started_at timestamptz(3),
         finished_at timestamptz(3),
         updated_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX generation_job_tenant_created_idx ON ${SCHEMA}.generation_job (tenant_id, created_at DESC)`,
      ...tenantRlsSql(SCHEMA, 'generation_job'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.generation_job`);
  }
}
