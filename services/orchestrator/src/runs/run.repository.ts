import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { rowsOf } from '@sim/persistence';
import { OPEN_CASE_STATUSES, type CaseContribution, type RunCaseStatus, type RunCounts, type RunStatus, type ScoreBandName } from './domain/run-status';
import type { CaseCursor, RunCursor } from './domain/cursor';
import { isUuid } from './domain/start-run.input';
import { TestCaseProjectionEntity, TestRunCaseEntity, TestRunEntity } from './run.entities';

export interface RunQuery {
  widgetIds?: string[] | null;
  statuses?: RunStatus[] | null;
  search?: string | null;
}

/** A run case as listed: with whether its test case still exists, so the API can reference it. */
export interface ListedRunCase {
  entity: TestRunCaseEntity;
  testCaseExists: boolean;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/**
 * Every query names the tenant explicitly, on top of the row-level security a tenant
 * transaction runs under (the sweeper's system transaction relies on this alone).
 */
export class RunRepository {
  constructor(
    private readonly manager: EntityManager,
    readonly tenantId: string,
  ) {}

  // Test case projection

  /** The projected snapshots of the given ids, deleted ones included. */
  async projections(ids: readonly string[]): Promise<Map<string, TestCaseProjectionEntity>> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return new Map();
    const rows = await this.manager
      .createQueryBuilder(TestCaseProjectionEntity, 'p')
      .where('p.tenant_id = :tenantId', { tenantId: this.tenantId })
      .andWhere('p.test_case_id IN (:...ids)', { ids: valid })
      .getMany();
    return new Map(rows.map((row) => [row.testCaseId, row]));
  }

  // Runs

  async insertRun(run: TestRunEntity): Promise<void> {
    await this.manager.insert(TestRunEntity, { ...run, tenantId: this.tenantId } as QueryDeepPartialEntity<TestRunEntity>);
  }

