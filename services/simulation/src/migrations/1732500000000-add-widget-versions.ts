import type { MigrationInterface, QueryRunner } from 'typeorm';
import { loginRolePolicySql } from '@sim/persistence';

const SCHEMA = 'simulation';

/**
 * A chat widget gets a version that grows with every change, and remembers the last version
 * it announced on `chatwidgets.snapshot` (ADR 0024). Widgets that exist already start at
 * version 1, announced 0: the service announces them when it next starts.
 */
export class AddWidgetVersions1732500000000 implements MigrationInterface {
  name = 'AddWidgetVersions1732500000000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE ${SCHEMA}.chat_widget ADD COLUMN version bigint NOT NULL DEFAULT 1, ADD COLUMN announced_version bigint NOT NULL DEFAULT 0`,
      // Only widgets not announced yet are in it: the look at every start stays cheap.
      `CREATE INDEX chat_widget_unannounced_idx ON ${SCHEMA}.chat_widget (id) WHERE version > announced_version`,
      // The backfill looks across tenants, as the login role that owns the table (ADR 0024).
      loginRolePolicySql(SCHEMA, 'chat_widget', 'widget_announcer'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP POLICY IF EXISTS widget_announcer ON ${SCHEMA}.chat_widget`);
    await runner.query(`DROP INDEX ${SCHEMA}.chat_widget_unannounced_idx`);
    await runner.query(`ALTER TABLE ${SCHEMA}.chat_widget DROP COLUMN version, DROP COLUMN announced_version`);
  }
}
