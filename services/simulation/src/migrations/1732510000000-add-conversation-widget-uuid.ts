import type { MigrationInterface, QueryRunner } from 'typeorm';

const SCHEMA = 'simulation';

/**
 * A conversation keeps its widget's id as the request gave it, as text; each step read the
 * widget with `w.id::text = widget_id`. Under row-level security no index may serve a
 * comparison through that cast (it is not leakproof), so PostgreSQL read every widget of the
 * tenant on each claim and record. `widget_uuid` is the same id as a uuid, kept by
 * PostgreSQL itself: compared with `w.id`, the primary key finds the one widget. An id that
 * is no uuid gives NULL, which matches no widget, as before.
 */
export class AddConversationWidgetUuid1732510000000 implements MigrationInterface {
  name = 'AddConversationWidgetUuid1732510000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE ${SCHEMA}.conversation ADD COLUMN widget_uuid uuid GENERATED ALWAYS AS (
         CASE WHEN widget_id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN widget_id::uuid END
       ) STORED`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE ${SCHEMA}.conversation DROP COLUMN widget_uuid`);
  }
}
