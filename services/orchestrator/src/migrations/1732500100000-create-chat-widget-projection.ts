import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'orchestrator';

/**
 * The local copy of chat widgets, fed by the compacted `chatwidgets.snapshot` topic, so that
 * starting a run refuses an unknown or deleted widget at once (ADR 0024). A start reads one
 * row by its primary key.
 */
export class CreateChatWidgetProjection1732500100000 implements MigrationInterface {
  name = 'CreateChatWidgetProjection1732500100000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${SCHEMA}.chat_widget_projection (
         widget_id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         version bigint NOT NULL,
         name text NOT NULL,
         deleted boolean NOT NULL DEFAULT false,
         updated_at timestamptz(3) NOT NULL
       )`,
      ...tenantRlsSql(SCHEMA, 'chat_widget_projection'),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE ${SCHEMA}.chat_widget_projection`);
  }
}
