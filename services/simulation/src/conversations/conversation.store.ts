import type { EntityManager } from 'typeorm';
import type { TokenUsage } from '@sim/llm';
import { OUTBOX_COLUMNS, outboxPlaceholders, outboxRows, rowsOf, type OutboxMessage } from '@sim/persistence';
import type { ChatWidgetEntity } from '../widgets/chat-widget.entity';
import { ConversationEntity, ConversationTurnEntity, type ConversationStatus, type TurnRole } from './conversation.entity';


export type StepOutcome =
  /** The conversation goes on, and the worker that recorded the step keeps it: it takes the next step's lease. */
  | { kind: 'continue'; leaseMs: number }
  | { kind: 'finish'; status: Exclude<ConversationStatus, 'ACTIVE'>; endedBy: string; error: string | null };

export interface UsageTotals {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** A claimed step: what its exchange needs. */
export interface ClaimedStep {
  widgetId: string;
  request: Uint8Array;
  widget: Pick<ChatWidgetEntity, 'id' | 'tenantId' | 'connector' | 'settings' | 'secrets'> | null;
  turns: Omit<ConversationTurnEntity, 'tenantId' | 'runCaseId' | 'attempt'>[];
  /** The conversation's usage before this step. */
  usage: UsageTotals;
}

/** The widget's columns as a step reads them (a LEFT JOIN: all null once the widget is deleted). */
interface WidgetColumns {
  w_id: string | null;
  w_connector: ChatWidgetEntity['connector'] | null;
  w_settings: ChatWidgetEntity['settings'] | string | null;
  w_secrets: Buffer | Uint8Array | null;
}

export interface ClaimedRow extends WidgetColumns {
  widget_id: string;
  request: Buffer | Uint8Array;
  prompt_tokens: number | string;
  completion_tokens: number | string;
  cost_usd: number | string;
  turns: unknown;
}

/** What recording a step answers: one row when it was recorded, with the widget when the conversation goes on. */
export type RecordedRow = { recorded: number } & Partial<WidgetColumns>;

export type StepWidget = ClaimedStep['widget'];

/** json/jsonb columns arrive parsed from pg and PGlite alike; a string is parsed here in case. */
function parseJson<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
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

  /** The conversation's state without taking anything (the step checks it before claiming). */
  find(runCaseId: string): Promise<ConversationEntity | null> {
    return this.manager.findOneBy(ConversationEntity, { runCaseId, tenantId: this.tenantId });
  }

