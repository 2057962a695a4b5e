import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loginRolePolicySql } from '@sim/persistence';

const SCHEMA = 'orchestrator';

/**
 * The orchestrator's own cross-tenant work reads runs and cases in one statement, as the
 * login role that owns the tables: the sweeper finds the tenants with an expired case, the
 * announcer the runs not announced yet, the metrics count runs by status (see
 * runs/across-tenants.ts). Forced row-level security hides every row from a login role that
 * is no superuser; this policy lets it see them. Tenant transactions run as the application
 * role and never match it.
 */
export class LoginRoleReadsRuns1732510100000 implements MigrationInterface {
  name = 'LoginRoleReadsRuns1732510100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(loginRolePolicySql(SCHEMA, 'test_run', 'runs_across_tenants'));
    await runner.query(loginRolePolicySql(SCHEMA, 'test_run_case', 'run_cases_across_tenants'));
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP POLICY IF EXISTS run_cases_across_tenants ON ${SCHEMA}.test_run_case`);
    await runner.query(`DROP POLICY IF EXISTS runs_across_tenants ON ${SCHEMA}.test_run`);
  }
}
