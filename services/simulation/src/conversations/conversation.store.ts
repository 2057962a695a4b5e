import type { EntityManager } from 'typeorm';
import type { TokenUsage } from '@sim/llm';
import { ConversationEntity, ConversationTurnEntity, type ConversationStatus } from './conversation.entity';

/** TypeORM answers UPDATE/DELETE ... RETURNING with [rows, count], and other statements with rows. */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export interface NewConversation {
  tenantId: string;
  runCaseId: string;
  runId: string;
  attempt: number;
  widgetId: string;
  request: Uint8Array;
  status: ConversationStatus;
  endedBy: string | null;
  error: string | null;
}

export type StepOutcome =
  | { kind: 'continue' }
  | { kind: 'finish'; status: Exclude<ConversationStatus, 'ACTIVE'>; endedBy: string; error: string | null };

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/**
 * The conversation tables. Every statement names the tenant on top of row-level security;
 * the ones that move a conversation on are conditional on the state they expect, so two
 * workers racing on one step cannot both write (the loser changes nothing).
 */
export class ConversationStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  /**
   * Starts (or restarts, for a higher attempt) the conversation of a run case. Returns false
   * for a duplicate: the stored attempt is the same or newer.
   */
  async startAttempt(c: NewConversation): Promise<boolean> {
    const rows = rowsOf(
      await this.manager.query(
        `INSERT INTO conversation (run_case_id, tenant_id, run_id, attempt, widget_id, request, status, next_step, lease_expires_at,
                                   ended_by, error, prompt_tokens, completion_tokens, cost_usd, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, NULL, $8, $9, 0, 0, 0, now(), now())
         ON CONFLICT (run_case_id) DO UPDATE SET
           run_id = EXCLUDED.run_id, attempt = EXCLUDED.attempt, widget_id = EXCLUDED.widget_id, request = EXCLUDED.request,
           status = EXCLUDED.status, next_step = 1, lease_expires_at = EXCLUDED.lease_expires_at, redispatches = 0, ended_by = EXCLUDED.ended_by,
           error = EXCLUDED.error, prompt_tokens = 0, completion_tokens = 0, cost_usd = 0, updated_at = now()
         WHERE conversation.attempt < EXCLUDED.attempt AND conversation.tenant_id = EXCLUDED.tenant_id
         RETURNING run_case_id`,
        [c.runCaseId, this.tenantId, c.runId, c.attempt, c.widgetId, Buffer.from(c.request), c.status, c.endedBy, c.error],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Takes the lease of step `step` when it is the conversation's next one, in one statement:
   * the lease covers the step's model call and up to two calls of the widget's agent. Null
   * when the message is stale (another attempt, a step already done, or the conversation ended).
   */
  async claimStep(runCaseId: string, attempt: number, step: number, leaseMs: number): Promise<{ widgetId: string; request: Uint8Array } | null> {
    const rows = rowsOf<{ widget_id: string; request: Buffer }>(
      await this.manager.query(
        `UPDATE conversation c SET lease_expires_at = now() + make_interval(secs => ($5::double precision + 2 * COALESCE(
             (SELECT (w.settings->>'timeoutMs')::double precision FROM chat_widget w WHERE w.id::text = c.widget_id::text AND w.tenant_id = c.tenant_id), 0)) / 1000)
          WHERE c.run_case_id = $1 AND c.tenant_id = $2 AND c.attempt = $3 AND c.next_step = $4 AND c.status = 'ACTIVE'
          RETURNING c.widget_id, c.request`,
        [runCaseId, this.tenantId, attempt, step, leaseMs],
      ),
    );
    const row = rows[0];
    return row ? { widgetId: row.widget_id, request: new Uint8Array(row.request) } : null;
  }

  /** The conversation's state without taking anything (the step checks it before claiming). */
  find(runCaseId: string): Promise<ConversationEntity | null> {
    return this.manager.findOneBy(ConversationEntity, { runCaseId, tenantId: this.tenantId });
  }

  turns(runCaseId: string, attempt: number): Promise<ConversationTurnEntity[]> {
    return this.manager.find(ConversationTurnEntity, { where: { runCaseId, attempt, tenantId: this.tenantId }, order: { index: 'ASC' } });
  }

  /**
   * Records the outcome of step `step`: adds its usage and either moves to the next step or
   * ends the conversation. Null when another worker already did (nothing was written).
   */
  async completeStep(runCaseId: string, attempt: number, step: number, usage: TokenUsage, outcome: StepOutcome): Promise<UsageTotals | null> {
    const finish = outcome.kind === 'finish';
    const rows = rowsOf<{ prompt_tokens: number; completion_tokens: number; cost_usd: number }>(
      await this.manager.query(
        `UPDATE conversation SET
            next_step = next_step + 1,
            redispatches = 0,
            prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7,
            status = $8,
            ended_by = $9,
            error = $10,
            lease_expires_at = NULL,
            updated_at = now()
          WHERE run_case_id = $1 AND tenant_id = $2 AND attempt = $3 AND next_step = $4 AND status = 'ACTIVE'
          RETURNING prompt_tokens, completion_tokens, cost_usd`,
        [
          runCaseId,
          this.tenantId,
          attempt,
          step,
          usage.promptTokens,
          usage.completionTokens,
          usage.costUsd,
          finish ? outcome.status : 'ACTIVE',
          finish ? outcome.endedBy : null,
          finish ? outcome.error : null,
        ],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    return { promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens), costUsd: Number(row.cost_usd) };
  }

  async insertTurns(turns: Omit<ConversationTurnEntity, 'tenantId'>[]): Promise<void> {
    if (turns.length === 0) return;
    const values: unknown[] = [];
    const rows = turns.map((t, i) => {
      values.push(this.tenantId, t.runCaseId, t.attempt, t.index, t.role, t.text, t.at);
      const p = i * 7;
      return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}, $${p + 5}, $${p + 6}, $${p + 7})`;
    });
    await this.manager.query(`INSERT INTO conversation_turn (tenant_id, run_case_id, attempt, idx, role, text, at) VALUES ${rows.join(', ')}`, values);
  }

  /** Ends the run's conversations that are still going; returns how many. */
  async cancelRun(runId: string): Promise<number> {
    const rows = rowsOf(
      await this.manager.query(
        `UPDATE conversation SET status = 'CANCELLED', ended_by = 'cancelled', lease_expires_at = NULL, updated_at = now()
          WHERE tenant_id = $1 AND run_id = $2 AND status = 'ACTIVE' RETURNING run_case_id`,
        [this.tenantId, runId],
      ),
    );
    return rows.length;
  }
}
