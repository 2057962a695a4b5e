import type { EntityManager } from 'typeorm';
import { enqueueOutbox, OUTBOX_COLUMNS, outboxRows, type Database, type OutboxMessage } from '@sim/persistence';
import { EvaluationEntity } from './evaluation.entity';

/** What a worker found when it tried to claim a case for judging. */
export type ClaimOutcome = 'claimed' | 'already-evaluated' | 'claimed-elsewhere';

/**
 * The evaluation tables of one tenant, inside the caller's tenant transaction. Every
 * statement names the tenant explicitly on top of row-level security, so isolation holds
 * even if one of the two were wrong.
 */
export class EvaluationStore {
  constructor(
    private readonly manager: EntityManager,
    private readonly tenantId: string,
  ) {}

  /** Keeps a claim alive while its judge call runs; false when another worker has taken it over. */
  async renewClaim(runCaseId: string, token: string): Promise<boolean> {
    const renewed: unknown[] = await this.manager.query(
      'UPDATE evaluation_claim SET claimed_at = now() WHERE run_case_id = $1 AND tenant_id = $2 AND token = $3 RETURNING 1',
      [runCaseId, this.tenantId, token],
    );
    return renewed.length > 0;
  }

  /** Drops the claim if it is still this worker's (a takeover's claim is left alone). */
  async releaseClaim(runCaseId: string, token: string): Promise<void> {
    await this.manager.query('DELETE FROM evaluation_claim WHERE run_case_id = $1 AND tenant_id = $2 AND token = $3', [
      runCaseId,
      this.tenantId,
      token,
    ]);
  }

  /**
   * Drops this worker's claim and puts the case's message back on its topic through the
   * outbox, for a worker that stops before its judge answered.
   */
  async handBack(runCaseId: string, token: string, message: OutboxMessage): Promise<void> {
    await this.releaseClaim(runCaseId, token);
    await enqueueOutbox(this.manager, message);
  }

  /** The scored verdicts of these run cases (ids that are not UUIDs, or not this tenant's, find nothing). */
  async findScored(runCaseIds: readonly string[]): Promise<EvaluationEntity[]> {
    const ids = runCaseIds.filter(isUuid);
    if (ids.length === 0) return [];
    return this.manager
      .createQueryBuilder(EvaluationEntity, 'e')
      .where('e.tenant_id = :tenantId', { tenantId: this.tenantId })
      .andWhere('e.run_case_id IN (:...ids)', { ids })
      .andWhere('e.error IS NULL')
      .getMany();
  }
}

/**
 * Takes the right to judge attempt `attempt` of a case, in one round trip (its own tenant
 * transaction). A claim held by another worker is respected while it is younger than
 * `ttlMs` and for the same or a later attempt; an older one is taken over (its worker is
 * presumed dead). The check for an existing verdict is a statement of its own after the
 * claim's, on purpose: it reads with a snapshot taken after the claim, so a worker that
 * stored its verdict and released its claim just before is seen, and the judge is not called
 * a second time.
 */
export async function claimCase(db: Database, tenantId: string, runCaseId: string, attempt: number, token: string, ttlMs: number): Promise<ClaimOutcome> {
  const [found] = await db.tenantStatement<{ held: number; evaluated: boolean }>(
    tenantId,
    [
      `INSERT INTO evaluation_claim (run_case_id, tenant_id, attempt, token, claimed_at)
       VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (run_case_id) DO UPDATE
         SET attempt = EXCLUDED.attempt, token = EXCLUDED.token, claimed_at = EXCLUDED.claimed_at
         WHERE evaluation_claim.tenant_id = EXCLUDED.tenant_id
           AND (evaluation_claim.attempt < EXCLUDED.attempt
                OR evaluation_claim.claimed_at < EXCLUDED.claimed_at - $5::double precision * interval '1 millisecond')`,
      `SELECT (SELECT count(*)::int FROM evaluation_claim WHERE run_case_id = $1 AND tenant_id = $2 AND token = $4) AS held,
              EXISTS (SELECT 1 FROM evaluation WHERE run_case_id = $1 AND tenant_id = $2 AND attempt >= $3) AS evaluated`,
    ],
    [runCaseId, tenantId, attempt, token, ttlMs],
  );
  if (Number(found.held) === 0) return 'claimed-elsewhere';
  if (found.evaluated === true || String(found.evaluated) === 't') {
    await db.withTenant(tenantId, (m) => new EvaluationStore(m, tenantId).releaseClaim(runCaseId, token));
    return 'already-evaluated';
  }
  return 'claimed';
}

/**
 * Stores a verdict unless one for the same or a later attempt is already there, announces
 * it through the outbox only if this call stored it, and releases this worker's claim: one
 * statement, in one round trip. Of two racing workers exactly one stores (and announces) the
 * verdict. A verdict of an earlier attempt is replaced, since the orchestrator only accepts
 * the verdict of a case's current attempt. Returns whether this call stored it.
 */
export async function saveVerdict(db: Database, tenantId: string, evaluation: EvaluationEntity, token: string, announcement: OutboxMessage): Promise<boolean> {
  const values: unknown[] = [
    evaluation.runCaseId,
    tenantId,
    evaluation.runId,
    evaluation.attempt,
    evaluation.score,
    evaluation.band,
    evaluation.summary,
    JSON.stringify(evaluation.criteria),
    evaluation.engine,
    evaluation.model,
    evaluation.promptVersion,
    evaluation.simulatorError,
    evaluation.error,
    evaluation.promptTokens,
    evaluation.completionTokens,
    evaluation.costUsd,
    evaluation.evaluatedAt,
    token,
  ];
  const outbox = outboxRows([announcement], values.length + 1);
  values.push(...outbox.values);
  const [{ stored }] = await db.tenantStatement<{ stored: number }>(
    tenantId,
    `WITH saved AS (
       INSERT INTO evaluation (run_case_id, tenant_id, run_id, attempt, score, band, summary, criteria, engine, model,
                               prompt_version, simulator_error, error, prompt_tokens, completion_tokens, cost_usd, evaluated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       ON CONFLICT (run_case_id) DO UPDATE
         SET run_id = EXCLUDED.run_id, attempt = EXCLUDED.attempt, score = EXCLUDED.score, band = EXCLUDED.band,
             summary = EXCLUDED.summary, criteria = EXCLUDED.criteria, engine = EXCLUDED.engine, model = EXCLUDED.model,
             prompt_version = EXCLUDED.prompt_version, simulator_error = EXCLUDED.simulator_error, error = EXCLUDED.error,
             prompt_tokens = EXCLUDED.prompt_tokens, completion_tokens = EXCLUDED.completion_tokens,
             cost_usd = EXCLUDED.cost_usd, evaluated_at = EXCLUDED.evaluated_at
         WHERE evaluation.tenant_id = EXCLUDED.tenant_id AND evaluation.attempt < EXCLUDED.attempt
       RETURNING 1
     ), released AS (
       DELETE FROM evaluation_claim WHERE run_case_id = $1 AND tenant_id = $2 AND token = $18
     ), announced AS (
       INSERT INTO outbox ${OUTBOX_COLUMNS}
       SELECT * FROM (VALUES ${outbox.sql}) AS v WHERE EXISTS (SELECT 1 FROM saved)
     )
     SELECT count(*)::int AS stored FROM saved`,
    values,
  );
  return Number(stored) > 0;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
