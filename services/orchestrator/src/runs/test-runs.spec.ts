/**
 * Test runs end to end inside the orchestrator: real PostgreSQL, the in-process bus, the
 * service layer and the GraphQL endpoint (with the gateway's signed headers), and the
 * pipeline's messages fed to the consumers the way simulation and evaluation send them.
 */
import { randomUUID } from 'node:crypto';
import { MessageHeaders } from '@sim/bus';
import { ScoreBand, SimulationOutcome, TestRunStatus, timestampDate, Topics } from '@sim/contracts';
import { DomainError } from '@sim/errors';
import { busMessage, eventually, graphql, principalOf, project, projectWidget, startHarness, widgetSnapshotOf, type Harness } from '../testing/harness';
import type { TestRunEntity } from './run.entities';

jest.setTimeout(60_000);

const DEADLINE_MS = 600_000;

describe('test runs (PostgreSQL, in-process bus)', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({
      RUN_CASE_DEADLINE_MS: String(DEADLINE_MS),
      RUN_CASE_MAX_ATTEMPTS: '2',
      // The spec sweeps on its own schedule.
      ORCHESTRATOR_SWEEP_INTERVAL_MS: '3600000',
      PUBLIC_WEB_URL: 'https://sim.example.com/',
    });
  });

  afterAll(async () => {
    await h?.close();
  });

  /** Each tenant's chat widget, as simulation announced it when the tenant was made. */
  const widgets = new Map<string, string>();
  const widgetOf = (tenantId: string) => widgets.get(tenantId)!;

  /** A fresh tenant with the given limits, and a chat widget in the projection. */
  async function newTenant(settings: { maxActiveRuns?: number; maxCasesPerRun?: number; defaultMaxTurns?: number; simulationsEnabled?: boolean } = {}) {
    const id = `t-${randomUUID().slice(0, 8)}`;
    await h.tenants.create({ id, name: id, maxActiveRuns: 50, ...settings });
    widgets.set(id, await projectWidget(h, id));
    return id;
  }

  async function startRun(tenantId: string, testCaseIds: string[], extra: Record<string, unknown> = {}): Promise<TestRunEntity> {
    return h.runs.start(principalOf(tenantId), { name: 'Nightly regression', widgetId: widgetOf(tenantId), testCaseIds, ...extra });
  }

  async function casesOf(tenantId: string, runId: string) {
    const page = await h.runs.cases(principalOf(tenantId, 'viewer'), runId);
    return page.rows.map((r) => r.node.entity);
  }

  const run = (tenantId: string, id: string) => h.runs.getOrFail(principalOf(tenantId, 'viewer'), id);

  async function codeOf(promise: Promise<unknown>): Promise<string> {
    try {
      await promise;
      return 'OK';
    } catch (error) {
      if (error instanceof DomainError) return error.code;
      throw error;
    }
  }

  // The pipeline's messages, as simulation and evaluation send them.
  const conversationStarted = (tenantId: string, runId: string, runCaseId: string, attempt = 1) =>
    busMessage(Topics.simulationStarted, { tenantId, runId, runCaseId, attempt }, { tenantId, key: runCaseId });
  const simulated = (tenantId: string, runId: string, runCaseId: string, extra: Record<string, unknown> = {}) =>
    busMessage(
      Topics.simulationCompleted,
      {
        tenantId,
        runId,
        runCaseId,
        attempt: 1,
        outcome: SimulationOutcome.COMPLETED,
        endedBy: 'customer',
        turnCount: 4,
        usage: { promptTokens: 100, completionTokens: 20, costUsd: 0.01 },
        ...extra,
      },
      { tenantId, key: runCaseId },
    );
  const evaluated = (tenantId: string, runId: string, runCaseId: string, extra: Record<string, unknown> = {}) =>
    busMessage(
      Topics.evaluationCompleted,
      {
        tenantId,
        runId,
        runCaseId,
        attempt: 1,
        score: 90,
        band: ScoreBand.PASSED,
        summary: 'The agent gave the tracking link.',
        engine: 'offline',
        usage: { promptTokens: 50, completionTokens: 10, costUsd: 0.005 },
        ...extra,
      },
      { tenantId, key: runCaseId },
    );

  describe('test case projection', () => {
    const caseMessage = (tenantId: string, id: string, name: string, version: bigint) =>
      busMessage(Topics.testcasesSnapshot, { ...snapshot(tenantId, id, name), version }, { tenantId, key: id });

    it('keeps the newest version of each case and drops older or repeated snapshots', async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{ name: 'v2', version: 2 }]);
      expect(await h.projection.onTestCase(caseMessage(tenantId, id, 'v1', 1n))).toBe('stale');
      expect(await h.projection.onTestCase(caseMessage(tenantId, id, 'v2 again', 2n))).toBe('stale');
      const started = await startRun(tenantId, [id]);
      expect((await casesOf(tenantId, started.id))[0].name).toBe('v2');
    });

    it("ignores another tenant's snapshot of a case id it does not hold, without failing", async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{ name: 'The owner’s case', version: 1 }]);
      const other = await newTenant();
      expect(await h.projection.onTestCase(caseMessage(other, id, 'Taken over', 5n))).toBe('other-tenant');
      const started = await startRun(tenantId, [id]);
      expect((await casesOf(tenantId, started.id))[0].name).toBe('The owner’s case');
      expect(await codeOf(startRun(other, [id]))).toBe('NOT_FOUND');
    });

    it('reaches the projection through the bus (testcases.snapshot, from the beginning)', async () => {
      const tenantId = await newTenant();
      const id = randomUUID();
      await h.bus.publish(Topics.testcasesSnapshot, [busMessageFor(tenantId, id, 'Published on the bus')]);
      const code = await eventually(() => codeOf(startRun(tenantId, [id])), (c) => c === 'OK');
      expect(code).toBe('OK');
    });
  });

  describe('chat widget projection', () => {
    const widgetMessage = (tenantId: string, fixture: Parameters<typeof widgetSnapshotOf>[1], headers: Record<string, string> = {}) => {
      const snapshot = widgetSnapshotOf(tenantId, fixture);
      return busMessage(Topics.chatWidgetsSnapshot, snapshot, { tenantId, key: snapshot.widgetId, headers });
    };

    it("keeps the newest version of each widget and ignores older snapshots and another tenant's claim to its id", async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const widgetId = randomUUID();
      expect(await h.projection.onChatWidget(widgetMessage(tenantId, { id: widgetId, version: 2 }))).toBe('applied');
      expect(await h.projection.onChatWidget(widgetMessage(tenantId, { id: widgetId, version: 1, deleted: true }))).toBe('stale');
      expect(await h.projection.onChatWidget(widgetMessage(tenantId, { id: widgetId, version: 2, deleted: true }))).toBe('stale');
      expect(await codeOf(startRun(tenantId, [id], { widgetId }))).toBe('OK');

      // Another tenant naming the same id neither takes the widget over nor deletes it.
      const other = await newTenant();
      expect(await h.projection.onChatWidget(widgetMessage(other, { id: widgetId, version: 9, deleted: true }))).toBe('other-tenant');
      expect(await codeOf(startRun(tenantId, [id], { widgetId }))).toBe('OK');
      const [otherCase] = await project(h, other, [{}]);
      expect(await codeOf(startRun(other, [otherCase], { widgetId }))).toBe('NOT_FOUND');

      // The owner's deletion, newer, is applied; a late copy of the older version changes nothing.
      expect(await h.projection.onChatWidget(widgetMessage(tenantId, { id: widgetId, version: 3, deleted: true }))).toBe('applied');
      expect(await h.projection.onChatWidget(widgetMessage(tenantId, { id: widgetId, version: 2 }))).toBe('stale');
      expect(await codeOf(startRun(tenantId, [id], { widgetId }))).toBe('NOT_FOUND');
    });

    it('dead-letters a snapshot whose tenant header names another tenant', async () => {
      const tenantId = await newTenant();
      const forged = widgetMessage(tenantId, {}, { [MessageHeaders.tenantId]: 'someone-else' });
      await expect(h.projection.onChatWidget(forged)).rejects.toThrow(/arrived with tenant header "someone-else"/);
    });

    it('reaches the projection through the bus (chatwidgets.snapshot, from the beginning)', async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const published = widgetMessage(tenantId, {});
      await h.bus.publish(Topics.chatWidgetsSnapshot, [{ key: published.key, value: published.value, headers: published.headers }]);
      const code = await eventually(() => codeOf(startRun(tenantId, [id], { widgetId: published.key })), (c) => c === 'OK');
      expect(code).toBe('OK');
    });
  });

  describe('starting a run', () => {
    it('queues the run and asks simulation for each case with the resolved language, turns, chat URL and metadata', async () => {
      const tenantId = await newTenant({ defaultMaxTurns: 9 });
      const [german, plain] = await project(h, tenantId, [{ name: 'Wo ist meine Bestellung?', language: 'de' }, { name: 'Refund' }]);
      const before = Date.now();
      const started = await startRun(tenantId, [german, plain], { chatUrl: 'https://shop.example.com/orders', metadata: { plan: 'gold' } });
      expect(started).toMatchObject({ status: 'QUEUED', totalCases: 2, maxTurns: 9, createdBy: 'user-1', widgetId: widgetOf(tenantId) });

      const cases = await casesOf(tenantId, started.id);
      expect(cases.map((c) => [c.name, c.status, c.attempt, c.position])).toEqual([
        ['Wo ist meine Bestellung?', 'NOT_STARTED', 1, 0],
        ['Refund', 'NOT_STARTED', 1, 1],
      ]);
      const requests = await eventually(() => h.requested.filter((r) => r.runId === started.id), (r) => r.length === 2);
      const byCase = new Map(requests.map((r) => [r.runCaseId, r]));
      const first = byCase.get(cases[0].id)!;
      expect(first).toMatchObject({ tenantId, attempt: 1, widgetId: widgetOf(tenantId), language: 'de', chatUrl: 'https://shop.example.com/orders', maxTurns: 9 });
      expect(JSON.parse(first.metadataJson)).toEqual({ plan: 'gold' });
      expect(first.testCase?.testCaseId).toBe(german);
      const deadline = timestampDate(first.deadline!).getTime();
      expect(deadline).toBeGreaterThanOrEqual(before + DEADLINE_MS - 1000);
      expect(deadline).toBeLessThanOrEqual(Date.now() + DEADLINE_MS + 1000);
      expect(byCase.get(cases[1].id)!.language).toBeUndefined();
      await eventually(() => h.runUpdates.filter((u) => u.runId === started.id), (u) => u.length === 1);

      // An override replaces every case's language; the run's own maxTurns replaces the default.
      const overridden = await startRun(tenantId, [german, plain], { languageOverride: 'pt-br', maxTurns: 5 });
      expect(overridden.languageOverride).toBe('pt-BR');
      const overriddenRequests = await eventually(() => h.requested.filter((r) => r.runId === overridden.id), (r) => r.length === 2);
      expect(overriddenRequests.map((r) => [r.language, r.maxTurns])).toEqual([
        ['pt-BR', 5],
        ['pt-BR', 5],
      ]);
    });

    it('names every bad field with BAD_USER_INPUT', async () => {
      const tenantId = await newTenant();
      const result = await graphql(h, principalOf(tenantId), START, {
        input: { name: ' ', widgetId: '', testCaseIds: [], languageOverride: 'english', chatUrl: 'ftp://x', metadata: [1], maxTurns: 51 },
      });
      expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(result.errors![0].extensions.fieldErrors.map((e: { field: string }) => e.field)).toEqual([
        'name',
        'widgetId',
        'testCaseIds',
        'languageOverride',
        'chatUrl',
        'metadata',
        'maxTurns',
      ]);
      const duplicate = randomUUID();
      const repeated = await graphql(h, principalOf(tenantId), START, { input: { name: 'x', widgetId: 'w', testCaseIds: [duplicate, duplicate] } });
      expect(repeated.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'testCaseIds' });
    });

    it('refuses unknown and deleted test cases with NOT_FOUND naming them', async () => {
      const tenantId = await newTenant();
      const [kept, deleted] = await project(h, tenantId, [{}, {}]);
      await project(h, tenantId, [{ id: deleted, version: 2, deleted: true }]);
      const unknown = randomUUID();
      const error = await h.runs.start(principalOf(tenantId), { name: 'x', widgetId: widgetOf(tenantId), testCaseIds: [kept, deleted, unknown] }).catch((e: Error) => e);
      expect(error).toMatchObject({ code: 'NOT_FOUND' });
      expect((error as Error).message).toContain(deleted);
      expect((error as Error).message).toContain(unknown);
      expect((error as Error).message).not.toContain(kept);
      // Another tenant's case is as unknown as one that never existed.
      const other = await newTenant();
      expect(await codeOf(startRun(other, [kept]))).toBe('NOT_FOUND');
    });

    it("refuses an unknown, another tenant's or a deleted chat widget with NOT_FOUND naming widgetId, and creates no run", async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const other = await newTenant();
      const deleted = await projectWidget(h, tenantId);
      await projectWidget(h, tenantId, { id: deleted, version: 2, deleted: true });
      for (const widgetId of [randomUUID(), widgetOf(other), deleted, 'not-a-uuid']) {
        const refused = await graphql(h, principalOf(tenantId), START, { input: { name: 'x', widgetId, testCaseIds: [id] } });
        expect(refused.errors![0].extensions).toEqual({ code: 'NOT_FOUND', field: 'widgetId', widgetId });
        expect(refused.errors![0].message).toBe(`chat widget "${widgetId}" was not found (it may have been deleted)`);
      }
      expect((await h.runs.list(principalOf(tenantId), {})).total).toBe(0);
      await h.service.relay.flush();
      expect(h.requested.filter((r) => r.tenantId === tenantId)).toEqual([]);
      // The tenant's own widget, with the same case, starts.
      expect(await codeOf(startRun(tenantId, [id]))).toBe('OK');
    });

    it('accepts exactly maxActiveRuns of 20 racing starts; the rest get LIMIT_EXCEEDED', async () => {
      const tenantId = await newTenant({ maxActiveRuns: 2 });
      const [id] = await project(h, tenantId, [{}]);
      const codes = await Promise.all(Array.from({ length: 20 }, () => codeOf(startRun(tenantId, [id]))));
      expect(codes.filter((c) => c === 'OK')).toHaveLength(2);
      expect(codes.filter((c) => c === 'LIMIT_EXCEEDED')).toHaveLength(18);

      const refused = await graphql(h, principalOf(tenantId), START, { input: { name: 'x', widgetId: widgetOf(tenantId), testCaseIds: [id] } });
      expect(refused.errors![0].extensions).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxActiveRuns', max: 2 });
      expect(refused.errors![0].message).toMatch(/at most 2 active test runs/);

      // A finished run frees its place.
      const active = (await h.runs.list(principalOf(tenantId), {})).rows.map((r) => r.node);
      await h.runs.cancel(principalOf(tenantId), active[0].id);
      expect(await codeOf(startRun(tenantId, [id]))).toBe('OK');
    });

    it('enforces maxCasesPerRun and the Conversation Simulations switch', async () => {
      const tenantId = await newTenant({ maxCasesPerRun: 2 });
      const ids = await project(h, tenantId, [{}, {}, {}]);
      const tooMany = await startRun(tenantId, ids).catch((e: Error) => e);
      expect(tooMany).toMatchObject({ code: 'LIMIT_EXCEEDED', limit: 'maxCasesPerRun', max: 2 });
      expect(await codeOf(startRun(tenantId, ids.slice(0, 2)))).toBe('OK');

      const off = await newTenant({ simulationsEnabled: false });
      const [offCase] = await project(h, off, [{}]);
      const refused = await graphql(h, principalOf(off), START, { input: { name: 'x', widgetId: widgetOf(off), testCaseIds: [offCase] } });
      expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(refused.errors![0].message).toMatch(/Conversation Simulations is turned off for this tenant/);
    });

    it('needs an editor to start, rerun or cancel; a viewer can read', async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const viewer = principalOf(tenantId, 'viewer');
      const refused = await graphql(h, viewer, START, { input: { name: 'x', widgetId: widgetOf(tenantId), testCaseIds: [id] } });
      expect(refused.errors![0].extensions.code).toBe('FORBIDDEN');
      const started = await startRun(tenantId, [id]);
      const read = await graphql(h, viewer, `query($id: ID!) { testRun(id: $id) { id status } }`, { id: started.id });
      expect(read.data.testRun).toEqual({ id: started.id, status: 'QUEUED' });
      for (const mutation of ['rerunTestRun', 'cancelTestRun']) {
        const result = await graphql(h, viewer, `mutation($id: ID!) { ${mutation}(id: $id) { id } }`, { id: started.id });
        expect(result.errors![0].extensions.code).toBe('FORBIDDEN');
      }
    });
  });

  describe('progress from the pipeline', () => {
    it('moves cases and the run along, counts, and ends COMPLETED_WITH_ERRORS with a pass rate over scored cases', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{ name: 'passes' }, { name: 'fails' }, { name: 'simulator breaks' }]);
      const started = await startRun(tenantId, ids);
      const [a, b, c] = await casesOf(tenantId, started.id);

      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id))).toBe('applied');
      expect((await run(tenantId, started.id)).status).toBe('RUNNING');
      expect((await run(tenantId, started.id)).startedAt).not.toBeNull();
      expect((await casesOf(tenantId, started.id))[0]).toMatchObject({ status: 'RUNNING' });
      // Later turns of the same attempt change nothing.
      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id))).toBe('not-applicable');

      expect(await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, a.id))).toBe('applied');
      expect((await casesOf(tenantId, started.id))[0].status).toBe('EVALUATING');
      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, a.id))).toBe('applied');
      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, b.id, { score: 30, band: ScoreBand.FAILED }))).toBe('applied');
      let current = await run(tenantId, started.id);
      expect(current).toMatchObject({ status: 'RUNNING', passedCases: 1, scoredCases: 2, erroredCases: 0 });
      expect(await passRateOf(tenantId, started.id)).toBe(50);

      expect(
        await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, c.id, { simulatorError: true, summary: 'the customer spoke French', score: 0 })),
      ).toBe('applied');
      const cases = await casesOf(tenantId, started.id);
      expect(cases.map((x) => [x.status, x.score, x.band])).toEqual([
        ['COMPLETED', 90, 'PASSED'],
        ['COMPLETED', 30, 'FAILED'],
        ['ERROR', null, null],
      ]);
      expect(cases[2]).toMatchObject({ simulatorError: true, error: 'The simulated customer broke the test case: the customer spoke French' });
      current = await run(tenantId, started.id);
      expect(current).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', totalCases: 3, passedCases: 1, scoredCases: 2, erroredCases: 1 });
      expect(current.finishedAt).not.toBeNull();
      expect(current).toMatchObject({ promptTokens: 100 + 3 * 50, completionTokens: 20 + 3 * 10 });
      expect(current.costUsd).toBeCloseTo(0.01 + 3 * 0.005);

      const updates = await eventually(
        () => h.runUpdates.filter((u) => u.runId === started.id),
        (u) => u.some((x) => x.status === TestRunStatus.COMPLETED_WITH_ERRORS),
      );
      const versions = updates.map((u) => Number(u.version));
      expect(versions).toEqual([...versions].sort((x, y) => x - y));
      expect(updates.at(-1)).toMatchObject({ totalCases: 3, passedCases: 1, scoredCases: 2, erroredCases: 1 });
    });

    it('ends COMPLETED when no case errored, and ignores redeliveries, replays and stale attempts', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}, {}]);
      const started = await startRun(tenantId, ids);
      const [a, b] = await casesOf(tenantId, started.id);
      expect(await passRateOf(tenantId, started.id)).toBeNull();

      const completion = simulated(tenantId, started.id, a.id);
      expect(await h.pipeline.onSimulationCompleted(completion)).toBe('applied');
      expect(await h.pipeline.onSimulationCompleted(completion)).toBe('duplicate');
      const stale = evaluated(tenantId, started.id, a.id, { attempt: 2, score: 10, band: ScoreBand.FAILED });
      expect(await h.pipeline.onEvaluationCompleted(stale)).toBe('stale-attempt');
      expect((await casesOf(tenantId, started.id))[0].status).toBe('EVALUATING');

      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, a.id))).toBe('applied');
      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, b.id, { score: 85, band: ScoreBand.UNSPECIFIED }))).toBe('applied');
      const finished = await run(tenantId, started.id);
      expect(finished).toMatchObject({ status: 'COMPLETED', passedCases: 2, scoredCases: 2, erroredCases: 0 });
      const version = finished.version;

      // The same outcome sent again under a new message id: the case is final, nothing moves.
      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, a.id, { score: 0, band: ScoreBand.FAILED }))).toBe('already-final');
      expect(await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, b.id, { outcome: SimulationOutcome.ERROR, error: 'late' }))).toBe('already-final');
      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, b.id))).toBe('already-final');
      expect(await run(tenantId, started.id)).toMatchObject({ status: 'COMPLETED', passedCases: 2, version });
      expect(await passRateOf(tenantId, started.id)).toBe(100);
    });

    it('keeps exact counts when the cases of one run progress at once, and the last case to close ends the run', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, Array.from({ length: 24 }, () => ({})));
      const started = await startRun(tenantId, ids);
      const cases = await casesOf(tenantId, started.id);
      // Every case at once, each through its own messages in order: a third error out, a third fail their judge's bar.
      await Promise.all(
        cases.map(async (c, i) => {
          expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, c.id))).toBe('applied');
          if (i % 3 === 0) {
            expect(await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, c.id, { outcome: SimulationOutcome.ERROR, error: 'no answer' }))).toBe('applied');
            return;
          }
          expect(await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, c.id))).toBe('applied');
          const score = i % 3 === 1 ? 90 : 40;
          expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, c.id, { score, band: ScoreBand.UNSPECIFIED }))).toBe('applied');
        }),
      );
      const finished = await run(tenantId, started.id);
      expect(finished).toMatchObject({ status: 'COMPLETED_WITH_ERRORS', totalCases: 24, passedCases: 8, scoredCases: 16, erroredCases: 8, openCases: 0, startedCases: 24 });
      expect(finished.promptTokens).toBe(24 * 100 + 16 * 50);
      expect(finished.finishedAt).not.toBeNull();
      const updates = await eventually(() => h.runUpdates.filter((u) => u.runId === started.id), (u) => u.some((x) => x.status === TestRunStatus.COMPLETED_WITH_ERRORS));
      expect(updates.filter((u) => u.status === TestRunStatus.COMPLETED_WITH_ERRORS)).toHaveLength(1);
      // The run's 64 case changes were announced together: far fewer messages, the last with the final state.
      expect(updates.length).toBeLessThan(16);
      expect(updates.at(-1)).toMatchObject({ status: TestRunStatus.COMPLETED_WITH_ERRORS, passedCases: 8, scoredCases: 16, erroredCases: 8 });
      expect(Number(updates.at(-1)!.version)).toBe(Number(finished.version));
    });

    it('announces what a stopped process left unannounced when the next one starts', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}]);
      const started = await startRun(tenantId, ids);
      const [a] = await casesOf(tenantId, started.id);
      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id))).toBe('applied');
      await eventually(() => h.runUpdates.filter((u) => u.runId === started.id && u.status === TestRunStatus.RUNNING), (u) => u.length === 1);
      // A change committed by a process that stopped before announcing it.
      await h.service.db.withTenant(tenantId, (m) => m.query(`UPDATE test_run SET version = version + 1, passed_cases = 0 WHERE id = $1`, [started.id]));
      const version = (await run(tenantId, started.id)).version;

      await h.announcer.recover();
      await h.announcer.flush();
      await h.service.relay.flush();
      const updates = await eventually(() => h.runUpdates.filter((u) => u.runId === started.id), (u) => u.some((x) => Number(x.version) === version));
      expect(updates.filter((u) => Number(u.version) === version)).toHaveLength(1);
      // Announced once: nothing is left for the next start.
      await h.announcer.recover();
      await h.announcer.flush();
      await h.service.relay.flush();
      expect(h.runUpdates.filter((u) => u.runId === started.id && Number(u.version) === version)).toHaveLength(1);
    });

    it('cancels a run while its cases progress, without a deadlock and with counts that match its cases', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, Array.from({ length: 16 }, () => ({})));
      const started = await startRun(tenantId, ids);
      const cases = await casesOf(tenantId, started.id);
      const progress = cases.map(async (c) => {
        await h.pipeline.onStarted(conversationStarted(tenantId, started.id, c.id));
        await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, c.id));
        await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, c.id));
      });
      const cancel = graphql(h, principalOf(tenantId), `mutation($id: ID!) { cancelTestRun(id: $id) { status } }`, { id: started.id });
      await Promise.all(progress);
      expect((await cancel).data.cancelTestRun.status).toBe('CANCELLED');
      const after = await casesOf(tenantId, started.id);
      const cancelled = await run(tenantId, started.id);
      expect(cancelled).toMatchObject({
        status: 'CANCELLED',
        passedCases: after.filter((c) => c.status === 'COMPLETED').length,
        scoredCases: after.filter((c) => c.status === 'COMPLETED').length,
        erroredCases: 0,
        openCases: 0,
        startedCases: 16,
      });
      expect(after.every((c) => c.status === 'COMPLETED' || c.status === 'SKIPPED')).toBe(true);
    });

    it('ends a case ERROR when its conversation fails, and the whole run FAILED when it cannot proceed', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}, {}, {}]);
      const started = await startRun(tenantId, ids);
      const [a, b, c] = await casesOf(tenantId, started.id);
      await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, a.id, { outcome: SimulationOutcome.ERROR, error: 'the agent did not answer' }));
      expect((await casesOf(tenantId, started.id))[0]).toMatchObject({ status: 'ERROR', error: 'the agent did not answer', simulatorError: false });
      await h.pipeline.onStarted(conversationStarted(tenantId, started.id, b.id));

      expect(
        await h.pipeline.onSimulationCompleted(
          simulated(tenantId, started.id, c.id, { outcome: SimulationOutcome.ERROR, runCannotProceed: true, error: 'the chat widget "widget-1" no longer exists' }),
        ),
      ).toBe('applied');
      const failed = await run(tenantId, started.id);
      expect(failed).toMatchObject({ status: 'FAILED', failureReason: 'the chat widget "widget-1" no longer exists' });
      expect(failed.finishedAt).not.toBeNull();
      expect((await casesOf(tenantId, started.id)).map((x) => x.status)).toEqual(['ERROR', 'SKIPPED', 'SKIPPED']);
      // A FAILED run stays FAILED whatever arrives later.
      expect(await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, b.id))).toBe('already-final');
      expect((await run(tenantId, started.id)).status).toBe('FAILED');
    });

    it('cancels a queued or running run: open cases SKIPPED; a finished run cannot be cancelled', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}, {}]);
      const started = await startRun(tenantId, ids);
      const [a] = await casesOf(tenantId, started.id);
      await h.pipeline.onSimulationCompleted(simulated(tenantId, started.id, a.id));
      await h.pipeline.onEvaluationCompleted(evaluated(tenantId, started.id, a.id));

      const cancelled = await graphql(h, principalOf(tenantId), `mutation($id: ID!) { cancelTestRun(id: $id) { status finishedAt passRate } }`, { id: started.id });
      expect(cancelled.data.cancelTestRun).toMatchObject({ status: 'CANCELLED', passRate: 100 });
      expect(cancelled.data.cancelTestRun.finishedAt).not.toBeNull();
      expect((await casesOf(tenantId, started.id)).map((x) => x.status)).toEqual(['COMPLETED', 'SKIPPED']);
      const updates = await eventually(() => h.runUpdates.filter((u) => u.runId === started.id), (u) => u.some((x) => x.status === TestRunStatus.CANCELLED));
      expect(updates.at(-1)!.status).toBe(TestRunStatus.CANCELLED);

      const again = await graphql(h, principalOf(tenantId), `mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: started.id });
      expect(again.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    });

    it('shows the runs by status on /metrics, over every tenant', async () => {
      const runsByStatus = async () => {
        const text = await (await fetch(`http://127.0.0.1:${h.service.port}/metrics`)).text();
        const counts: Record<string, number> = {};
        for (const match of text.matchAll(/^sim_test_runs\{status="([A-Z_]+)"\} (\d+)$/gm)) counts[match[1]] = Number(match[2]);
        return counts;
      };
      const before = await runsByStatus();
      expect(Object.keys(before).sort()).toEqual(['CANCELLED', 'COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'QUEUED', 'RUNNING']);
      const [acme, globex] = [await newTenant(), await newTenant()];
      const acmeRun = await startRun(acme, await project(h, acme, [{}]));
      await startRun(globex, await project(h, globex, [{}]));
      await graphql(h, principalOf(acme), `mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: acmeRun.id });

      const after = await runsByStatus();
      expect(after.QUEUED - before.QUEUED).toBe(1);
      expect(after.CANCELLED - before.CANCELLED).toBe(1);
    });

    it('ends a case ERROR with the reason of a dead-lettered message about it', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}, {}]);
      const started = await startRun(tenantId, ids);
      const [a, b] = await casesOf(tenantId, started.id);
      const dead = evaluated(tenantId, started.id, a.id);
      await h.bus.publish(`${Topics.evaluationCompleted}.dlq`, [
        { key: a.id, value: dead.value, headers: { ...dead.headers, [MessageHeaders.dlqReason]: 'judge output did not match the schema' } },
      ]);
      const errored = await eventually(() => casesOf(tenantId, started.id), (cases) => cases[0].status === 'ERROR');
      expect(errored[0]).toMatchObject({ status: 'ERROR', error: 'judge output did not match the schema' });

      // An undecodable payload still names its case through the message key.
      await h.bus.publish(`${Topics.simulationStep}.dlq`, [
        {
          key: b.id,
          value: new Uint8Array([0xff, 0xff, 0xff]),
          headers: { [MessageHeaders.tenantId]: tenantId, [MessageHeaders.messageId]: randomUUID(), [MessageHeaders.dlqReason]: 'step handler crashed' },
        },
      ]);
      await eventually(() => run(tenantId, started.id), (r) => r.status === 'COMPLETED_WITH_ERRORS');
      expect((await casesOf(tenantId, started.id))[1]).toMatchObject({ status: 'ERROR', error: 'step handler crashed' });
    });

    it('drives a case through the bus topics the consumers subscribe to', async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const started = await startRun(tenantId, [id]);
      const [a] = await casesOf(tenantId, started.id);
      const publish = (m: ReturnType<typeof conversationStarted>) => h.bus.publish(m.topic, [{ key: m.key, value: m.value, headers: m.headers }]);
      await publish(conversationStarted(tenantId, started.id, a.id));
      await eventually(() => run(tenantId, started.id), (r) => r.status === 'RUNNING');
      await publish(simulated(tenantId, started.id, a.id));
      await eventually(() => casesOf(tenantId, started.id), (cases) => cases[0].status === 'EVALUATING');
      await publish(evaluated(tenantId, started.id, a.id, { score: 60, band: ScoreBand.NEEDS_ATTENTION }));
      const done = await eventually(() => run(tenantId, started.id), (r) => r.status === 'COMPLETED');
      expect(done).toMatchObject({ status: 'COMPLETED', passedCases: 0, scoredCases: 1 });
    });
  });

  describe('reading, rerunning, sharing', () => {
    it('lists newest first with filters, search and cursors; lastRun; NOT_FOUND for another tenant', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{ name: 'one' }, { name: 'two' }]);
      const [widgetA, widgetB] = [await projectWidget(h, tenantId), await projectWidget(h, tenantId)];
      const first = await startRun(tenantId, ids, { name: 'Checkout flows', widgetId: widgetA });
      const second = await startRun(tenantId, ids, { name: 'Refund flows', widgetId: widgetB });
      await h.runs.cancel(principalOf(tenantId), first.id);
      const viewer = principalOf(tenantId, 'viewer');

      const all = await graphql(h, viewer, LIST, { first: 1 });
      expect(all.data.testRuns.totalCount).toBe(2);
      expect(all.data.testRuns.edges.map((e: any) => e.node.id)).toEqual([second.id]);
      expect(all.data.testRuns.pageInfo.hasNextPage).toBe(true);
      const next = await graphql(h, viewer, LIST, { first: 1, after: all.data.testRuns.pageInfo.endCursor });
      expect(next.data.testRuns.edges.map((e: any) => e.node.id)).toEqual([first.id]);
      expect(next.data.testRuns.pageInfo.hasNextPage).toBe(false);

      const filtered = async (filter: Record<string, unknown>) =>
        (await graphql(h, viewer, LIST, { filter })).data.testRuns.edges.map((e: any) => e.node.id);
      expect(await filtered({ widgetIds: [widgetA] })).toEqual([first.id]);
      expect(await filtered({ statuses: ['CANCELLED'] })).toEqual([first.id]);
      expect(await filtered({ statuses: ['QUEUED', 'RUNNING'] })).toEqual([second.id]);
      expect(await filtered({ search: 'refu' })).toEqual([second.id]);
      expect(await filtered({ search: 'flows' })).toEqual([second.id, first.id]);

      const badCursor = await graphql(h, viewer, LIST, { after: 'nonsense' });
      expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });

      const detail = await graphql(h, viewer, DETAIL, { id: second.id });
      expect(detail.data.testRun).toMatchObject({
        id: second.id,
        name: 'Refund flows',
        status: 'QUEUED',
        widget: { id: widgetB },
        shareUrl: `https://sim.example.com/runs/${second.id}`,
        passRate: null,
        rerunOf: null,
        maxTurns: 12,
        usage: { promptTokens: 0, completionTokens: 0, costUsd: 0 },
      });
      expect(detail.data.testRun.cases.totalCount).toBe(2);
      expect(detail.data.testRun.cases.edges.map((e: any) => [e.node.name, e.node.status, e.node.testCase])).toEqual([
        ['one', 'NOT_STARTED', { id: ids[0] }],
        ['two', 'NOT_STARTED', { id: ids[1] }],
      ]);
      const page2 = await graphql(h, viewer, `query($id: ID!, $after: String) { testRun(id: $id) { cases(first: 1, after: $after) { edges { node { name } } pageInfo { hasNextPage endCursor } } } }`, {
        id: second.id,
      });
      const rest = await graphql(h, viewer, `query($id: ID!, $after: String) { testRun(id: $id) { cases(first: 1, after: $after) { edges { node { name } } pageInfo { hasNextPage } } } }`, {
        id: second.id,
        after: page2.data.testRun.cases.pageInfo.endCursor,
      });
      expect(rest.data.testRun.cases.edges.map((e: any) => e.node.name)).toEqual(['two']);
      expect(rest.data.testRun.cases.pageInfo.hasNextPage).toBe(false);

      const last = await graphql(h, viewer, `{ lastRun { id } }`);
      expect(last.data.lastRun).toEqual({ id: second.id });

      const other = await newTenant();
      const stranger = await graphql(h, principalOf(other, 'viewer'), DETAIL, { id: second.id });
      expect(stranger.errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await graphql(h, principalOf(other, 'viewer'), `{ lastRun { id } }`)).data.lastRun).toBeNull();
      expect((await graphql(h, principalOf(other, 'viewer'), LIST, {})).data.testRuns.totalCount).toBe(0);
      const cancelOther = await graphql(h, principalOf(other), `mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: second.id });
      expect(cancelOther.errors![0].extensions.code).toBe('NOT_FOUND');
      const rerunOther = await graphql(h, principalOf(other), `mutation($id: ID!) { rerunTestRun(id: $id) { id } }`, { id: second.id });
      expect(rerunOther.errors![0].extensions.code).toBe('NOT_FOUND');
      expect((await graphql(h, viewer, DETAIL, { id: 'not-a-uuid' })).errors![0].extensions.code).toBe('NOT_FOUND');
    });

    it('reruns with the same configuration and each case at its current version; a deleted case keeps its snapshot', async () => {
      const tenantId = await newTenant();
      const [edited, deleted] = await project(h, tenantId, [{ name: 'Edited v1' }, { name: 'Deleted later' }]);
      const original = await startRun(tenantId, [edited, deleted], {
        name: 'Weekly',
        languageOverride: 'fr',
        chatUrl: 'https://shop.example.com',
        metadata: { tier: 'gold' },
        maxTurns: 7,
      });
      await h.runs.cancel(principalOf(tenantId), original.id);
      await project(h, tenantId, [
        { id: edited, name: 'Edited v2', version: 2 },
        { id: deleted, version: 2, deleted: true },
      ]);

      const rerun = await graphql(h, principalOf(tenantId), `mutation($id: ID!) { rerunTestRun(id: $id) { ${RUN_FIELDS} rerunOf { id } cases { edges { node { name testCase { id } } } } } }`, {
        id: original.id,
      });
      const copy = rerun.data.rerunTestRun;
      expect(copy).toMatchObject({
        name: 'Weekly (rerun)',
        status: 'QUEUED',
        widget: { id: widgetOf(tenantId) },
        languageOverride: 'fr',
        chatUrl: 'https://shop.example.com',
        metadata: { tier: 'gold' },
        maxTurns: 7,
        rerunOf: { id: original.id },
      });
      expect(copy.cases.edges.map((e: any) => [e.node.name, e.node.testCase])).toEqual([
        ['Edited v2', { id: edited }],
        ['Deleted later', null],
      ]);
      const requests = await eventually(() => h.requested.filter((r) => r.runId === copy.id), (r) => r.length === 2);
      expect(requests.map((r) => [r.testCase?.name, r.language, r.maxTurns, r.chatUrl]).sort()).toEqual([
        ['Deleted later', 'fr', 7, 'https://shop.example.com'],
        ['Edited v2', 'fr', 7, 'https://shop.example.com'],
      ]);
    });
  });

  describe('rerunning after the chat widget was deleted', () => {
    it('refuses the rerun with NOT_FOUND naming the chat widget, and creates no run', async () => {
      const tenantId = await newTenant();
      const ids = await project(h, tenantId, [{}]);
      const original = await startRun(tenantId, ids);
      await h.runs.cancel(principalOf(tenantId), original.id);
      await projectWidget(h, tenantId, { id: widgetOf(tenantId), version: 2, deleted: true });

      const rerun = await graphql(h, principalOf(tenantId), `mutation($id: ID!) { rerunTestRun(id: $id) { id } }`, { id: original.id });
      expect(rerun.errors![0].extensions).toEqual({ code: 'NOT_FOUND', widgetId: widgetOf(tenantId) });
      expect(rerun.errors![0].message).toMatch(new RegExp(`^chat widget "${widgetOf(tenantId)}" was not found \\(it may have been deleted\\); start a new run`));
      expect((await h.runs.list(principalOf(tenantId), {})).total).toBe(1);
    });
  });

  describe('sweeper', () => {
    it('visits only the tenants with an expired case, however many tenants there are', async () => {
      const idle = [await newTenant(), await newTenant(), await newTenant()];
      const busy = await newTenant();
      const [id] = await project(h, busy, [{}]);
      const started = await startRun(busy, [id]);
      const db = (h.sweeper as unknown as { db: { withTenant(tenantId: string, work: unknown): Promise<unknown> } }).db;
      const visited = jest.spyOn(db, 'withTenant');
      try {
        // Nothing is past its deadline yet: not one tenant is visited.
        await h.sweeper.sweep(new Date());
        expect(visited).not.toHaveBeenCalled();

        // Past the deadline only the tenants with open cases are, and the idle ones never.
        await h.sweeper.sweep(new Date(Date.now() + DEADLINE_MS + 60_000));
        const tenants = new Set(visited.mock.calls.map(([tenantId]) => tenantId));
        expect(tenants.has(busy)).toBe(true);
        for (const tenantId of idle) expect(tenants.has(tenantId)).toBe(false);
      } finally {
        visited.mockRestore();
      }
      expect((await casesOf(busy, started.id))[0]).toMatchObject({ status: 'NOT_STARTED', attempt: 2 });
    });

    it('dispatches an expired case again with the next attempt, then ends it ERROR after the last', async () => {
      const tenantId = await newTenant();
      const [id] = await project(h, tenantId, [{}]);
      const started = await startRun(tenantId, [id]);
      const [a] = await casesOf(tenantId, started.id);
      await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id));

      const later = new Date(Date.now() + DEADLINE_MS + 60_000);
      const first = await h.sweeper.sweep(later);
      expect(first.redispatched).toBeGreaterThanOrEqual(1);
      const redispatched = (await casesOf(tenantId, started.id))[0];
      expect(redispatched).toMatchObject({ status: 'NOT_STARTED', attempt: 2 });
      expect(redispatched.deadlineAt!.getTime()).toBe(later.getTime() + DEADLINE_MS);
      const requests = await eventually(() => h.requested.filter((r) => r.runCaseId === a.id), (r) => r.length === 2);
      expect(requests.map((r) => r.attempt)).toEqual([1, 2]);

      // Attempt 1 reporting late is stale; attempt 2 moves the case.
      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id, 1))).toBe('stale-attempt');
      expect(await h.pipeline.onStarted(conversationStarted(tenantId, started.id, a.id, 2))).toBe('applied');

      const second = await h.sweeper.sweep(new Date(later.getTime() + DEADLINE_MS + 60_000));
      expect(second.errored).toBeGreaterThanOrEqual(1);
      const errored = (await casesOf(tenantId, started.id))[0];
      expect(errored).toMatchObject({ status: 'ERROR', attempt: 2 });
      expect(errored.error).toMatch(/did not finish within 10 minutes/);
      expect((await run(tenantId, started.id)).status).toBe('COMPLETED_WITH_ERRORS');
    });
  });

  async function passRateOf(tenantId: string, id: string): Promise<number | null> {
    return (await graphql(h, principalOf(tenantId, 'viewer'), `query($id: ID!) { testRun(id: $id) { passRate } }`, { id })).data.testRun.passRate;
  }
});

const RUN_FIELDS = `id name status widget { id } languageOverride chatUrl metadata maxTurns createdBy createdAt startedAt finishedAt
  totalCases passedCases scoredCases erroredCases passRate shareUrl failureReason usage { promptTokens completionTokens costUsd }`;
const START = `mutation($input: StartTestRunInput!) { startTestRun(input: $input) { id } }`;
const LIST = `query($filter: TestRunFilter, $first: Int, $after: String) {
  testRuns(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name status } } } }`;
const DETAIL = `query($id: ID!) { testRun(id: $id) { ${RUN_FIELDS} rerunOf { id }
  cases { totalCount edges { cursor node { id name status score band error attempt simulatorError startedAt finishedAt testCase { id } } } } } }`;

function snapshot(tenantId: string, id: string, name: string) {
  const now = new Date();
  return {
    tenantId,
    testCaseId: id,
    name,
    toneOfVoice: 't',
    behaviour: 'b',
    successCriteria: 's',
    createdAt: { seconds: BigInt(Math.floor(now.getTime() / 1000)), nanos: 0 },
    updatedAt: { seconds: BigInt(Math.floor(now.getTime() / 1000)), nanos: 0 },
  };
}

function busMessageFor(tenantId: string, id: string, name: string) {
  const message = busMessage(Topics.testcasesSnapshot, { ...snapshot(tenantId, id, name), version: 1n }, { tenantId, key: id });
  return { key: message.key, value: message.value, headers: message.headers };
}
