import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropMessagingTablesSql, ensureAppRoleSql, messagingTablesSql } from '@sim/persistence';

const SCHEMA = 'simulation';

/** The service's schema with its outbox and dedupe log; its domain tables come with their issue. */
export class CreateSimulationSchema1732460300000 implements MigrationInterface {
  name = 'CreateSimulationSchema1732460300000';

  async up(runner: QueryRunner): Promise<void> {
    for (const sql of [...ensureAppRoleSql('sim_app', SCHEMA), ...messagingTablesSql(SCHEMA)]) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const sql of dropMessagingTablesSql(SCHEMA)) await runner.query(sql);
  }
}
