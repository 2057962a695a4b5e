import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'evaluation';

/** The judge's verdict per run case, and the short-lived claims that keep two workers from judging one case at once. */
export class CreateEvaluations1732470400000 implements MigrationInterface {
  name = 'CreateEvaluations1732470400000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      // One row per run case: the verdict of its latest judged attempt. A case the judge
      // could not score keeps its row too (`error` set, no score), so a redelivered message
      // finds it and the judge is not called again.
      `CREATE TABLE ${SCHEMA}.evaluation (
         run_case_id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         run_id uuid NOT NULL,
         attempt int NOT NULL CHECK (attempt >= 1),
         score int CHECK (score BETWEEN 0 AND 100),
         band text CHECK (band IN ('PASSED', 'NEEDS_ATTENTION', 'FAILED')),
         summary text,
         criteria jsonb NOT NULL DEFAULT '[]'::jsonb,
         engine text NOT NULL,
         model text NOT NULL,
         prompt_version text NOT NULL,
         simulator_error text,
         error text,
         prompt_tokens int NOT NULL DEFAULT 0,
         completion_tokens int NOT NULL DEFAULT 0,
         cost_usd numeric(14, 6) NOT NULL DEFAULT 0,
         evaluated_at timestamptz(3) NOT NULL,
         CHECK (error IS NOT NULL OR (score IS NOT NULL AND band IS NOT NULL AND summary IS NOT NULL))
       )`,
      `CREATE INDEX evaluation_tenant_run_idx ON ${SCHEMA}.evaluation (tenant_id, run_id)`,
      ...tenantRlsSql(SCHEMA, 'evaluation'),

      // Who is judging a case right now; deleted when the verdict is stored or the attempt failed.
      `CREATE TABLE ${SCHEMA}.evaluation_claim (
         run_case_id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         attempt int NOT NULL,
         token uuid NOT NULL,
         claimed_at timestamptz(3) NOT NULL
       )`,
      ...tenantRlsSql(SCHEMA, 'evaluation_claim'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.evaluation_claim`);
    await runner.query(`DROP TABLE ${SCHEMA}.evaluation`);
  }
}
