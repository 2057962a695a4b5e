import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SIMULATION_SCHEMA } from '../widgets/chat-widget.entity';

export const ConversationStatuses = ['ACTIVE', 'COMPLETED', 'ERROR', 'CANCELLED'] as const;
export type ConversationStatus = (typeof ConversationStatuses)[number];
export type TurnRole = 'CUSTOMER' | 'AGENT';

const numeric = { to: (v: number) => v, from: (v: string | number) => Number(v) };

/**
 * One simulated conversation per run case (the latest attempt wins). `next_step` is the
 * exchange to claim next, by a `simulation.step` message or by the worker that recorded the
 * one before; `lease_expires_at` is when the sweeper may assume the step's worker died and
 * dispatch it again.
 */
@Entity({ name: 'conversation', schema: SIMULATION_SCHEMA })
export class ConversationEntity {
  @PrimaryColumn('uuid', { name: 'run_case_id' }) runCaseId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text', { name: 'run_id' }) runId: string;
  @Column('int') attempt: number;
  @Column('text', { name: 'widget_id' }) widgetId: string;
  /** The SimulationRequested message, as received: everything the conversation needs. */
  @Column('bytea') request: Buffer;
  @Column('text') status: ConversationStatus;
  @Column('int', { name: 'next_step' }) nextStep: number;
  @Column({ type: 'timestamptz', name: 'lease_expires_at', precision: 3, nullable: true }) leaseExpiresAt: Date | null;
  /** How often the sweeper re-issued the current step; a step that keeps dying ends the conversation. */
  @Column('int') redispatches: number;
  @Column('text', { name: 'ended_by', nullable: true }) endedBy: string | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('int', { name: 'prompt_tokens' }) promptTokens: number;
  @Column('int', { name: 'completion_tokens' }) completionTokens: number;
  @Column('double precision', { name: 'cost_usd', transformer: numeric }) costUsd: number;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}

@Entity({ name: 'conversation_turn', schema: SIMULATION_SCHEMA })
export class ConversationTurnEntity {
  @PrimaryColumn('uuid', { name: 'run_case_id' }) runCaseId: string;
  @PrimaryColumn('int') attempt: number;
  /** 0-based position in the conversation. */
  @PrimaryColumn('int', { name: 'idx' }) index: number;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') role: TurnRole;
  @Column('text') text: string;
  @Column({ type: 'timestamptz', precision: 3 }) at: Date;
}
