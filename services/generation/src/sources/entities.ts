import { Column, Entity, PrimaryColumn } from 'typeorm';

export const GENERATION_SCHEMA = 'generation';

export const DocumentFormats = ['TEXT', 'MARKDOWN', 'HTML'] as const;
export type DocumentFormat = (typeof DocumentFormats)[number];

export const PaiItemKinds = ['product', 'order', 'other'] as const;
export type PaiItemKind = (typeof PaiItemKinds)[number];

export const TurnRoles = ['CUSTOMER', 'AGENT'] as const;
export type TurnRole = (typeof TurnRoles)[number];

export interface TicketTurnRecord {
  role: TurnRole;
  text: string;
}

const timestamp = { type: 'timestamptz', precision: 3 } as const;

/** A named set of knowledge documents a generation job can draw from. */
@Entity({ name: 'knowledge_collection', schema: GENERATION_SCHEMA })
export class KnowledgeCollectionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column({ ...timestamp, name: 'created_at' }) createdAt: Date;
}

/** The document as the user gave it; generation reads its chunks, not this. */
@Entity({ name: 'knowledge_document', schema: GENERATION_SCHEMA })
export class KnowledgeDocumentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'collection_id' }) collectionId: string;
  @Column('text') title: string;
  @Column('text') format: DocumentFormat;
  @Column('text') content: string;
  @Column({ ...timestamp, name: 'created_at' }) createdAt: Date;
}

/** A readable piece of a document, small enough to put into one prompt. */
@Entity({ name: 'knowledge_chunk', schema: GENERATION_SCHEMA })
export class KnowledgeChunkEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'document_id' }) documentId: string;
  @Column('uuid', { name: 'collection_id' }) collectionId: string;
  @Column('int') position: number;
  @Column('text') text: string;
}

/** A named set of Purchase AI records (products, orders, ...). */
@Entity({ name: 'pai_collection', schema: GENERATION_SCHEMA })
export class PaiCollectionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column({ ...timestamp, name: 'created_at' }) createdAt: Date;
}

/** One imported record: flat string fields, with the kind guessed from their names. */
@Entity({ name: 'pai_item', schema: GENERATION_SCHEMA })
export class PaiItemEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'collection_id' }) collectionId: string;
  @Column('int') position: number;
  @Column('text') kind: PaiItemKind;
  @Column('jsonb') data: Record<string, string>;
}

/** A customer intent with example utterances. */
@Entity({ name: 'intent', schema: GENERATION_SCHEMA })
export class IntentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column('text') description: string;
  @Column('text', { array: true }) examples: string[];
  @Column({ ...timestamp, name: 'created_at' }) createdAt: Date;
}

/** A past support conversation, stored already redacted. */
@Entity({ name: 'ticket', schema: GENERATION_SCHEMA })
export class TicketEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text', { name: 'external_id' }) externalId: string;
  @Column('text') channel: string;
  @Column({ ...timestamp, name: 'created_at_source' }) createdAtSource: Date;
  @Column('text', { array: true }) tags: string[];
  @Column('text', { nullable: true }) intent: string | null;
  @Column('int', { nullable: true }) csat: number | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('jsonb') turns: TicketTurnRecord[];
  @Column({ ...timestamp, name: 'imported_at' }) importedAt: Date;
}

export const sourceEntities = [
  KnowledgeCollectionEntity,
  KnowledgeDocumentEntity,
  KnowledgeChunkEntity,
  PaiCollectionEntity,
  PaiItemEntity,
  IntentEntity,
  TicketEntity,
];
