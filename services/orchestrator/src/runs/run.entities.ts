import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ORCHESTRATOR_SCHEMA } from '../tenants/tenant.entity';
import type { RunCaseStatus, RunStatus, ScoreBandName } from './domain/run-status';

/** PostgreSQL returns bigint and numeric as strings; the values held here fit a JS number. */
const numeric = { to: (v: number) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

/** The orchestrator's copy of a test case, from `testcases.snapshot`: the encoded TestCaseSnapshot as published. */
@Entity({ name: 'test_case_projection', schema: ORCHESTRATOR_SCHEMA })
export class TestCaseProjectionEntity {
  @PrimaryColumn('uuid', { name: 'test_case_id' }) testCaseId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('bigint', { transformer: numeric }) version: number;
  @Column('bytea') snapshot: Buffer;
  @Column('boolean') deleted: boolean;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}

/** The orchestrator's copy of a chat widget, from `chatwidgets.snapshot`: enough to know it exists. */
@Entity({ name: 'chat_widget_projection', schema: ORCHESTRATOR_SCHEMA })
export class ChatWidgetProjectionEntity {
  @PrimaryColumn('uuid', { name: 'widget_id' }) widgetId: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('bigint', { transformer: numeric }) version: number;
  @Column('text') name: string;
  @Column('boolean') deleted: boolean;
  @Column({ type: 'timestamptz', name: 'updated_at', precision: 3 }) updatedAt: Date;
}

@Entity({ name: 'test_run', schema: ORCHESTRATOR_SCHEMA })
export class TestRunEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('text') name: string;
  @Column('text', { name: 'widget_id' }) widgetId: string;
  @Column('text', { name: 'language_override', nullable: true }) languageOverride: string | null;
  @Column('text', { name: 'chat_url', nullable: true }) chatUrl: string | null;
  @Column('jsonb', { nullable: true }) metadata: Record<string, unknown> | null;
  /** Resolved at start: the run's own value, else the tenant's default. */
  @Column('int', { name: 'max_turns' }) maxTurns: number;
  @Column('text', { name: 'created_by' }) createdBy: string;
  @Column({ type: 'timestamptz', name: 'created_at', precision: 3 }) createdAt: Date;
  @Column({ type: 'timestamptz', name: 'started_at', precision: 3, nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', precision: 3, nullable: true }) finishedAt: Date | null;
  @Column('text') status: RunStatus;
  @Column('int', { name: 'total_cases' }) totalCases: number;
  @Column('int', { name: 'passed_cases' }) passedCases: number;
  @Column('int', { name: 'scored_cases' }) scoredCases: number;
  @Column('int', { name: 'errored_cases' }) erroredCases: number;
  /** Cases still NOT_STARTED, RUNNING or EVALUATING: the run ends when none is left. */
  @Column('int', { name: 'open_cases' }) openCases: number;
  /** Cases that ever left NOT_STARTED (this attempt): the run is RUNNING once one has. */
  @Column('int', { name: 'started_cases' }) startedCases: number;
  @Column('uuid', { name: 'rerun_of', nullable: true }) rerunOf: string | null;
  @Column('text', { name: 'failure_reason', nullable: true }) failureReason: string | null;
  @Column('bigint', { name: 'prompt_tokens', transformer: numeric }) promptTokens: number;
  @Column('bigint', { name: 'completion_tokens', transformer: numeric }) completionTokens: number;
  @Column('numeric', { name: 'cost_usd', transformer: numeric }) costUsd: number;
  /** Increases with every change; `run.updated` carries it so consumers drop stale events. */
  @Column('bigint', { transformer: numeric }) version: number;
}

@Entity({ name: 'test_run_case', schema: ORCHESTRATOR_SCHEMA })
export class TestRunCaseEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text', { name: 'tenant_id' }) tenantId: string;
  @Column('uuid', { name: 'run_id' }) runId: string;
  @Column('int') position: number;
  @Column('uuid', { name: 'test_case_id' }) testCaseId: string;
  @Column('text') name: string;
  /** The encoded TestCaseSnapshot exactly as the run captured it. */
  @Column('bytea') snapshot: Buffer;
  @Column('text') status: RunCaseStatus;
  @Column('int') attempt: number;
  @Column({ type: 'timestamptz', name: 'deadline_at', precision: 3, nullable: true }) deadlineAt: Date | null;
  @Column('int', { nullable: true }) score: number | null;
  @Column('text', { nullable: true }) band: ScoreBandName | null;
  @Column('text', { nullable: true }) error: string | null;
  @Column('boolean', { name: 'simulator_error' }) simulatorError: boolean;
  @Column('bigint', { name: 'prompt_tokens', transformer: numeric }) promptTokens: number;
  @Column('bigint', { name: 'completion_tokens', transformer: numeric }) completionTokens: number;
  @Column('numeric', { name: 'cost_usd', transformer: numeric }) costUsd: number;
  @Column({ type: 'timestamptz', name: 'started_at', precision: 3, nullable: true }) startedAt: Date | null;
  @Column({ type: 'timestamptz', name: 'finished_at', precision: 3, nullable: true }) finishedAt: Date | null;
}
