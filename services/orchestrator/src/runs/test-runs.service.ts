import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@sim/auth';
import { decode, Topics } from '@sim/contracts';
import { BadUserInputError, ForbiddenError, LimitExceededError, NotFoundError } from '@sim/errors';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, OUTBOX_RELAY } from '@sim/subgraph';
import { ORCHESTRATOR_CONFIG, type OrchestratorConfig } from '../orchestrator.config';
import type { TenantSettingsEntity } from '../tenants/tenant.entity';
import { lockTenantSettings } from '../tenants/tenant-settings.lock';
import { decodeCaseCursor, decodeRunCursor, encodeCaseCursor, encodeRunCursor } from './domain/cursor';
import { isActiveRun } from './domain/run-status';
import { rerunName, validateStartRun, type StartRunInput } from './domain/start-run.input';
import { announceRun, requestSimulations } from './run-events';
import { settleRun } from './run-settlement';
import { TestRunCaseEntity, TestRunEntity } from './run.entities';
import { RunRepository, type ListedRunCase, type RunQuery } from './run.repository';

export const RUNS_PAGE = { default: 20, max: 100 } as const;
export const CASES_PAGE = { default: 100, max: 1000 } as const;

export interface Page<T> {
  rows: { cursor: string; node: T }[];
  hasNextPage: boolean;
  endCursor: string | null;
  total: number;
}

/** A case of a new run: which test case, and its snapshot exactly as the run will run it. */
interface CaseToRun {
  testCaseId: string;
  snapshot: Uint8Array;
}

/** What a run is started with once its cases are resolved (a new run, or a rerun of one). */
interface RunPlan {
  name: string;
  widgetId: string;
  languageOverride: string | null;
  chatUrl: string | null;
  metadata: Record<string, unknown> | null;
  maxTurns: number;
  rerunOf: string | null;
}

/** The requested test cases that are not (or no longer) there. */
export class TestCasesNotFoundError extends NotFoundError {
  constructor(readonly testCaseIds: string[]) {
    super('test case', testCaseIds[0]);
    this.message =
      testCaseIds.length === 1
        ? `test case "${testCaseIds[0]}" was not found (it may have been deleted)`
        : `test cases were not found (they may have been deleted): ${testCaseIds.join(', ')}`;
  }
  override extensions() {
    return { testCaseIds: this.testCaseIds };
  }
}

/**
 * The chat widget a run is to talk to is not (or no longer) there, or is another tenant's.
 * `field` names the input that gave it, when the caller gave it (a rerun takes its run's).
 */
export class ChatWidgetNotFoundError extends NotFoundError {
  constructor(
    readonly widgetId: string,
    readonly field: string | null,
    advice = '',
  ) {
    super('chat widget', widgetId);
    this.message = `chat widget "${widgetId}" was not found (it may have been deleted)${advice}`;
  }
  override extensions() {
    return this.field ? { field: this.field, widgetId: this.widgetId } : { widgetId: this.widgetId };
  }
}

