import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { rowsOf, type MessageOnce } from '@sim/persistence';
import { nextRunStatusSql, OPEN_CASE_STATUSES, type CaseContribution, type RunCaseStatus, type RunCounts, type RunStatus } from './domain/run-status';
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

  // Chat widget projection

  /** Whether the tenant has this chat widget: projected and not deleted. One read by primary key. */
  async hasChatWidget(widgetId: string): Promise<boolean> {
    if (!isUuid(widgetId)) return false;
    const rows: unknown[] = await this.manager.query('SELECT 1 FROM chat_widget_projection WHERE widget_id = $1 AND tenant_id = $2 AND NOT deleted', [
      widgetId,
      this.tenantId,
    ]);
    return rows.length > 0;
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

  /** Moves a case by a pipeline message inside the transaction open on this manager (caseProgressStatement). */
  async progressCase(move: CaseMove): Promise<CaseProgress> {
    if (!isUuid(move.caseId) || !isUuid(move.runId)) return UNKNOWN_CASE;
    const { sql, params } = caseProgressStatement(this.tenantId, move, null);
    return caseProgressOf(rowsOf<CaseProgressRow>(await this.manager.query(sql, params))[0]);
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

  /** Locks the run's open cases, in one order, before a change that ends them all (cancel). */
  async lockOpenCases(runId: string): Promise<void> {
    if (!isUuid(runId)) return;
    await this.manager.query(
      `SELECT id FROM test_run_case WHERE run_id = $1 AND tenant_id = $2 AND status IN ('NOT_STARTED', 'RUNNING', 'EVALUATING') ORDER BY id FOR UPDATE`,
      [runId, this.tenantId],
    );
  }

  /** The run's counts, recomputed from its cases (never incremented, so a replay cannot skew them). */
  async countsOf(runId: string): Promise<RunCounts & { started: number }> {
    const rows: { total: number; passed: number; scored: number; errored: number; open: number; started: number }[] = await this.manager.query(
      `SELECT count(*)::int AS total, ${CONTRIBUTIONS.map((field) => `count(*) FILTER (WHERE ${contributes(field, '')})::int AS ${field}`).join(', ')}
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

/** How one pipeline message moves its case (caseProgressStatement). */
export interface CaseMove {
  runId: string;
  caseId: string;
  /** The attempt the message is about; null for whichever attempt is the case's current one. */
  attempt: number | null;
  /** The statuses the case moves from. From any other it stays as it is, but is still charged `usage`. */
  from: readonly RunCaseStatus[];
  /** The case's new values; `startedAt` only where the case has none yet. */
  change: CaseChange;
  /** What the message's step cost: added to the case and its run whether or not the case moves. */
  usage: Usage;
  /** When the run starts or finishes, if this move starts or finishes it. */
  now: Date;
}

/** What a move found and did. */
export interface CaseProgress {
  /** False when the message had been handled already: nothing was read or changed. */
  fresh: boolean;
  /** The case as it was before the move; null when there is no such case in this run. */
  before: { status: RunCaseStatus; attempt: number } | null;
  /** The run as the move left it, when the case moved. */
  run: RunTally | null;
}

const UNKNOWN_CASE: CaseProgress = { fresh: true, before: null, run: null };

/**
 * A case's move by one pipeline message as one statement: the dedupe row (when the message
 * is handled once), the case locked and read, its change where its attempt and status call
 * for it, the usage added in any case, and the run's counts moved by the case's difference
 * (CONTRIBUTIONS), with its status, start and end (nextRunStatusSql). In a tenant
 * transaction of its own this is one round trip, where reading the case first and then
 * changing it took five (ADR 0017).
 *
 * The run's row is updated, and so locked, last: cases of one run move side by side, and
 * their run's counts change one after the other, each from the row as the one before left
 * it. So the move that closes a run's last open case is the one that ends the run.
 */
export function caseProgressStatement(tenantId: string, move: CaseMove, once: MessageOnce | null): { sql: string; params: unknown[] } {
  const { promptTokens, completionTokens, costUsd } = move.usage;
  const fields = Object.keys(move.change) as (keyof CaseChange)[];
  const params: unknown[] = [move.caseId, move.runId, tenantId, move.attempt, [...move.from], promptTokens, completionTokens, costUsd, move.now];
  for (const field of fields) params.push(move.change[field]);
  if (once) params.push(once.consumer, once.messageId);
  // A few shapes (the fields a move changes, whether it is handled once) make all the texts.
  const shape = `${fields.join(',')}${once ? '+once' : ''}`;
  let sql = caseProgressTexts.get(shape);
  if (!sql) caseProgressTexts.set(shape, (sql = caseProgressText(fields, once !== null)));
  return { sql, params };
}

const caseProgressTexts = new Map<string, string>();

/** caseProgressStatement's text: $1-$9 as it fills them, then the changed fields in order, then the dedupe row. */
function caseProgressText(fields: readonly (keyof CaseChange)[], once: boolean): string {
  let last = 9;
  const sets = fields.map((field) =>
    field === 'startedAt' ? `started_at = COALESCE(c.started_at, $${++last}::timestamptz)` : `${CASE_COLUMNS[field]} = $${++last}`,
  );
  const fresh = once ? `INSERT INTO processed_message (consumer, message_id) VALUES ($${++last}, $${++last}) ON CONFLICT DO NOTHING RETURNING 1` : 'SELECT 1';
  const charge = (t: string) => `prompt_tokens = ${t}.prompt_tokens + $6::bigint, completion_tokens = ${t}.completion_tokens + $7::bigint, cost_usd = ${t}.cost_usd + $8::numeric`;
  const next = nextRunStatusSql('r', 'd');
  return `WITH fresh AS (${fresh}),
    target AS (
      SELECT id, status, attempt, band, score FROM test_run_case
       WHERE id = $1 AND run_id = $2 AND tenant_id = $3 AND EXISTS (SELECT 1 FROM fresh)
       FOR UPDATE
    ),
    movable AS (SELECT * FROM target WHERE ($4::int IS NULL OR attempt = $4::int) AND status = ANY($5::text[])),
    moved AS (
      UPDATE test_run_case c SET ${[...sets, charge('c')].join(', ')}
        FROM movable was
       WHERE c.id = was.id AND c.tenant_id = $3
      RETURNING c.status, c.band, c.score, was.status AS was_status, was.band AS was_band, was.score AS was_score
    ),
    charged AS (
      UPDATE test_run_case c SET ${charge('c')}
       WHERE c.id IN (SELECT id FROM target) AND c.tenant_id = $3 AND NOT EXISTS (SELECT 1 FROM movable)
         AND ($6::bigint <> 0 OR $7::bigint <> 0 OR $8::numeric <> 0)
      RETURNING 1
    ),
    d AS (SELECT ${CONTRIBUTIONS.map((field) => `(${contributes(field, 'moved.')})::int - (${contributes(field, 'moved.was_')})::int AS ${field}`).join(', ')} FROM moved),
    run AS (
      UPDATE test_run r SET
         ${CONTRIBUTIONS.map((field) => `${field}_cases = r.${field}_cases + d.${field}`).join(', ')},
         ${charge('r')}, version = r.version + 1,
         status = ${next},
         started_at = COALESCE(r.started_at, CASE WHEN ${next} <> 'QUEUED' AND r.started_cases + d.started > 0 THEN $9::timestamptz END),
         finished_at = COALESCE(r.finished_at, CASE WHEN ${next} NOT IN ('QUEUED', 'RUNNING') THEN $9::timestamptz END)
        FROM d WHERE r.id = $2 AND r.tenant_id = $3
      RETURNING ${TALLY_COLUMNS.split(', ').map((column) => `r.${column}`).join(', ')}
    ),
    run_charged AS (
      UPDATE test_run r SET ${charge('r')}
       WHERE r.id = $2 AND r.tenant_id = $3 AND EXISTS (SELECT 1 FROM charged)
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM fresh) AS fresh, target.status AS before_status, target.attempt AS before_attempt, run.*
      FROM (SELECT 1) AS one LEFT JOIN target ON true LEFT JOIN run ON true`;
}

/** The answer of caseProgressStatement, read. */
export function caseProgressOf(row: CaseProgressRow | undefined): CaseProgress {
  if (!row) throw new Error('a case move answered no row');
  return {
    fresh: row.fresh,
    before: row.before_status === null ? null : { status: row.before_status, attempt: row.before_attempt! },
    run: row.id === null ? null : tallyOf(row as RunTallyRow),
  };
}

export type CaseProgressRow = { fresh: boolean; before_status: RunCaseStatus | null; before_attempt: number | null } & { [K in keyof RunTallyRow]: RunTallyRow[K] | null };

/** What one case adds to its run's counts, each named as its `<name>_cases` column of test_run. */
const CONTRIBUTIONS = ['passed', 'scored', 'errored', 'open', 'started'] as const satisfies readonly (keyof CaseContribution)[];

/**
 * The rules of CaseContribution (domain/run-status.ts) in SQL, over the status, band and
 * score columns named with `prefix`: true when the case counts in the field. Never NULL.
 */
function contributes(field: (typeof CONTRIBUTIONS)[number], prefix: string): string {
  const [status, band, score] = ['status', 'band', 'score'].map((column) => `${prefix}${column}`);
  switch (field) {
    case 'passed':
      return `${status} = 'COMPLETED' AND ${band} IS NOT DISTINCT FROM 'PASSED'`;
    case 'scored':
      return `${status} = 'COMPLETED' AND ${score} IS NOT NULL`;
    case 'errored':
      return `${status} = 'ERROR'`;
    case 'open':
      return `${status} IN (${OPEN_CASE_STATUSES.map((s) => `'${s}'`).join(', ')})`;
    case 'started':
      return `${status} <> 'NOT_STARTED'`;
  }
}

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
