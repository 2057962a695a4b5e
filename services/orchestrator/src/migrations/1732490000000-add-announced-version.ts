import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'orchestrator';

/**
 * A run remembers the last version `run.updated` announced, so that the announcer can tell
 * which runs changed since (ADR 0015). Runs that exist already count as announced.
 */
export class AddAnnouncedVersion1732490000000 implements MigrationInterface {
  name = 'AddAnnouncedVersion1732490000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${SCHEMA}.test_run ADD COLUMN announced_version bigint NOT NULL DEFAULT 0`);
    await runner.query(`UPDATE ${SCHEMA}.test_run SET announced_version = version`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${SCHEMA}.test_run DROP COLUMN announced_version`);
  }
}
