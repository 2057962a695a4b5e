import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ConnectorKind } from '../connectors/connector-registry';

export const SIMULATION_SCHEMA = 'simulation';

/** PostgreSQL returns bigint as a string; a widget's versions fit a JS number. */
const bigintNumber = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/** A widget's non-secret settings (the jsonb column); secrets live encrypted beside them. */
export interface ChatWidgetSettings {
  url: string | null;
  model: string | null;
  systemPrompt: string | null;
  timeoutMs: number;
  /** Which secrets are stored, so reads never need to decrypt them. */
  hasApiKey: boolean;
  hasSigningSecret: boolean;
}

@Entity({ name: 'chat_widget', schema: SIMULATION_SCHEMA })
export class ChatWidgetEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column('text') connector: ConnectorKind;
  @Column('jsonb') settings: ChatWidgetSettings;
  /** AES-256-GCM sealed JSON (widgets/secret-box.ts); null when the widget has no secrets. */
  @Column('bytea', { nullable: true }) secrets: Buffer | null;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
  /** Increases with every change; `chatwidgets.snapshot` carries it so consumers drop stale snapshots. */
  @Column('bigint', { transformer: bigintNumber }) version: number;
  /** The last version put in the outbox; behind `version` only for widgets from before snapshots existed. */
  @Column('bigint', { name: 'announced_version', transformer: bigintNumber }) announcedVersion: number;
}
