import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'test_cases';

/** Which generation job created which case, so a job lists the cases that really exist. */
export class CreateGeneratedCase1732470700000 implements MigrationInterface {
  name = 'CreateGeneratedCase1732470700000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${SCHEMA}.generated_case (
         test_case_id uuid PRIMARY KEY REFERENCES ${SCHEMA}.test_case (id) ON DELETE CASCADE,
         tenant_id text NOT NULL,
         job_id text NOT NULL
       )`,
      `CREATE INDEX generated_case_job_idx ON ${SCHEMA}.generated_case (tenant_id, job_id)`,
      ...tenantRlsSql(SCHEMA, 'generated_case'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.generated_case`);
  }
}
