import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'orchestrator';

/**
 * A run keeps how many of its cases are still open and how many have started, beside the
 * counts it already kept, so that a case's progress moves the run by a delta (one UPDATE)
 * instead of a recount of all its cases under the run's lock (ADR 0011).
 */
export class AddOpenAndStartedCounts1732480000000 implements MigrationInterface {
  name = 'AddOpenAndStartedCounts1732480000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${SCHEMA}.test_run ADD COLUMN open_cases int NOT NULL DEFAULT 0, ADD COLUMN started_cases int NOT NULL DEFAULT 0`,
    );
    await runner.query(
      `UPDATE ${SCHEMA}.test_run r SET
         open_cases = (SELECT count(*) FROM ${SCHEMA}.test_run_case c WHERE c.run_id = r.id AND c.status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING')),
         started_cases = (SELECT count(*) FROM ${SCHEMA}.test_run_case c WHERE c.run_id = r.id AND c.status <> 'NOT_STARTED')`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${SCHEMA}.test_run DROP COLUMN open_cases, DROP COLUMN started_cases`);
  }
}
