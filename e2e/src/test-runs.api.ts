/**
 * What a user of the GraphQL API notices about chat widgets and test runs, run against
 * the platform in both ways it runs. Each spec file supplies the stack and says which LLM
 * engine judges (the offline rules, or a scripted OpenAI-compatible server).
 */
import { randomUUID } from 'node:crypto';
import { callerFor, type Caller } from './support/graphql-client';
import { eventually } from './support/eventually';
import { startFakeAgent, type FakeAgent } from './support/fake-agent';
import { startWhenProjected } from './support/start-run';
import { Subscriber } from './support/subscriber';

export interface RunsStack {
  gatewayUrl: string;
  jwtSecret: string;
  /** What `Evaluation.engine` says for this stack's judge. */
  judgeEngine: RegExp;
  close(): Promise<void>;
}

const TERMINAL = ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED', 'CANCELLED'];

export const RUN_FIELDS = `id name status totalCases passedCases passRate languageOverride chatUrl metadata createdBy createdAt startedAt finishedAt shareUrl
  widget { id name connector } rerunOf { id } usage { promptTokens completionTokens costUsd }`;
export const CASE_FIELDS = `id name status score band error testCase { id name }
  conversation { endedBy turns { index role text at } }
  evaluation { score band summary engine criteria { criterion kind met score reasoning } }`;

const bandOf = (score: number) => (score >= 80 ? 'PASSED' : score >= 50 ? 'NEEDS_ATTENTION' : 'FAILED');

export const caseInput = (name: string) => ({
  name,
  toneOfVoice: 'Polite but impatient.',
  behaviour: 'Ask where your order is. Provide your order number if asked. When you get a tracking link, thank the agent and end the conversation.',
  personaFacts: [
    { name: 'order_number', value: 'DG-882341' },
    { name: 'customer_name', value: 'Sarah Mitchell' },
  ],
  successCriteria: 'The customer receives a tracking link.',
  agentCriteria: 'The agent provides a tracking link within 4 turns.',
  type: 'Order Status',
  intent: 'Order Status :: Where Is My Order',
});