@Injectable()
export class TestRunsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
    @Inject(ORCHESTRATOR_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  shareUrl(runId: string): string {
    return `${this.config.publicWebUrl.replace(/\/+$/, '')}/runs/${runId}`;
  }

  // Reading

  get(principal: Principal, id: string): Promise<TestRunEntity | null> {
    return this.read(principal, (repo) => repo.findRun(id));
  }

  async getOrFail(principal: Principal, id: string): Promise<TestRunEntity> {
    const run = await this.get(principal, id);
    if (!run) throw new NotFoundError('test run', id);
    return run;
  }

  lastRun(principal: Principal): Promise<TestRunEntity | null> {
    return this.read(principal, (repo) => repo.lastRun());
  }

  async list(principal: Principal, query: RunQuery, first?: number | null, after?: string | null): Promise<Page<TestRunEntity>> {
    const size = pageSize(first, RUNS_PAGE);
    const cursor = after ? decodeRunCursor(after) : null;
    if (after && !cursor) throw BadUserInputError.field('after', 'is not a cursor returned by testRuns');
    const { rows, total } = await this.read(principal, (repo) => repo.pageRuns(query, size, cursor));
    const page = rows.slice(0, size).map((node) => ({ cursor: encodeRunCursor(node), node }));
    return { rows: page, hasNextPage: rows.length > size, endCursor: page.at(-1)?.cursor ?? null, total };
  }

  async cases(principal: Principal, runId: string, first?: number | null, after?: string | null): Promise<Page<ListedRunCase>> {
    const size = pageSize(first, CASES_PAGE);
    const cursor = after ? decodeCaseCursor(after) : null;
    if (after && !cursor) throw BadUserInputError.field('after', 'is not a cursor returned by TestRun.cases');
    const { rows, total } = await this.read(principal, (repo) => repo.pageCases(runId, size, cursor));
    const page = rows.slice(0, size).map((node) => ({ cursor: encodeCaseCursor(node.entity), node }));
    return { rows: page, hasNextPage: rows.length > size, endCursor: page.at(-1)?.cursor ?? null, total };
  }

  async getCase(principal: Principal, id: string): Promise<ListedRunCase | null> {
    return this.read(principal, async (repo) => {
      const entity = await repo.findCase(id);
      if (!entity) return null;
      const existing = await repo.existingTestCases([entity.testCaseId]);
      return { entity, testCaseExists: existing.has(entity.testCaseId) };
    });
  }

  // Starting, rerunning, cancelling

  /**
   * Validates, then decides and creates the run in one transaction that holds the tenant's
   * settings row: concurrent starts of a tenant are decided one after another, so
   * `maxActiveRuns` holds however many race.
   */
  async start(principal: Principal, input: StartRunInput): Promise<TestRunEntity> {
    const checked = validateStartRun(input);
    if (!checked.ok) throw new BadUserInputError(checked.errors);
    const value = checked.value;
    return this.write(principal, async (repo, manager, settings) => {
      this.assertMayStart(settings, await repo.countActiveRuns(), value.testCaseIds.length);
      if (!(await repo.hasChatWidget(value.widgetId))) throw new ChatWidgetNotFoundError(value.widgetId, 'widgetId');
      const projections = await repo.projections(value.testCaseIds);
      const missing = value.testCaseIds.filter((id) => {
        const projection = projections.get(id);
        return !projection || projection.deleted;
      });
      if (missing.length > 0) throw new TestCasesNotFoundError(missing);
      const cases = value.testCaseIds.map((id) => ({ testCaseId: id, snapshot: projections.get(id)!.snapshot }));
      const plan: RunPlan = { ...value, maxTurns: value.maxTurns ?? settings.defaultMaxTurns, rerunOf: null };
      return this.createRun(manager, repo, principal, plan, cases);
    });
  }

  /**
   * A new run with the same configuration and the same test cases, each at its current
   * version; a case deleted since runs again as the original run captured it. A widget
   * deleted since cannot be talked to: the rerun is refused.
   */
  async rerun(principal: Principal, id: string): Promise<TestRunEntity> {
    return this.write(principal, async (repo, manager, settings) => {
      const original = await repo.findRun(id);
      if (!original) throw new NotFoundError('test run', id);
      const originalCases = await repo.casesOfRun(original.id);
      this.assertMayStart(settings, await repo.countActiveRuns(), originalCases.length);
      if (!(await repo.hasChatWidget(original.widgetId))) {
        throw new ChatWidgetNotFoundError(original.widgetId, null, '; start a new run on another chat widget');
      }
      const projections = await repo.projections(originalCases.map((c) => c.testCaseId));
      const cases = originalCases.map((c) => {
        const current = projections.get(c.testCaseId);
        return { testCaseId: c.testCaseId, snapshot: current && !current.deleted ? current.snapshot : c.snapshot };
      });
      const plan: RunPlan = {
        name: rerunName(original.name),
        widgetId: original.widgetId,
        languageOverride: original.languageOverride,
        chatUrl: original.chatUrl,
        metadata: original.metadata,
        maxTurns: original.maxTurns,
        rerunOf: original.id,
      };
      return this.createRun(manager, repo, principal, plan, cases);
    });
  }

  /** A queued or running run stops: its open cases are SKIPPED; simulation hears it on `run.updated`. */
  async cancel(principal: Principal, id: string): Promise<TestRunEntity> {
    const result = await this.db.withTenant(principal.tenantId, async (manager) => {
      const repo = new RunRepository(manager, principal.tenantId);
      // Open cases first, then the run: the order in which a case's progress takes them.
      await repo.lockOpenCases(id);
      const run = await repo.lockRun(id);
      if (!run) throw new NotFoundError('test run', id);
      if (!isActiveRun(run.status)) {
        throw BadUserInputError.field('id', `the test run has already finished (${run.status}); only a queued or running run can be cancelled`);
      }
      const now = new Date();
      await repo.skipOpenCases(run.id, now);
      return settleRun(manager, repo, run, { forceStatus: 'CANCELLED', now });
    });
    this.relay.kick();
    return result;
  }

  private assertMayStart(settings: TenantSettingsEntity, activeRuns: number, caseCount: number): void {
    if (!settings.simulationsEnabled) {
      throw new ForbiddenError(
        'Conversation Simulations is turned off for this tenant, so test runs cannot be started; ask your CSM or a platform admin to enable it',
      );
    }
    if (activeRuns >= settings.maxActiveRuns) {
      throw new LimitExceededError(
        `the tenant may have at most ${settings.maxActiveRuns} active test runs (queued or running) and has ${activeRuns}; wait for one to finish or cancel one`,
        'maxActiveRuns',
        settings.maxActiveRuns,
      );
    }
    if (caseCount > settings.maxCasesPerRun) {
      throw new LimitExceededError(
        `a test run may hold at most ${settings.maxCasesPerRun} test cases; ${caseCount} were selected`,
        'maxCasesPerRun',
        settings.maxCasesPerRun,
      );
    }
  }

  private async createRun(manager: EntityManager, repo: RunRepository, principal: Principal, plan: RunPlan, cases: CaseToRun[]): Promise<TestRunEntity> {
    const now = new Date();
    const deadlineAt = new Date(now.getTime() + this.config.runCaseDeadlineMs);
    const run: TestRunEntity = {
      id: randomUUID(),
      tenantId: principal.tenantId,
      name: plan.name,
      widgetId: plan.widgetId,
      languageOverride: plan.languageOverride,
      chatUrl: plan.chatUrl,
      metadata: plan.metadata,
      maxTurns: plan.maxTurns,
      createdBy: principal.userId,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      status: 'QUEUED',
      totalCases: cases.length,
      passedCases: 0,
      scoredCases: 0,
      erroredCases: 0,
      openCases: cases.length,
      startedCases: 0,
      rerunOf: plan.rerunOf,
      failureReason: null,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      version: 1,
    };
    const runCases: TestRunCaseEntity[] = cases.map((c, position) => ({
      id: randomUUID(),
      tenantId: principal.tenantId,
      runId: run.id,
      position,
      testCaseId: c.testCaseId,
      name: decode(Topics.testcasesSnapshot, c.snapshot).name,
      snapshot: Buffer.from(c.snapshot),
      status: 'NOT_STARTED',
      attempt: 1,
      deadlineAt,
      score: null,
      band: null,
      error: null,
      simulatorError: false,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
      startedAt: null,
      finishedAt: null,
    }));
    await repo.insertRun(run);
    await repo.insertCases(runCases);
    await requestSimulations(manager, run, runCases);
    await announceRun(manager, run, now);
    return run;
  }

  private read<T>(principal: Principal, work: (repo: RunRepository) => Promise<T>): Promise<T> {
    return this.db.withTenant(principal.tenantId, (manager) => work(new RunRepository(manager, principal.tenantId)));
  }

  /** A start or rerun: under the tenant's settings lock, then the relay publishes what it enqueued. */
  private async write<T>(
    principal: Principal,
    work: (repo: RunRepository, manager: EntityManager, settings: TenantSettingsEntity) => Promise<T>,
  ): Promise<T> {
    const result = await this.db.withTenant(principal.tenantId, async (manager) => {
      const settings = await lockTenantSettings(manager, principal.tenantId);
      return work(new RunRepository(manager, principal.tenantId), manager, settings);
    });
    this.relay.kick();
    return result;
  }
}

function pageSize(first: number | null | undefined, bounds: { default: number; max: number }): number {
  const size = first ?? bounds.default;
  if (!Number.isInteger(size) || size < 0 || size > bounds.max) throw BadUserInputError.field('first', `must be between 0 and ${bounds.max}`);
  return size;
}
