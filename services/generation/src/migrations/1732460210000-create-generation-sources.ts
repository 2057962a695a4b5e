import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantRlsSql } from '@sim/persistence';

const SCHEMA = 'generation';

const TABLES = ['knowledge_collection', 'knowledge_document', 'knowledge_chunk', 'pai_collection', 'pai_item', 'intent', 'ticket'];

/**
 * The sources generation draws from: knowledge collections (documents split into chunks),
 * Purchase AI collections of flat records, intents, and imported (redacted) tickets.
 * Child rows go with their collection or document (ON DELETE CASCADE).
 */
export class CreateGenerationSources1732460210000 implements MigrationInterface {
  name = 'CreateGenerationSources1732460210000';

  async up(runner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE ${SCHEMA}.knowledge_collection (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         created_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX knowledge_collection_tenant_idx ON ${SCHEMA}.knowledge_collection (tenant_id, created_at)`,
      `CREATE TABLE ${SCHEMA}.knowledge_document (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         collection_id uuid NOT NULL REFERENCES ${SCHEMA}.knowledge_collection (id) ON DELETE CASCADE,
         title text NOT NULL,
         format text NOT NULL CHECK (format IN ('TEXT', 'MARKDOWN', 'HTML')),
         content text NOT NULL,
         created_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX knowledge_document_collection_idx ON ${SCHEMA}.knowledge_document (tenant_id, collection_id, created_at)`,
      `CREATE TABLE ${SCHEMA}.knowledge_chunk (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         document_id uuid NOT NULL REFERENCES ${SCHEMA}.knowledge_document (id) ON DELETE CASCADE,
         collection_id uuid NOT NULL REFERENCES ${SCHEMA}.knowledge_collection (id) ON DELETE CASCADE,
         position int NOT NULL,
         text text NOT NULL
       )`,
      `CREATE INDEX knowledge_chunk_collection_idx ON ${SCHEMA}.knowledge_chunk (tenant_id, collection_id)`,
      `CREATE INDEX knowledge_chunk_document_idx ON ${SCHEMA}.knowledge_chunk (document_id, position)`,
      `CREATE TABLE ${SCHEMA}.pai_collection (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         created_at timestamptz(3) NOT NULL
       )`,
      `CREATE INDEX pai_collection_tenant_idx ON ${SCHEMA}.pai_collection (tenant_id, created_at)`,
      `CREATE TABLE ${SCHEMA}.pai_item (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         collection_id uuid NOT NULL REFERENCES ${SCHEMA}.pai_collection (id) ON DELETE CASCADE,
         position int NOT NULL,
         kind text NOT NULL CHECK (kind IN ('product', 'order', 'other')),
         data jsonb NOT NULL
       )`,
      `CREATE INDEX pai_item_collection_idx ON ${SCHEMA}.pai_item (tenant_id, collection_id, position)`,
      `CREATE TABLE ${SCHEMA}.intent (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         name text NOT NULL,
         description text NOT NULL DEFAULT '',
         examples text[] NOT NULL DEFAULT '{}',
         created_at timestamptz(3) NOT NULL,
         UNIQUE (tenant_id, name)
       )`,
      `CREATE TABLE ${SCHEMA}.ticket (
         id uuid PRIMARY KEY,
         tenant_id text NOT NULL,
         external_id text NOT NULL,
         channel text NOT NULL,
         created_at_source timestamptz(3) NOT NULL,
         tags text[] NOT NULL DEFAULT '{}',
         intent text,
         csat int CHECK (csat BETWEEN 1 AND 5),
         resolution text,
         turns jsonb NOT NULL,
         imported_at timestamptz(3) NOT NULL,
         UNIQUE (tenant_id, external_id)
       )`,
      `CREATE INDEX ticket_tenant_created_idx ON ${SCHEMA}.ticket (tenant_id, created_at_source DESC, id DESC)`,
      `CREATE INDEX ticket_tags_idx ON ${SCHEMA}.ticket USING gin (tags)`,
      ...TABLES.flatMap((table) => tenantRlsSql(SCHEMA, table)),
    ];
    for (const sql of statements) await runner.query(sql);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) await runner.query(`DROP TABLE ${SCHEMA}.${table}`);
  }
}