  findRun(id: string): Promise<TestRunEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.manager.findOneBy(TestRunEntity, { id, tenantId: this.tenantId });
  }

  /** The run, locked until the transaction ends: every change to a run and its counts happens under this lock. */
  lockRun(id: string): Promise<TestRunEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.manager
      .createQueryBuilder(TestRunEntity, 'r')
      .where('r.id = :id AND r.tenant_id = :tenantId', { id, tenantId: this.tenantId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async updateRun(id: string, changes: Partial<TestRunEntity>): Promise<void> {
    await this.manager.update(TestRunEntity, { id, tenantId: this.tenantId }, changes as QueryDeepPartialEntity<TestRunEntity>);
  }

  lastRun(): Promise<TestRunEntity | null> {
    return this.manager
      .createQueryBuilder(TestRunEntity, 'r')
      .where('r.tenant_id = :tenantId', { tenantId: this.tenantId })
      .orderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getOne();
  }

  async countActiveRuns(): Promise<number> {
    const rows: { n: number }[] = await this.manager.query(
      `SELECT count(*)::int AS n FROM test_run WHERE tenant_id = $1 AND status IN ('QUEUED', 'RUNNING')`,
      [this.tenantId],
    );
    return rows[0].n;
  }

  /** One page, newest first, and how many runs match the filter. */
  async pageRuns(query: RunQuery, first: number, after: RunCursor | null): Promise<{ rows: TestRunEntity[]; total: number }> {
    const total = await this.filteredRuns(query).getCount();
    const builder = this.filteredRuns(query).orderBy('r.created_at', 'DESC').addOrderBy('r.id', 'DESC').take(first + 1);
    if (after) builder.andWhere('(r.created_at, r.id) < (:afterAt, :afterId)', { afterAt: after.createdAt, afterId: after.id });
    return { rows: await builder.getMany(), total };
  }

  private filteredRuns(query: RunQuery) {
    const builder = this.manager.createQueryBuilder(TestRunEntity, 'r').where('r.tenant_id = :tenantId', { tenantId: this.tenantId });
    if (query.widgetIds?.length) builder.andWhere('r.widget_id IN (:...widgetIds)', { widgetIds: query.widgetIds });
    if (query.statuses?.length) builder.andWhere('r.status IN (:...statuses)', { statuses: query.statuses });
    const tsquery = toPrefixTsQuery(query.search);
    if (tsquery) builder.andWhere(`r.search @@ to_tsquery('simple', :tsquery)`, { tsquery });
    return builder;
  }

  // Run cases

  async insertCases(cases: TestRunCaseEntity[]): Promise<void> {
    for (let i = 0; i < cases.length; i += 200) {
      await this.manager.insert(
        TestRunCaseEntity,
        cases.slice(i, i + 200).map((c) => ({ ...c, tenantId: this.tenantId })),
      );
    }
  }

  findCase(id: string): Promise<TestRunCaseEntity | null> {
    if (!isUuid(id)) return Promise.resolve(null);
    return this.manager.findOneBy(TestRunCaseEntity, { id, tenantId: this.tenantId });
  }

  casesOfRun(runId: string): Promise<TestRunCaseEntity[]> {
    return this.manager.find(TestRunCaseEntity, { where: { runId, tenantId: this.tenantId }, order: { position: 'ASC' } });
  }

  async updateCase(id: string, changes: Partial<TestRunCaseEntity>): Promise<void> {
    await this.manager.update(TestRunCaseEntity, { id, tenantId: this.tenantId }, changes);
  }

  /** Ends every case of the run that is still open as SKIPPED; returns how many. */
  async skipOpenCases(runId: string, at: Date): Promise<number> {
    const result = await this.manager
      .createQueryBuilder()
      .update(TestRunCaseEntity)
      .set({ status: 'SKIPPED', finishedAt: at, deadlineAt: null })
      .where('run_id = :runId AND tenant_id = :tenantId', { runId, tenantId: this.tenantId })
      .andWhere('status IN (:...open)', { open: OPEN_CASE_STATUSES })
      .execute();
    return result.affected ?? 0;
  }

  /**
   * The state of a case that the pipeline moves, locked until the transaction ends (the
   * case's row is the only lock its progress takes before the run's counts move).
   */
  async lockCaseState(runId: string, id: string): Promise<CaseState | null> {
    if (!isUuid(id) || !isUuid(runId)) return null;
    const rows: { id: string; run_id: string; status: RunCaseStatus; attempt: number; score: number | null; band: ScoreBandName | null; started_at: Date | string | null }[] =
      await this.manager.query(
        `SELECT id, run_id, status, attempt, score, band, started_at FROM test_run_case WHERE id = $1 AND run_id = $2 AND tenant_id = $3 FOR UPDATE`,
        [id, runId, this.tenantId],
      );
    const row = rows[0];
    if (!row) return null;
    return { id: row.id, runId: row.run_id, status: row.status, attempt: row.attempt, score: row.score, band: row.band, startedAt: row.started_at === null ? null : new Date(row.started_at) };
  }

  /**
   * Applies a change to a case (adding what its step cost), then moves the run's counts by
   * the case's delta and adds the same usage, bumping the version: one statement, which
   * returns the run as it now is. The case is locked already (lockCaseState); the run's row
   * stays locked until the transaction ends, so concurrent handlers of one run apply their
   * deltas one after the other and the last one to close a case sees no case open.
   */
  async moveCaseAndRun(runCase: { id: string; runId: string }, change: CaseChange, delta: CaseContribution, usage: Usage): Promise<RunTally | null> {
    const values: unknown[] = [runCase.id, this.tenantId, usage.promptTokens, usage.completionTokens, usage.costUsd, runCase.runId, delta.passed, delta.scored, delta.errored, delta.open, delta.started];
    const sets = (Object.keys(change) as (keyof CaseChange)[]).map((field) => {
      values.push(change[field]);
      return `${CASE_COLUMNS[field]} = $${values.length}`;
    });
    const answer: unknown = await this.manager.query(
      `WITH moved AS (
         UPDATE test_run_case SET ${[...sets, 'prompt_tokens = prompt_tokens + $3', 'completion_tokens = completion_tokens + $4', 'cost_usd = cost_usd + $5'].join(', ')}
          WHERE id = $1 AND tenant_id = $2
          RETURNING 1
       )
       UPDATE test_run SET
          passed_cases = passed_cases + $7, scored_cases = scored_cases + $8, errored_cases = errored_cases + $9,
          open_cases = open_cases + $10, started_cases = started_cases + $11,
          prompt_tokens = prompt_tokens + $3, completion_tokens = completion_tokens + $4, cost_usd = cost_usd + $5,
          version = version + 1
        WHERE id = $6 AND tenant_id = $2 AND EXISTS (SELECT 1 FROM moved)
        RETURNING ${TALLY_COLUMNS}`,
      values,
    );
    const row = rowsOf<RunTallyRow>(answer)[0];
    return row ? tallyOf(row) : null;
  }

  /**
   * Of these runs, those changed since they were last announced, as they are now; each is
   * marked announced at its current version (RunAnnouncer). Waits for a transaction that is
   * changing one of them, then reads what it committed.
   */
  async takeUnannounced(runIds: readonly string[]): Promise<RunTally[]> {
    const answer: unknown = await this.manager.query(
      `UPDATE test_run SET announced_version = version
        WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND version > announced_version
        RETURNING ${TALLY_COLUMNS}`,
      [this.tenantId, runIds.filter(isUuid)],
    );
    return rowsOf<RunTallyRow>(answer).map(tallyOf);
  }

  /** Runs changed since they were last announced (a process stopped before it announced them). */
  async unannouncedRunIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.manager.query('SELECT id FROM test_run WHERE tenant_id = $1 AND version > announced_version', [this.tenantId]);
    return rows.map((row) => row.id);
  }

  /** Locks the run's open cases, in one order, before a change that ends them all (cancel). */
  async lockOpenCases(runId: string): Promise<void> {
    if (!isUuid(runId)) return;
    await this.manager.query(
      `SELECT id FROM test_run_case WHERE run_id = $1 AND tenant_id = $2 AND status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING') ORDER BY id FOR UPDATE`,
      [runId, this.tenantId],
    );
  }

  /** Adds what an LLM step cost to the case and its run. */
  async addUsage(runId: string, caseId: string, usage: Usage): Promise<void> {
    if (usage.promptTokens === 0 && usage.completionTokens === 0 && usage.costUsd === 0) return;
    const params = [usage.promptTokens, usage.completionTokens, usage.costUsd, this.tenantId];
    await this.manager.query(
      `UPDATE test_run_case SET prompt_tokens = prompt_tokens + $1, completion_tokens = completion_tokens + $2, cost_usd = cost_usd + $3
        WHERE id = $5 AND tenant_id = $4`,
      [...params, caseId],
    );
    await this.manager.query(
      `UPDATE test_run SET prompt_tokens = prompt_tokens + $1, completion_tokens = completion_tokens + $2, cost_usd = cost_usd + $3
        WHERE id = $5 AND tenant_id = $4`,
      [...params, runId],
    );
  }

  /** The run's counts, recomputed from its cases (never incremented, so a replay cannot skew them). */
  async countsOf(runId: string): Promise<RunCounts & { started: number }> {
    const rows: { total: number; passed: number; scored: number; errored: number; open: number; started: number }[] = await this.manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE status = 'COMPLETED' AND band = 'PASSED')::int AS passed,
              count(*) FILTER (WHERE status = 'COMPLETED' AND score IS NOT NULL)::int AS scored,
              count(*) FILTER (WHERE status = 'ERROR')::int AS errored,
              count(*) FILTER (WHERE status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING'))::int AS open,
              count(*) FILTER (WHERE status <> 'NOT_STARTED')::int AS started
         FROM test_run_case WHERE run_id = $1 AND tenant_id = $2`,
      [runId, this.tenantId],
    );
    return rows[0];
  }

  /** One page of a run's cases in position order, and how many it has. */
  async pageCases(runId: string, first: number, after: CaseCursor | null): Promise<{ rows: ListedRunCase[]; total: number }> {
    const total = await this.manager.count(TestRunCaseEntity, { where: { runId, tenantId: this.tenantId } });
    const builder = this.manager
      .createQueryBuilder(TestRunCaseEntity, 'c')
      .where('c.run_id = :runId AND c.tenant_id = :tenantId', { runId, tenantId: this.tenantId })
      .orderBy('c.position', 'ASC')
      .take(first + 1);
    if (after) builder.andWhere('c.position > :position', { position: after.position });
    const entities = await builder.getMany();
    const existing = await this.existingTestCases(entities.map((e) => e.testCaseId));
    return { rows: entities.map((entity) => ({ entity, testCaseExists: existing.has(entity.testCaseId) })), total };
  }

  /** Which of the given test cases are in the projection and not deleted. */
  async existingTestCases(testCaseIds: readonly string[]): Promise<Set<string>> {
    const projections = await this.projections(testCaseIds);
    return new Set([...projections.values()].filter((p) => !p.deleted).map((p) => p.testCaseId));
  }


}

/** A case as the pipeline moves it. */
export interface CaseState {
  id: string;
  runId: string;
  status: RunCaseStatus;
  attempt: number;
  score: number | null;
  band: ScoreBandName | null;
  startedAt: Date | null;
}

/** What the pipeline changes on a case. */
export type CaseChange = Partial<Pick<TestRunCaseEntity, 'status' | 'score' | 'band' | 'error' | 'simulatorError' | 'startedAt' | 'finishedAt' | 'deadlineAt'>>;

const CASE_COLUMNS: Record<keyof CaseChange, string> = {
  status: 'status',
  score: 'score',
  band: 'band',
  error: 'error',
  simulatorError: 'simulator_error',
  startedAt: 'started_at',
  finishedAt: 'finished_at',
  deadlineAt: 'deadline_at',
};

/** A run's status, counts and version, as its progress reads them back. */
export type RunTally = Pick<
  TestRunEntity,
  'id' | 'tenantId' | 'status' | 'totalCases' | 'passedCases' | 'scoredCases' | 'erroredCases' | 'openCases' | 'startedCases' | 'startedAt' | 'finishedAt' | 'failureReason' | 'version'
>;

const TALLY_COLUMNS = 'id, tenant_id, status, total_cases, passed_cases, scored_cases, errored_cases, open_cases, started_cases, started_at, finished_at, failure_reason, version';

function tallyOf(row: RunTallyRow): RunTally {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    status: row.status,
    totalCases: row.total_cases,
    passedCases: row.passed_cases,
    scoredCases: row.scored_cases,
    erroredCases: row.errored_cases,
    openCases: row.open_cases,
    startedCases: row.started_cases,
    startedAt: row.started_at === null ? null : new Date(row.started_at),
    finishedAt: row.finished_at === null ? null : new Date(row.finished_at),
    failureReason: row.failure_reason,
    version: Number(row.version),
  };
}

interface RunTallyRow {
  id: string;
  tenant_id: string;
  status: RunStatus;
  total_cases: number;
  passed_cases: number;
  scored_cases: number;
  errored_cases: number;
  open_cases: number;
  started_cases: number;
  started_at: Date | string | null;
  finished_at: Date | string | null;
  failure_reason: string | null;
  version: string | number;
}

/** Statuses a case may be moved from by the pipeline. */
export function isOpen(status: RunCaseStatus): boolean {
  return OPEN_CASE_STATUSES.includes(status);
}

/**
 * What a user typed as a full-text query where every word must start a word of the run's
 * name ("night reg" finds "Nightly regression"). Only letters and digits survive, so no
 * input can break the tsquery syntax.
 */
export function toPrefixTsQuery(search: string | null | undefined): string | null {
  const words = (search ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.slice(0, 16).map((word) => `${word}:*`).join(' & ');
}
