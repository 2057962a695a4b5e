import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CriterionVerdict, ScoreBand } from '@sim/llm';

export const EVALUATION_SCHEMA = 'evaluation';

const numeric = { to: (value: number) => value, from: (value: string | number) => Number(value) };

/** The judge's verdict on a run case (its latest judged attempt); the GraphQL type is separate (dto/evaluation.model.ts). */
@Entity({ name: 'evaluation', schema: EVALUATION_SCHEMA })
export class EvaluationEntity {
  @PrimaryColumn('uuid', { name: 'run_case_id' }) runCaseId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('int') attempt: number;
  /** Null only when `error` is set. */
  @Column('int', { nullable: true }) score: number | null;
  @Column('text', { nullable: true }) band: ScoreBand | null;
  @Column('text', { nullable: true }) summary: string | null;
  @Column('jsonb') criteria: CriterionVerdict[];
  @Column('text') engine: string;
  @Column('text') model: string;
  @Column('text', { name: 'prompt_version' }) promptVersion: string;
  /** Why the simulated customer, not the agent, spoiled the conversation. */
  @Column('text', { name: 'simulator_error', nullable: true }) simulatorError: string | null;
  /** Why the case could not be judged. */
  @Column('text', { nullable: true }) error: string | null;
  @Column('int', { name: 'prompt_tokens' }) promptTokens: number;
  @Column('int', { name: 'completion_tokens' }) completionTokens: number;
  @Column('numeric', { name: 'cost_usd', transformer: numeric }) costUsd: number;
  @Column({ type: 'timestamptz', name: 'evaluated_at', precision: 3 }) evaluatedAt: Date;
}