export function describeTestRunsApi(label: string, start: () => Promise<RunsStack>) {
  describe(`Chat widgets and test runs through the gateway (${label})`, () => {
    let stack: RunsStack;
    let acme: Caller;
    let acmeViewer: Caller;
    let globex: Caller;
    let platformAdmin: Caller;
    let agent: FakeAgent;
    let httpWidgetId: string;
    let caseIds: string[];
    const signingSecret = 'whsec-e2e-' + randomUUID();

    beforeAll(async () => {
      stack = await start();
      acme = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'erin.editor', ['editor']);
      acmeViewer = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'acme', 'victor.viewer', ['viewer']);
      globex = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'globex', 'gina.editor', ['editor']);
      platformAdmin = await callerFor(stack.gatewayUrl, stack.jwtSecret, 'platform', 'pat.platform', ['platform-admin']);
      agent = await startFakeAgent({ signingSecret, latencyMs: 20 });
      caseIds = [];
      for (const name of ['Runs e2e: order status A', 'Runs e2e: order status B', 'Runs e2e: order status C']) {
        const created = await acme(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input: caseInput(name) });
        expect(created.errors).toBeUndefined();
        caseIds.push(created.data!.createTestCase.id);
      }
    });
    afterAll(async () => {
      await agent?.close();
      await stack?.close();
    });

    const startRun = (caller: Caller, input: Record<string, unknown>) =>
      caller(`mutation($input: StartTestRunInput!) { startTestRun(input: $input) { ${RUN_FIELDS} } }`, { input });

    const runById = async (caller: Caller, id: string) => {
      const result = await caller(`query($id: ID!) { testRun(id: $id) { ${RUN_FIELDS} cases(first: 100) { totalCount edges { node { ${CASE_FIELDS} } } } } }`, { id });
      expect(result.errors).toBeUndefined();
      return result.data!.testRun;
    };

    const finished = (caller: Caller, id: string, timeoutMs = 90_000) =>
      eventually(
        () => runById(caller, id),
        (run) => TERMINAL.includes(run.status),
        timeoutMs,
      );

    // Creating the webhook widget is itself part of what the suite checks.
    const createHttpWidget = async () => {
      const result = await acme(
        `mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id name connector url hasSigningSecret createdAt } }`,
        { input: { name: 'Storefront bot (webhook)', connector: 'HTTP', url: agent.url, signingSecret, timeoutMs: 5000 } },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.createChatWidget;
    };

    it('manages chat widgets: the demo widget is seeded, secrets are stored but never returned, another tenant sees nothing', async () => {
      const listed = await acme('{ chatWidgets { id name connector } }');
      expect(listed.data!.chatWidgets).toEqual(expect.arrayContaining([expect.objectContaining({ connector: 'DEMO' })]));
      expect((await globex('{ chatWidgets { id } }')).data!.chatWidgets).toEqual([]);

      const widget = await createHttpWidget();
      httpWidgetId = widget.id;
      expect(widget).toMatchObject({ connector: 'HTTP', url: agent.url, hasSigningSecret: true });
      // The schema has no field that could return the secret.
      const probe = await acme(`query($id: ID!) { chatWidget(id: $id) { signingSecret } }`, { id: widget.id });
      expect(probe.errors?.[0].message).toMatch(/signingSecret/);

      const renamed = await acme(`mutation($id: ID!, $input: ChatWidgetInput!) { updateChatWidget(id: $id, input: $input) { name hasSigningSecret } }`, {
        id: widget.id,
        input: { name: 'Storefront bot', connector: 'HTTP', url: agent.url },
      });
      expect(renamed.data!.updateChatWidget).toEqual({ name: 'Storefront bot', hasSigningSecret: true });

      const tested = await acme(`mutation($id: ID!) { testChatWidget(id: $id, message: "Where is my order?") { ok replies error } }`, { id: widget.id });
      expect(tested.data!.testChatWidget).toMatchObject({ ok: true, error: null });
      expect(tested.data!.testChatWidget.replies[0]).toMatch(/track/i);

      for (const query of [
        `query($id: ID!) { chatWidget(id: $id) { id } }`,
        `mutation($id: ID!) { deleteChatWidget(id: $id) }`,
        `mutation($id: ID!) { updateChatWidget(id: $id, input: { name: "Taken over", connector: DEMO }) { id } }`,
        `mutation($id: ID!) { testChatWidget(id: $id, message: "hi") { ok } }`,
      ]) {
        const result = await globex(query, { id: widget.id });
        expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
      const viewerWrite = await acmeViewer(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: widget.id });
      expect(viewerWrite.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses widget input naming the field: missing url, a cloud metadata or private address', async () => {
      const bad = async (input: Record<string, unknown>, field: string) => {
        const result = await acme(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, { input });
        expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
        expect(JSON.stringify(result.errors?.[0].extensions)).toContain(field);
      };
      await bad({ name: '', connector: 'DEMO' }, 'name');
      await bad({ name: 'No url', connector: 'HTTP' }, 'url');
      await bad({ name: 'Metadata service', connector: 'HTTP', url: 'http://169.254.169.254/latest/meta-data' }, 'url');
      await bad({ name: 'Intranet', connector: 'RASA', url: 'http://10.1.2.3:5005' }, 'url');
      await bad({ name: 'No prompt', connector: 'OPENAI', url: 'https://api.example.com/v1', model: 'gpt-4o-mini' }, 'systemPrompt');
    });

    it('runs cases against the webhook agent: chat URL, metadata and language on every turn, a signed request, live updates, scores in their bands', async () => {
      const subscriber = await Subscriber.connect(stack.gatewayUrl, stack.jwtSecret, 'acme', 'victor.viewer', ['viewer']);
      const outsider = await Subscriber.connect(stack.gatewayUrl, stack.jwtSecret, 'globex', 'gina.editor', ['editor']);
      const outsiderLast = outsider.subscribe('subscription { lastRunUpdated { id name } }');
      const last = subscriber.subscribe('subscription { lastRunUpdated { id status } }');
      try {
        const metadata = { channel: 'web', plan: 'gold' };
        const started = await startWhenProjected(
          acme,
          { name: 'Webhook regression', widgetId: httpWidgetId, testCaseIds: caseIds, languageOverride: 'de', chatUrl: 'https://shop.example.com/orders', metadata },
          RUN_FIELDS,
        );
        expect(started.errors).toBeUndefined();
        const run = started.data!.startTestRun;
        expect(run).toMatchObject({ name: 'Webhook regression', totalCases: 3, createdBy: 'erin.editor', metadata, languageOverride: 'de' });
        expect(['QUEUED', 'RUNNING']).toContain(run.status);
        expect(run.widget).toEqual({ id: httpWidgetId, name: 'Storefront bot', connector: 'HTTP' });
        expect(run.shareUrl).toMatch(new RegExp(`/runs/${run.id}$`));

        const live = subscriber.subscribe(`subscription($id: ID!) { testRunUpdated(id: $id) { id status passedCases totalCases finishedAt } }`, { id: run.id });
        const done = await finished(acme, run.id);
        expect(done.status).toBe('COMPLETED');
        expect(done.startedAt).toBeTruthy();
        expect(done.finishedAt).toBeTruthy();

        const cases = done.cases.edges.map((e: { node: any }) => e.node);
        expect(cases).toHaveLength(3);
        for (const runCase of cases) {
          expect(runCase.status).toBe('COMPLETED');
          expect(runCase.band).toBe(bandOf(runCase.score));
          expect(runCase.testCase.id).toBe(caseIds[cases.indexOf(runCase)]);
          const turns = runCase.conversation.turns;
          expect(turns.length).toBeGreaterThanOrEqual(2);
          turns.forEach((turn: { index: number; role: string }, i: number) => {
            expect(turn.index).toBe(i);
            expect(turn.role).toBe(i % 2 === 0 ? 'CUSTOMER' : 'AGENT');
          });
          expect(runCase.evaluation.engine).toMatch(stack.judgeEngine);
          expect(runCase.evaluation.score).toBe(runCase.score);
          expect(runCase.evaluation.summary.length).toBeGreaterThan(10);
          expect(new Set(runCase.evaluation.criteria.map((c: { kind: string }) => c.kind))).toEqual(new Set(['USER', 'AGENT']));
          for (const verdict of runCase.evaluation.criteria) expect(verdict.reasoning).toMatch(/turn \d+/i);
        }
        // Tokens and cost are recorded per run: the offline engine spends none, a model some.
        if (stack.judgeEngine.test('offline-rules/v1')) expect(done.usage).toEqual({ promptTokens: 0, completionTokens: 0, costUsd: 0 });
        else expect(done.usage.promptTokens).toBeGreaterThan(0);
        const scored = cases.filter((c: { score: number | null }) => c.score !== null);
        expect(done.passedCases).toBe(scored.filter((c: { score: number }) => c.score >= 80).length);
        expect(done.passRate).toBeCloseTo((done.passedCases / scored.length) * 100, 5);

        // What the agent received: every turn, the same conversation context, signed.
        const calls = agent.calls.filter((c) => cases.some((rc: { id: string }) => rc.id === c.conversationId));
        expect(calls.length).toBe(cases.reduce((n: number, c: any) => n + c.conversation.turns.filter((t: any) => t.role === 'AGENT').length, 0));
        for (const call of calls) {
          expect(call).toMatchObject({ chatUrl: 'https://shop.example.com/orders', metadata, language: 'de', signatureValid: true });
        }

        // Live: the final state reached the subscriber (how fast is measured by `npm run bench`).
        const final = await eventually(
          async () => live.results.findIndex((r) => TERMINAL.includes(r.data?.testRunUpdated?.status)),
          (index) => index >= 0,
          5000,
        );
        expect(live.results[final].data!.testRunUpdated).toMatchObject({ id: run.id, status: 'COMPLETED', passedCases: done.passedCases });
        await eventually(
          async () => last.results.some((r) => r.data?.lastRunUpdated?.id === run.id && r.data?.lastRunUpdated?.status === 'COMPLETED'),
          (seen) => seen,
          5000,
        );
        expect(outsiderLast.results.filter((r) => r.data?.lastRunUpdated?.id === run.id)).toEqual([]);
        const foreignLive = outsider.subscribe(`subscription($id: ID!) { testRunUpdated(id: $id) { id } }`, { id: run.id });
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(foreignLive.results.filter((r) => r.data?.testRunUpdated)).toEqual([]);

        // Rerun: the same configuration, a new run that says where it came from.
        const rerun = await acme(`mutation($id: ID!) { rerunTestRun(id: $id) { ${RUN_FIELDS} } }`, { id: run.id });
        expect(rerun.errors).toBeUndefined();
        const again = rerun.data!.rerunTestRun;
        expect(again.id).not.toBe(run.id);
        expect(again).toMatchObject({ rerunOf: { id: run.id }, totalCases: 3, chatUrl: run.chatUrl, metadata, languageOverride: 'de', widget: run.widget });
        expect((await finished(acme, again.id)).status).toBe('COMPLETED');
        expect((await acme('{ lastRun { id } }')).data!.lastRun.id).toBe(again.id);
      } finally {
        await subscriber.close();
        await outsider.close();
      }
    });

    it('lists runs newest first with widget, status and name filters, and pages with cursors', async () => {
      const all = await acme(`{ testRuns(first: 50) { totalCount edges { cursor node { id name status widget { id } } } pageInfo { hasNextPage endCursor } } }`);
      expect(all.errors).toBeUndefined();
      const runs = all.data!.testRuns.edges.map((e: { node: any }) => e.node);
      expect(runs.length).toBeGreaterThanOrEqual(2);
      const byWidget = await acme(`query($w: [ID!]) { testRuns(filter: { widgetIds: $w, statuses: [COMPLETED] }) { totalCount edges { node { widget { id } status } } } }`, { w: [httpWidgetId] });
      expect(byWidget.data!.testRuns.edges.every((e: { node: any }) => e.node.widget.id === httpWidgetId && e.node.status === 'COMPLETED')).toBe(true);
      const searched = await acme(`{ testRuns(filter: { search: "webhook regr" }) { edges { node { name } } } }`);
      expect(searched.data!.testRuns.edges.map((e: { node: any }) => e.node.name)).toEqual(expect.arrayContaining(['Webhook regression']));
      const first = await acme(`{ testRuns(first: 1) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`);
      const next = await acme(`query($after: String) { testRuns(first: 1, after: $after) { edges { node { id } } } }`, { after: first.data!.testRuns.pageInfo.endCursor });
      expect(first.data!.testRuns.pageInfo.hasNextPage).toBe(true);
      expect(next.data!.testRuns.edges[0].node.id).toBe(runs[1].id);
      expect((await globex('{ testRuns { totalCount } }')).data!.testRuns.totalCount).toBe(0);
      expect((await globex('{ lastRun { id } }')).data!.lastRun).toBeNull();
    });

    it("keeps another tenant's runs out of reach: NOT_FOUND on read, rerun and cancel", async () => {
      const run = (await acme('{ lastRun { id } }')).data!.lastRun;
      for (const query of [`query($id: ID!) { testRun(id: $id) { id } }`, `mutation($id: ID!) { rerunTestRun(id: $id) { id } }`, `mutation($id: ID!) { cancelTestRun(id: $id) { id } }`]) {
        const result = await globex(query, { id: run.id });
        expect(result.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      }
      const viaOwnCase = await globex(`mutation($input: StartTestRunInput!) { startTestRun(input: $input) { id } }`, {
        input: { name: 'Borrowed', widgetId: httpWidgetId, testCaseIds: caseIds },
      });
      expect(viaOwnCase.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    });

    it('refuses bad starts with the field named, and viewers cannot start runs', async () => {
      const code = async (caller: Caller, input: Record<string, unknown>) => (await startRun(caller, input)).errors?.[0];
      const blankName = await code(acme, { name: '  ', widgetId: httpWidgetId, testCaseIds: caseIds });
      expect(blankName?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(blankName?.extensions)).toContain('name');
      const noCases = await code(acme, { name: 'Empty', widgetId: httpWidgetId, testCaseIds: [] });
      expect(JSON.stringify(noCases?.extensions)).toContain('testCaseIds');
      const badUrl = await code(acme, { name: 'Bad URL', widgetId: httpWidgetId, testCaseIds: caseIds, chatUrl: 'not a url' });
      expect(JSON.stringify(badUrl?.extensions)).toContain('chatUrl');
      const unknownCase = await code(acme, { name: 'Ghost', widgetId: httpWidgetId, testCaseIds: [randomUUID()] });
      expect(unknownCase?.extensions?.code).toBe('NOT_FOUND');
      expect((await code(acmeViewer, { name: 'Viewer', widgetId: httpWidgetId, testCaseIds: caseIds }))?.extensions?.code).toBe('FORBIDDEN');
    });

    it("refuses a run on a chat widget that is unknown, another tenant's or deleted, and a rerun after its widget's deletion: NOT_FOUND naming it, no run created", async () => {
      const runsOn = async (widgetId: string) =>
        (await acme(`query($w: [ID!]) { testRuns(filter: { widgetIds: $w }) { totalCount } }`, { w: [widgetId] })).data!.testRuns.totalCount as number;
      const expectWidgetNotFound = (result: { errors?: { message: string; extensions?: Record<string, unknown> }[] }, widgetId: string) => {
        expect(result.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'widgetId', widgetId });
        expect(result.errors?.[0].message).toBe(`chat widget "${widgetId}" was not found (it may have been deleted)`);
      };

      const unknown = randomUUID();
      expectWidgetNotFound(await startRun(acme, { name: 'Nowhere', widgetId: unknown, testCaseIds: caseIds }), unknown);
      expect(await runsOn(unknown)).toBe(0);

      // Another tenant's widget is as unknown as one that never existed.
      expectWidgetNotFound(await startRun(globex, { name: 'Borrowed widget', widgetId: httpWidgetId, testCaseIds: caseIds }), httpWidgetId);
      expect((await globex('{ testRuns { totalCount } }')).data!.testRuns.totalCount).toBe(0);

      const created = await acme(`mutation { createChatWidget(input: { name: "Retired bot", connector: DEMO }) { id } }`);
      const retired: string = created.data!.createChatWidget.id;
      const before = await startWhenProjected(acme, { name: 'Before retirement', widgetId: retired, testCaseIds: caseIds.slice(0, 1) });
      expect(before.errors).toBeUndefined();
      const runId: string = before.data!.startTestRun.id;
      await acme(`mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: runId });
      expect((await acme(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: retired })).data!.deleteChatWidget).toBe(true);

      // The deletion reaches the orchestrator a moment later. Until it does, a start with an unknown
      // case is refused for the case; from then on for the widget, which is checked first.
      const probe = await eventually(
        () => startRun(acme, { name: 'Probe', widgetId: retired, testCaseIds: [randomUUID()] }),
        (r) => r.errors?.[0].extensions?.field === 'widgetId',
        20_000,
      );
      expectWidgetNotFound(probe, retired);
      expectWidgetNotFound(await startRun(acme, { name: 'After retirement', widgetId: retired, testCaseIds: caseIds.slice(0, 1) }), retired);
      const rerun = await acme(`mutation($id: ID!) { rerunTestRun(id: $id) { id } }`, { id: runId });
      expect(rerun.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', widgetId: retired });
      expect(rerun.errors?.[0].message).toMatch(new RegExp(`^chat widget "${retired}" was not found \\(it may have been deleted\\)`));
      expect(await runsOn(retired)).toBe(1);
    });

    it('cancels a run: the cases not yet finished are SKIPPED and stay so', async () => {
      const slow = await startFakeAgent({ latencyMs: 1500 });
      try {
        const widget = await acme(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, {
          input: { name: 'Slow bot', connector: 'HTTP', url: slow.url },
        });
        const run = (await startWhenProjected(acme, { name: 'To be cancelled', widgetId: widget.data!.createChatWidget.id, testCaseIds: caseIds }, RUN_FIELDS)).data!.startTestRun;
        const cancelled = await acme(`mutation($id: ID!) { cancelTestRun(id: $id) { id status finishedAt } }`, { id: run.id });
        expect(cancelled.errors).toBeUndefined();
        expect(cancelled.data!.cancelTestRun.status).toBe('CANCELLED');
        await new Promise((resolve) => setTimeout(resolve, 3000));
        const after = await runById(acme, run.id);
        expect(after.status).toBe('CANCELLED');
        for (const edge of after.cases.edges) expect(['SKIPPED', 'COMPLETED', 'ERROR']).toContain(edge.node.status);
        expect(after.cases.edges.some((e: { node: any }) => e.node.status === 'SKIPPED')).toBe(true);
        const twice = await acme(`mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: run.id });
        expect(twice.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      } finally {
        await slow.close();
      }
    });

    it('ends the cases of an unreachable agent in ERROR with a clear message, and the run COMPLETED_WITH_ERRORS', async () => {
      const gone = await startFakeAgent();
      const url = gone.url;
      await gone.close();
      const widget = await acme(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, {
        input: { name: 'Down bot', connector: 'HTTP', url, timeoutMs: 2000 },
      });
      const run = (await startWhenProjected(acme, { name: 'Agent down', widgetId: widget.data!.createChatWidget.id, testCaseIds: caseIds.slice(0, 2) }, RUN_FIELDS)).data!.startTestRun;
      const done = await finished(acme, run.id);
      expect(done.status).toBe('COMPLETED_WITH_ERRORS');
      for (const edge of done.cases.edges) {
        expect(edge.node.status).toBe('ERROR');
        expect(edge.node.error).toContain(new URL(url).host);
        expect(edge.node.score).toBeNull();
      }
      expect(done.passRate).toBeNull();
    });

    it('enforces maxActiveRuns atomically (20 racing starts, limit 2) and maxCasesPerRun; a switched-off tenant is told so', async () => {
      const tenantId = `limits-${randomUUID().slice(0, 8)}`;
      const created = await platformAdmin(`mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }`, {
        input: { id: tenantId, name: 'Limits Ltd', maxActiveRuns: 2, maxCasesPerRun: 3 },
      });
      expect(created.errors).toBeUndefined();
      const editor = await callerFor(stack.gatewayUrl, stack.jwtSecret, tenantId, 'lee.editor', ['editor']);
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        ids.push((await editor(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input: caseInput(`Limit case ${i}`) })).data!.createTestCase.id);
      }
      const slow = await startFakeAgent({ latencyMs: 3000 });
      try {
        const widget = (await editor(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, { input: { name: 'Slow', connector: 'HTTP', url: slow.url } })).data!
          .createChatWidget;
        const tooMany = await startRun(editor, { name: 'Too many', widgetId: widget.id, testCaseIds: ids });
        expect(tooMany.errors?.[0].extensions?.code).toBe('LIMIT_EXCEEDED');
        // Snapshots reach the orchestrator asynchronously: wait until the case can be run on
        // the widget, then cancel that run so both slots are free for the race.
        const warmUp = await startWhenProjected(editor, { name: 'Warm-up', widgetId: widget.id, testCaseIds: ids.slice(0, 1) });
        expect(warmUp.errors).toBeUndefined();
        await editor(`mutation($id: ID!) { cancelTestRun(id: $id) { id } }`, { id: warmUp.data!.startTestRun.id });
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => startRun(editor, { name: `Race ${i}`, widgetId: widget.id, testCaseIds: ids.slice(0, 1) })),
        );
        const accepted = results.filter((r) => r.data?.startTestRun);
        const refused = results.filter((r) => r.errors?.[0].extensions?.code === 'LIMIT_EXCEEDED');
        expect(accepted).toHaveLength(2);
        expect(refused).toHaveLength(18);
        expect(refused[0].errors![0].message).toMatch(/2/);
        const listed = await editor(`{ testRuns(filter: { statuses: [QUEUED, RUNNING] }) { totalCount } }`);
        expect(listed.data!.testRuns.totalCount).toBe(2);

        await platformAdmin(`mutation($t: ID!) { updateTenantSettings(tenantId: $t, input: { simulationsEnabled: false }) { simulationsEnabled } }`, { t: tenantId });
        const off = await eventually(
          () => startRun(editor, { name: 'Off', widgetId: widget.id, testCaseIds: ids.slice(0, 1) }),
          (r) => r.errors?.[0].extensions?.code === 'FORBIDDEN',
          15_000,
        );
        expect(off.errors![0].message).toMatch(/turned off|disabled|off for/i);
      } finally {
        await slow.close();
      }
    });
  });
}