  turns(runCaseId: string, attempt: number): Promise<ConversationTurnEntity[]> {
    return this.manager.find(ConversationTurnEntity, { where: { runCaseId, attempt, tenantId: this.tenantId }, order: { index: 'ASC' } });
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

/** A statement and its parameters, for Database.tenantStatement. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** The conversation of a run case's attempt, as `simulation.requested` asks for it. */
export interface ConversationStart {
  runCaseId: string;
  runId: string;
  attempt: number;
  widgetId: string;
  /** The request message itself: the steps decode it back. */
  request: Uint8Array;
}

/**
 * Starts (or restarts, for a higher attempt) the conversation of a run case, in one
 * statement: ACTIVE with `firstStep` enqueued when its widget exists, else ERROR (with
 * `widgetMissingError`) and `widgetMissing` enqueued. No row for a duplicate: the stored
 * attempt is the same or newer, and nothing is written.
 */
export function startConversationStatement(
  tenantId: string,
  c: ConversationStart,
  widgetMissingError: string,
  firstStep: OutboxMessage,
  widgetMissing: OutboxMessage,
): Statement {
  const values: unknown[] = [c.runCaseId, tenantId, c.runId, c.attempt, c.widgetId, Buffer.from(c.request), widgetMissingError];
  const step = outboxRows([firstStep], values.length + 1);
  values.push(...step.values);
  const missing = outboxRows([widgetMissing], values.length + 1);
  values.push(...missing.values);
  return {
    sql: `WITH widget AS (
         SELECT EXISTS (SELECT 1 FROM chat_widget w WHERE w.id = ${uuidOrNull('$5::text')} AND w.tenant_id = $2::text) AS present
       ), started AS (
         INSERT INTO conversation (run_case_id, tenant_id, run_id, attempt, widget_id, request, status, next_step, lease_expires_at,
                                   ended_by, error, prompt_tokens, completion_tokens, cost_usd, created_at, updated_at)
         SELECT $1::uuid, $2::text, $3::text, $4::int, $5::text, $6::bytea, CASE WHEN present THEN 'ACTIVE' ELSE 'ERROR' END, 1, NULL,
                CASE WHEN present THEN NULL ELSE 'error' END, CASE WHEN present THEN NULL ELSE $7::text END, 0, 0, 0, now(), now()
           FROM widget
         ON CONFLICT (run_case_id) DO UPDATE SET
           run_id = EXCLUDED.run_id, attempt = EXCLUDED.attempt, widget_id = EXCLUDED.widget_id, request = EXCLUDED.request,
           status = EXCLUDED.status, next_step = 1, lease_expires_at = NULL, redispatches = 0, ended_by = EXCLUDED.ended_by,
           error = EXCLUDED.error, prompt_tokens = 0, completion_tokens = 0, cost_usd = 0, updated_at = now()
         WHERE conversation.attempt < EXCLUDED.attempt AND conversation.tenant_id = EXCLUDED.tenant_id
         RETURNING status
       ), first_step AS (
         INSERT INTO outbox ${OUTBOX_COLUMNS}
         SELECT * FROM (VALUES ${step.sql}) AS v WHERE EXISTS (SELECT 1 FROM started WHERE status = 'ACTIVE')
       ), widget_missing AS (
         INSERT INTO outbox ${OUTBOX_COLUMNS}
         SELECT * FROM (VALUES ${missing.sql}) AS v WHERE EXISTS (SELECT 1 FROM started WHERE status = 'ERROR')
       )
       SELECT status FROM started`,
    params: values,
  };
}

/**
 * A widget id given as text, as a uuid (NULL when it is none): compared with `w.id` so that
 * the primary key finds the widget. Compared as text (`w.id::text`), it could not be: under
 * row-level security no index serves a comparison through that cast, which is not
 * leakproof, and PostgreSQL read every widget of the tenant. For a parameter: for a column,
 * where the same would not be leakproof either, the conversation keeps `widget_uuid`.
 */
function uuidOrNull(text: string): string {
  return `(CASE WHEN ${text} ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN (${text})::uuid END)`;
}

/**
 * Takes the lease of step `step` when it is the conversation's next one, and reads what
 * the exchange needs (the request, the widget, the turns so far, the usage so far), all in
 * one statement: the lease covers the step's model call and up to two calls of the widget's
 * agent. No row when the message is stale (another attempt, a step already done, or the
 * conversation ended); read it with `claimedStep`.
 *
 * The first step's claim is given `started` (simulation.started) to enqueue along with it:
 * the conversation has begun, and its case is RUNNING, before its agent has answered anything.
 */
export function claimStepStatement(tenantId: string, runCaseId: string, attempt: number, step: number, leaseMs: number, started: OutboxMessage | null): Statement {
  const params: unknown[] = [runCaseId, tenantId, attempt, step, leaseMs];
  if (!started) return { sql: CLAIM_SQL, params };
  return { sql: CLAIM_FIRST_SQL, params: [...params, ...outboxRows([started]).values] };
}

/**
 * When the lease of a step taken now runs out: the worker's own margin ($param, in ms) plus
 * two calls of the widget's agent, at its timeout each. For an UPDATE of `conversation c`.
 */
function leaseUntil(param: string): string {
  return `now() + make_interval(secs => (${param}::double precision + 2 * COALESCE(
             (SELECT (w.settings->>'timeoutMs')::double precision FROM chat_widget w WHERE w.id = c.widget_uuid AND w.tenant_id = c.tenant_id), 0)) / 1000)`;
}

const WIDGET_COLUMNS = 'w.id AS w_id, w.connector AS w_connector, w.settings AS w_settings, w.secrets AS w_secrets';

const CLAIMED = `claimed AS (
         UPDATE conversation c SET lease_expires_at = ${leaseUntil('$5')}
          WHERE c.run_case_id = $1 AND c.tenant_id = $2 AND c.attempt = $3 AND c.next_step = $4 AND c.status = 'ACTIVE'
          RETURNING c.tenant_id, c.widget_id, c.widget_uuid, c.request, c.prompt_tokens, c.completion_tokens, c.cost_usd
       )`;

const CLAIM_ANSWER = `SELECT claimed.widget_id, claimed.request, claimed.prompt_tokens, claimed.completion_tokens, claimed.cost_usd, ${WIDGET_COLUMNS},
              (SELECT COALESCE(json_agg(json_build_object('index', t.idx, 'role', t.role, 'text', t.text, 'at', floor(extract(epoch FROM t.at) * 1000)) ORDER BY t.idx), '[]'::json)
                 FROM conversation_turn t WHERE t.run_case_id = $1 AND t.tenant_id = $2 AND t.attempt = $3) AS turns
         FROM claimed LEFT JOIN chat_widget w ON w.id = claimed.widget_uuid AND w.tenant_id = claimed.tenant_id`;

const CLAIM_SQL = `WITH ${CLAIMED}
       ${CLAIM_ANSWER}`;

const CLAIM_FIRST_SQL = `WITH ${CLAIMED}, started AS (
         INSERT INTO outbox ${OUTBOX_COLUMNS}
         SELECT * FROM (VALUES ${outboxPlaceholders(1, 6)}) AS v WHERE EXISTS (SELECT 1 FROM claimed)
       )
       ${CLAIM_ANSWER}`;

/** The claim's answer: null when nothing was claimed; `widget` null when the widget no longer exists. */
export function claimedStep(tenantId: string, rows: ClaimedRow[]): ClaimedStep | null {
  const row = rows[0];
  if (!row) return null;
  // `at` in epoch milliseconds: PGlite writes a timestamp into JSON slowly, a number quickly.
  const turns = parseJson(row.turns as string | { index: number; role: TurnRole; text: string; at: number }[]);
  return {
    widgetId: row.widget_id,
    request: new Uint8Array(row.request),
    widget: widgetOf(tenantId, row),
    turns: turns.map((t) => ({ index: t.index, role: t.role, text: t.text, at: new Date(t.at) })),
    usage: { promptTokens: Number(row.prompt_tokens), completionTokens: Number(row.completion_tokens), costUsd: Number(row.cost_usd) },
  };
}

/** The widget a step read along with its claim or record; null when it no longer exists. */
export function widgetOf(tenantId: string, row: Partial<WidgetColumns>): StepWidget {
  return row.w_id
    ? { id: row.w_id, tenantId, connector: row.w_connector!, settings: parseJson(row.w_settings!), secrets: row.w_secrets ? Buffer.from(row.w_secrets) : null }
    : null;
}

/**
 * Records the outcome of step `step` in one statement: adds its usage, moves to the next
 * step or ends the conversation, stores the turns said and enqueues the messages that
 * announce them. Only if the conversation is still at this step: no row (nothing written)
 * when another worker already recorded it, or the run was cancelled meanwhile.
 *
 * When the conversation goes on, the same statement takes the next step's lease for this
 * worker and reads the widget again (it may have been changed or deleted meanwhile), the
 * way a claim would.
 */
export function recordStepStatement(
  tenantId: string,
  key: { runCaseId: string; attempt: number; step: number },
  usage: TokenUsage,
  outcome: StepOutcome,
  turns: Omit<ConversationTurnEntity, 'tenantId' | 'runCaseId' | 'attempt'>[],
  messages: OutboxMessage[],
): Statement {
  const finish = outcome.kind === 'finish';
  const values: unknown[] = [
    key.runCaseId,
    tenantId,
    key.attempt,
    key.step,
    usage.promptTokens,
    usage.completionTokens,
    usage.costUsd,
    finish ? outcome.status : 'ACTIVE',
    finish ? outcome.endedBy : null,
    finish ? outcome.error : null,
  ];
  if (!finish) values.push(outcome.leaseMs); // $11
  const turnRows = turns.map((t) => {
    values.push(t.index, t.role, t.text, t.at);
    const p = values.length - 3;
    return `($2::text, $1::uuid, $3::int, $${p}::int, $${p + 1}::text, $${p + 2}::text, $${p + 3}::timestamptz)`;
  });
  const outbox = outboxRows(messages, values.length + 1);
  values.push(...outbox.values);
  return {
    sql: `WITH step AS (
         UPDATE conversation c SET
            next_step = next_step + 1,
            redispatches = 0,
            prompt_tokens = prompt_tokens + $5, completion_tokens = completion_tokens + $6, cost_usd = cost_usd + $7,
            status = $8,
            ended_by = $9,
            error = $10,
            lease_expires_at = ${finish ? 'NULL' : leaseUntil('$11')},
            updated_at = now()
          WHERE c.run_case_id = $1 AND c.tenant_id = $2 AND c.attempt = $3 AND c.next_step = $4 AND c.status = 'ACTIVE'
          RETURNING c.tenant_id, c.widget_uuid
       )${
         turnRows.length
           ? `, turns AS (
         INSERT INTO conversation_turn (tenant_id, run_case_id, attempt, idx, role, text, at)
         SELECT * FROM (VALUES ${turnRows.join(', ')}) AS v WHERE EXISTS (SELECT 1 FROM step)
       )`
           : ''
       }${
         messages.length
           ? `, messages AS (
         INSERT INTO outbox ${OUTBOX_COLUMNS}
         SELECT * FROM (VALUES ${outbox.sql}) AS v WHERE EXISTS (SELECT 1 FROM step)
       )`
           : ''
       }
       ${
         finish
           ? 'SELECT 1 AS recorded FROM step'
           : `SELECT 1 AS recorded, ${WIDGET_COLUMNS} FROM step LEFT JOIN chat_widget w ON w.id = step.widget_uuid AND w.tenant_id = step.tenant_id`
       }`,
    params: values,
  };
}
