/**
 * The simulation service end to end on a real PostgreSQL database and the in-process bus:
 * chat widgets through GraphQL (signed as the gateway signs), then conversations driven by
 * `simulation.requested` and `simulation.step`, against a local HTTP agent.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signInternalHeaders, type Principal } from '@sim/auth';
import { InProcessBus, MessageHeaders, type Subscription } from '@sim/bus';
import {
  decode,
  encode,
  SimulationOutcome,
  TestRunStatus,
  timestampFromDate,
  Topics,
  TurnRole,
  type SimulationCompleted,
  type SimulationStarted,
  type SimulationStep,
  type SimulationTurn,
  type Timestamp,
  type TopicMessageInit,
} from '@sim/contracts';
import type { SimulatedCustomer } from '@sim/llm';
import { startService, type RunningService } from '@sim/subgraph';
import { createTestDatabase, type TestPostgresDatabase } from '@sim/testing';
import { webhookSignature } from './connectors/http-connector';
import { defineSimulationService } from './service.definition';

jest.setTimeout(60_000);

const SECRET = 'pipeline-spec-internal-secret';
const editor: Principal = { tenantId: 'acme', userId: 'ed', roles: ['viewer', 'editor'] };
const viewer: Principal = { tenantId: 'acme', userId: 'vi', roles: ['viewer'] };
const otherTenant: Principal = { tenantId: 'globex', userId: 'gx', roles: ['viewer', 'editor'] };

/** Every call to the simulated customer: the case's name, how many turns it had said, and the call's signal. */
const customerCalls: { name: string; said: number; signal?: AbortSignal }[] = [];
/** Test cases whose second turn never comes: the call waits until it is aborted. */
const stuckOnSecondTurn = new Set<string>();

/** Says two things, then thanks the agent and leaves; every call costs a little. */
const customer: SimulatedCustomer = {
  engine: 'scripted/v1',
  async nextTurn({ transcript, testCase }, context) {
    const said = transcript.filter((t) => t.role === 'CUSTOMER').length;
    customerCalls.push({ name: testCase.name, said, signal: context.signal });
    if (said === 1 && stuckOnSecondTurn.has(testCase.name)) {
      await new Promise((_, reject) => context.signal?.addEventListener('abort', () => reject(context.signal?.reason)));
    }
    const usage = { promptTokens: 10, completionTokens: 5, costUsd: 0.001 };
    if (said === 0) return { kind: 'say', text: `Where is my order? [${testCase.language}]`, usage };
    if (said === 1) return { kind: 'say', text: 'It is DG-882341', usage };
    return { kind: 'end', reason: 'goal_met', text: 'Thanks, bye!', usage };
  },
};

interface AgentCall {
  headers: Record<string, string | string[] | undefined>;
  raw: string;
  body: any;
}

const waitFor = async <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulation service pipeline (PostgreSQL)', () => {
  let testDb: TestPostgresDatabase;
  let bus: InProcessBus;
  let service: RunningService;
  let agent: Server;
  let agentUrl: string;
  let observer: Subscription;
  const agentCalls: AgentCall[] = [];
  const completed: SimulationCompleted[] = [];
  const turns: SimulationTurn[] = [];
  const steps: SimulationStep[] = [];
  const starts: SimulationStarted[] = [];
  /** Agent answers held back until the test lets them go, by conversation id. */
  const heldAnswers = new Map<string, Promise<void>>();
  let widgetId: string;

  const gql = async (query: string, variables: Record<string, unknown> = {}, principal: Principal = editor) => {
    const response = await fetch(service.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signInternalHeaders(principal, SECRET) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };

  const runId = randomUUID();
  const requestFor = (
    runCaseId: string,
    { name = 'Where is my order', ...overrides }: { attempt?: number; widgetId?: string; deadline?: Timestamp; name?: string } = {},
  ): TopicMessageInit<typeof Topics.simulationRequested> => ({
    tenantId: 'acme',
    runId,
    runCaseId,
    attempt: 1,
    widgetId,
    language: 'de',
    chatUrl: 'https://shop.example.com/help',
    metadataJson: '{"plan":"gold"}',
    maxTurns: 5,
    testCase: {
      tenantId: 'acme',
      testCaseId: randomUUID(),
      name,
      toneOfVoice: 'calm',
      behaviour: 'Asks where the order is',
      successCriteria: 'Learns the delivery date',
      personaFacts: [{ name: 'order_number', value: 'DG-882341' }],
      version: 1n,
    },
    deadline: timestampFromDate(new Date(Date.now() + 600_000)),
    ...overrides,
  });

  const publish = <T extends typeof Topics.simulationRequested | typeof Topics.simulationStep | typeof Topics.runUpdated>(
    topic: T,
    key: string,
    message: TopicMessageInit<T>,
  ) =>
    bus.publish(topic, [
      { key, value: encode(topic, message), headers: { [MessageHeaders.tenantId]: 'acme', [MessageHeaders.messageId]: randomUUID() } },
    ]);

  const completionsOf = (runCaseId: string) => completed.filter((c) => c.runCaseId === runCaseId);

  beforeAll(async () => {
    agent = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk) => (raw += chunk));
      req.on('end', () => {
        const body = JSON.parse(raw);
        agentCalls.push({ headers: req.headers, raw, body });
        void (heldAnswers.get(body.conversationId) ?? Promise.resolve()).then(() => {
          res.setHeader('content-type', 'application/json');
          res.end(JSON.stringify({ messages: [`Reply to turn ${body.turn}`] }));
        });
      });
    });
    await new Promise<void>((resolve) => agent.listen(0, '127.0.0.1', resolve));
    agentUrl = `http://127.0.0.1:${(agent.address() as AddressInfo).port}`;

    testDb = await createTestDatabase('sim_simulation');
    bus = new InProcessBus({ onError: () => undefined });
    const definition = defineSimulationService({
      customer,
      env: {
        AGENT_URL_ALLOWLIST: '127.0.0.1',
        SIMULATION_SWEEP_INTERVAL_MS: '200',
        SIMULATION_STEP_LEASE_MS: '60000',
      },
    });
    service = await startService(definition, {
      database: { kind: 'postgres', url: testDb.url, poolSize: 5 },
      bus,
      port: 0,
      internalSecret: SECRET,
      logLevels: false,
    });
    observer = await bus.subscribe({
      groupId: 'spec-observer',
      topics: [Topics.simulationCompleted, Topics.simulationTurn, Topics.simulationStep, Topics.simulationStarted],
      fromBeginning: true,
      handler: async (message) => {
        if (message.topic === Topics.simulationCompleted) completed.push(decode(Topics.simulationCompleted, message.value));
        else if (message.topic === Topics.simulationStarted) starts.push(decode(Topics.simulationStarted, message.value));
        else if (message.topic === Topics.simulationStep) steps.push(decode(Topics.simulationStep, message.value));
        else turns.push(decode(Topics.simulationTurn, message.value));
      },
    });
  });

  afterAll(async () => {
    await observer?.close();
    await service?.close();
    await bus?.close();
    await testDb?.drop();
    agent?.closeAllConnections();
    await new Promise((resolve) => agent?.close(resolve));
  });

  describe('chat widgets', () => {
    const fields = 'id name connector url model systemPrompt timeoutMs hasApiKey hasSigningSecret createdAt updatedAt';

    it('creates a widget without ever returning its secrets', async () => {
      const created = await gql(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { ${fields} } }`, {
        input: { name: 'Acme webhook', connector: 'HTTP', url: `${agentUrl}/hook`, signingSecret: 'whsec_spec', timeoutMs: 5000 },
      });
      expect(created.errors).toBeUndefined();
      const widget = created.data.createChatWidget;
      expect(widget).toMatchObject({ name: 'Acme webhook', connector: 'HTTP', url: `${agentUrl}/hook`, timeoutMs: 5000, hasSigningSecret: true, hasApiKey: false });
      expect(JSON.stringify(created)).not.toContain('whsec_spec');
      widgetId = widget.id;

      const stored = await service.db.withSystem((m) => m.query(`SELECT settings::text AS settings, secrets FROM chat_widget WHERE id = $1`, [widgetId]));
      expect(stored[0].settings).not.toContain('whsec_spec');
      expect(Buffer.from(stored[0].secrets).toString('utf8')).not.toContain('whsec_spec');

      const listed = await gql(`{ chatWidgets { id name connector } }`, {}, viewer);
      expect(listed.data.chatWidgets).toEqual([{ id: widgetId, name: 'Acme webhook', connector: 'HTTP' }]);

      // The gateway resolves TestRun.widget through the entity lookup, scoped the same way.
      const entity = `query($r: [_Any!]!) { _entities(representations: $r) { ... on ChatWidget { id name } } }`;
      const representations = [{ __typename: 'ChatWidget', id: widgetId }];
      expect((await gql(entity, { r: representations }, viewer)).data._entities).toEqual([{ id: widgetId, name: 'Acme webhook' }]);
      expect((await gql(entity, { r: representations }, otherTenant)).data._entities).toEqual([null]);
    });

    it('keeps an omitted secret on update and removes it when given empty', async () => {
      const update = (input: Record<string, unknown>) =>
        gql(`mutation($id: ID!, $input: ChatWidgetInput!) { updateChatWidget(id: $id, input: $input) { name hasSigningSecret hasApiKey } }`, {
          id: widgetId,
          input: { name: 'Acme webhook', connector: 'HTTP', url: `${agentUrl}/hook`, timeoutMs: 5000, ...input },
        });
      expect((await update({ apiKey: 'key-1' })).data.updateChatWidget).toEqual({ name: 'Acme webhook', hasSigningSecret: true, hasApiKey: true });
      expect((await update({ apiKey: '' })).data.updateChatWidget).toEqual({ name: 'Acme webhook', hasSigningSecret: true, hasApiKey: false });
    });

    it('names the bad field', async () => {
      const create = (input: Record<string, unknown>) =>
        gql(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, { input });
      const noName = await create({ name: ' ', connector: 'HTTP', url: 'https://agent.example.com' });
      expect(noName.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      const openAi = await create({ name: 'LLM agent', connector: 'OPENAI', url: 'https://api.example.com/v1' });
      expect(openAi.errors?.[0].extensions.fieldErrors.map((e: any) => e.field)).toEqual(['model', 'systemPrompt']);
      const ftp = await create({ name: 'x', connector: 'RASA', url: 'ftp://rasa.example.com' });
      expect(ftp.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      const timeout = await create({ name: 'x', connector: 'DEMO', timeoutMs: 50 });
      expect(timeout.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'timeoutMs' });
    });

    it('refuses private agent URLs that the allow-list does not name (SSRF)', async () => {
      const result = await gql(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, {
        input: { name: 'Internal', connector: 'HTTP', url: 'http://10.0.0.5:8080/hook' },
      });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url' });
      expect(result.errors?.[0].message).toMatch(/10\.0\.0\.5 is a private address/);
    });

    it('lets viewers read but not write, and hides widgets from other tenants', async () => {
      const denied = await gql(`mutation { createChatWidget(input: { name: "Demo", connector: DEMO }) { id } }`, {}, viewer);
      expect(denied.errors?.[0].extensions.code).toBe('FORBIDDEN');
      const foreign = await gql(`query($id: ID!) { chatWidget(id: $id) { id } }`, { id: widgetId }, otherTenant);
      expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
      const foreignDelete = await gql(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: widgetId }, otherTenant);
      expect(foreignDelete.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('tests the built-in demo agent', async () => {
      const created = await gql(`mutation { createChatWidget(input: { name: "Demo shop", connector: DEMO }) { id url hasApiKey } }`);
      expect(created.data.createChatWidget).toMatchObject({ url: null, hasApiKey: false });
      const result = await gql(`mutation($id: ID!) { testChatWidget(id: $id, message: "Where is my order?") { ok replies error } }`, {
        id: created.data.createChatWidget.id,
      });
      expect(result.data.testChatWidget).toMatchObject({ ok: true, error: null });
      expect(result.data.testChatWidget.replies.length).toBeGreaterThan(0);
      expect((await gql(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: created.data.createChatWidget.id })).data.deleteChatWidget).toBe(true);
    });

    it('tests a widget with one message', async () => {
      const result = await gql(`mutation($id: ID!) { testChatWidget(id: $id, message: "Hello?") { ok replies latencyMs error } }`, { id: widgetId });
      expect(result.data.testChatWidget).toMatchObject({ ok: true, replies: ['Reply to turn 1'], error: null });
      agentCalls.length = 0;
    });
  });

  describe('conversations', () => {
    const caseId = randomUUID();

    it('runs a conversation step by step and completes it once, with the transcript', async () => {
      await publish(Topics.simulationRequested, caseId, requestFor(caseId));
      const [done] = await waitFor('the completion', () => (completionsOf(caseId).length ? completionsOf(caseId) : undefined));
      expect(done).toMatchObject({
        tenantId: 'acme',
        runId,
        runCaseId: caseId,
        attempt: 1,
        outcome: SimulationOutcome.COMPLETED,
        endedBy: 'customer',
        turnCount: 5,
        language: 'de',
        runCannotProceed: false,
      });
      expect(done.usage).toMatchObject({ promptTokens: 30, completionTokens: 15 });
      expect(done.usage!.costUsd).toBeCloseTo(0.003);
      expect(done.testCase?.name).toBe('Where is my order');
      expect(done.transcript.map((t) => [t.index, t.role, t.text])).toEqual([
        [0, TurnRole.CUSTOMER, 'Where is my order? [de]'],
        [1, TurnRole.AGENT, 'Reply to turn 1'],
        [2, TurnRole.CUSTOMER, 'It is DG-882341'],
        [3, TurnRole.AGENT, 'Reply to turn 2'],
        [4, TurnRole.CUSTOMER, 'Thanks, bye!'],
      ]);

      // The agent got the run's context on every turn, signed.
      const calls = agentCalls.filter((c) => c.body.conversationId === caseId);
      expect(calls.map((c) => c.body.turn)).toEqual([1, 2]);
      for (const call of calls) {
        expect(call.body).toMatchObject({ language: 'de', chatUrl: 'https://shop.example.com/help', metadata: { plan: 'gold' } });
        expect(call.headers['x-sim-signature']).toBe(webhookSignature('whsec_spec', call.raw));
      }
      await waitFor('the turn events', () => turns.filter((t) => t.runCaseId === caseId).length === 5);
      expect(turns.filter((t) => t.runCaseId === caseId).map((t) => t.index)).toEqual([0, 1, 2, 3, 4]);
      // The worker that took the first step went on with the others itself (ADR 0013).
      expect(steps.filter((s) => s.runCaseId === caseId).map((s) => s.step)).toEqual([1]);
      // The conversation said it had started once, with its first step.
      expect(starts.filter((s) => s.runCaseId === caseId).map((s) => [s.tenantId, s.runId, s.attempt])).toEqual([['acme', runId, 1]]);
    });

    it('says the conversation started as soon as its first step is taken, before its agent answers', async () => {
      const slow = randomUUID();
      let answer!: () => void;
      heldAnswers.set(slow, new Promise<void>((resolve) => (answer = resolve)));
      await publish(Topics.simulationRequested, slow, requestFor(slow));
      await waitFor('the first agent call', () => agentCalls.some((c) => c.body.conversationId === slow));
      const [start] = await waitFor('the start', () => (starts.some((s) => s.runCaseId === slow) ? starts.filter((s) => s.runCaseId === slow) : undefined));
      expect(start).toMatchObject({ tenantId: 'acme', runId, runCaseId: slow, attempt: 1 });
      expect(turns.filter((t) => t.runCaseId === slow)).toEqual([]);
      answer();
      await waitFor('the completion', () => completionsOf(slow).length > 0);
      expect(starts.filter((s) => s.runCaseId === slow)).toHaveLength(1);
    });

    it('ends the conversation as ERROR when its widget is deleted between two exchanges', async () => {
      const created = await gql(`mutation($url: String!) { createChatWidget(input: { name: "Short-lived", connector: HTTP, url: $url }) { id } }`, { url: agentUrl });
      const shortLivedId: string = created.data.createChatWidget.id;
      const doomed = randomUUID();
      let answer!: () => void;
      heldAnswers.set(doomed, new Promise<void>((resolve) => (answer = resolve)));
      await publish(Topics.simulationRequested, doomed, requestFor(doomed, { widgetId: shortLivedId }));
      await waitFor('the first agent call', () => agentCalls.some((c) => c.body.conversationId === doomed));
      const deleted = await gql(`mutation($id: ID!) { deleteChatWidget(id: $id) }`, { id: shortLivedId });
      expect(deleted.data.deleteChatWidget).toBe(true);
      answer();
      const [done] = await waitFor('the error', () => (completionsOf(doomed).length ? completionsOf(doomed) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.ERROR, error: `chat widget ${shortLivedId} no longer exists`, runCannotProceed: true });
      // The exchange under way when it was deleted is kept.
      expect(done.transcript.map((t) => t.text)).toEqual(['Where is my order? [de]', 'Reply to turn 1']);
      expect(agentCalls.filter((c) => c.body.conversationId === doomed)).toHaveLength(1);
    });

    it('changes nothing for duplicate requests and steps', async () => {
      await publish(Topics.simulationRequested, caseId, requestFor(caseId));
      for (const step of [1, 2, 3, 4]) await publish(Topics.simulationStep, caseId, { tenantId: 'acme', runId, runCaseId: caseId, attempt: 1, step });
      await pause(1000);
      await service.relay.flush();
      await pause(300);
      expect(completionsOf(caseId)).toHaveLength(1);
      expect(turns.filter((t) => t.runCaseId === caseId)).toHaveLength(5);
      expect(agentCalls.filter((c) => c.body.conversationId === caseId)).toHaveLength(2);
      const stored = await service.db.withTenant('acme', (m) => m.query(`SELECT count(*)::int AS n FROM conversation_turn WHERE run_case_id = $1`, [caseId]));
      expect(stored[0].n).toBe(5);
    });

    it('shows the conversation on TestRunCase, to its own tenant only', async () => {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on TestRunCase { id conversation { turns { index role text at } endedBy status attempt error } } } }`;
      const representations = [{ __typename: 'TestRunCase', id: caseId }];
      const own = await gql(query, { r: representations }, viewer);
      expect(own.errors).toBeUndefined();
      const conversation = own.data._entities[0].conversation;
      expect(conversation).toMatchObject({ endedBy: 'customer', status: 'COMPLETED', attempt: 1, error: null });
      expect(conversation.turns.map((t: any) => t.role)).toEqual(['CUSTOMER', 'AGENT', 'CUSTOMER', 'AGENT', 'CUSTOMER']);
      const foreign = await gql(query, { r: representations }, otherTenant);
      expect(foreign.data._entities[0].conversation).toBeNull();
      const unknown = await gql(query, { r: [{ __typename: 'TestRunCase', id: randomUUID() }] }, viewer);
      expect(unknown.data._entities[0].conversation).toBeNull();
    });

    it('starts over for a higher attempt', async () => {
      await publish(Topics.simulationRequested, caseId, requestFor(caseId, { attempt: 2 }));
      const second = await waitFor('the second attempt', () => completionsOf(caseId).find((c) => c.attempt === 2));
      expect(second.transcript).toHaveLength(5);
      expect(completionsOf(caseId)).toHaveLength(2);
    });

    it('ends the case as ERROR when the widget no longer exists', async () => {
      const gone = randomUUID();
      const missingWidget = randomUUID();
      await publish(Topics.simulationRequested, gone, requestFor(gone, { widgetId: missingWidget }));
      const [done] = await waitFor('the error', () => (completionsOf(gone).length ? completionsOf(gone) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.ERROR, error: `chat widget ${missingWidget} no longer exists`, runCannotProceed: true });
    });

    it('ends the case as ERROR, naming the URL and the cause, when the agent is down', async () => {
      const created = await gql(`mutation { createChatWidget(input: { name: "Down", connector: HTTP, url: "http://127.0.0.1:9/hook", timeoutMs: 1000 }) { id } }`);
      const down = randomUUID();
      await publish(Topics.simulationRequested, down, requestFor(down, { widgetId: created.data.createChatWidget.id }));
      const [done] = await waitFor('the error', () => (completionsOf(down).length ? completionsOf(down) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.ERROR, endedBy: 'error', runCannotProceed: false });
      expect(done.error).toBe('could not reach the agent at http://127.0.0.1:9/hook: connection refused (is the agent running?) (ECONNREFUSED)');
      expect(done.transcript.map((t) => t.role)).toEqual([TurnRole.CUSTOMER]);
    });

    it('ends the case as ERROR once its deadline has passed', async () => {
      const late = randomUUID();
      await publish(Topics.simulationRequested, late, requestFor(late, { deadline: timestampFromDate(new Date(Date.now() - 1000)) }));
      const [done] = await waitFor('the error', () => (completionsOf(late).length ? completionsOf(late) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.ERROR, endedBy: 'deadline', error: 'deadline passed', turnCount: 0 });
    });

    /**
     * A conversation whose step 1 was claimed by a worker that then died with its message
     * (leaseMs set), or whose step is still waiting to be claimed (leaseMs null).
     */
    const orphan = (runCaseId: string, leaseMs: number | null) =>
      service.db.withTenant('acme', async (m) => {
        await m.query(
          `INSERT INTO conversation (run_case_id, tenant_id, run_id, attempt, widget_id, request, status, next_step, lease_expires_at, created_at, updated_at)
           VALUES ($1, 'acme', $2, 1, $3, $4, 'ACTIVE', 1, now() + make_interval(secs => $5::double precision / 1000), now(), now())`,
          [runCaseId, runId, widgetId, Buffer.from(encode(Topics.simulationRequested, requestFor(runCaseId))), leaseMs],
        );
      });

    it('leaves a step that is only waiting to be claimed alone: queueing is not a dead worker', async () => {
      const waiting = randomUUID();
      await orphan(waiting, null);
      await pause(1500);
      expect(completionsOf(waiting)).toHaveLength(0);
      const row = await service.db.withTenant('acme', async (m) => (await m.query(`SELECT redispatches, status FROM conversation WHERE run_case_id = $1`, [waiting]))[0]);
      expect(row).toEqual({ redispatches: 0, status: 'ACTIVE' });
    });

    it('re-dispatches the step of a conversation whose lease expired', async () => {
      const stalled = randomUUID();
      await orphan(stalled, -1000);
      const [done] = await waitFor('the swept conversation', () => (completionsOf(stalled).length ? completionsOf(stalled) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.COMPLETED, turnCount: 5 });
    });

    it('ends a conversation as ERROR when its step keeps dying', async () => {
      const doomed = randomUUID();
      await orphan(doomed, -1000);
      await service.db.withTenant('acme', (m) => m.query(`UPDATE conversation SET redispatches = 3 WHERE run_case_id = $1`, [doomed]));
      const [done] = await waitFor('the abandoned conversation', () => (completionsOf(doomed).length ? completionsOf(doomed) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.ERROR, endedBy: 'error', turnCount: 0 });
      expect(done.error).toMatch(/step 1 of the conversation did not finish after 3 re-dispatches/);
    });

    /** Holds a lock on the conversation's row, as a slow database would, so its step cannot be recorded until `release`. */
    async function lockConversation(runCaseId: string) {
      let held!: () => void;
      let release!: (cancel: boolean) => void;
      const locked = new Promise<void>((resolve) => (held = resolve));
      const released = new Promise<boolean>((resolve) => (release = resolve));
      const done = service.db.withTenant('acme', async (m) => {
        await m.query(`SELECT 1 FROM conversation WHERE run_case_id = $1 FOR UPDATE`, [runCaseId]);
        held();
        if (await released) await m.query(`UPDATE conversation SET status = 'CANCELLED', ended_by = 'cancelled', lease_expires_at = NULL WHERE run_case_id = $1`, [runCaseId]);
      });
      await locked;
      return { release: async (cancel = false) => (release(cancel), done) };
    }
    const storedTurns = async (runCaseId: string) =>
      (await service.db.withTenant('acme', (m) => m.query(`SELECT count(*)::int AS n FROM conversation_turn WHERE run_case_id = $1`, [runCaseId])))[0].n;

    it("asks the simulated customer for its next turn while the step before is being recorded", async () => {
      const caseId = randomUUID();
      const name = `overlap ${caseId}`;
      let answer!: () => void;
      heldAnswers.set(caseId, new Promise<void>((resolve) => (answer = resolve)));
      await publish(Topics.simulationRequested, caseId, requestFor(caseId, { name }));
      await waitFor('the first agent call', () => agentCalls.some((c) => c.body.conversationId === caseId));
      const lock = await lockConversation(caseId);
      try {
        answer();
        await waitFor('the second customer turn asked for', () => customerCalls.some((c) => c.name === name && c.said === 1), 5_000);
        expect(await storedTurns(caseId)).toBe(0); // the first step is still waiting for its record
      } finally {
        await lock.release();
      }

      const [done] = await waitFor('the conversation', () => (completionsOf(caseId).length ? completionsOf(caseId) : undefined));
      expect(done).toMatchObject({ outcome: SimulationOutcome.COMPLETED, endedBy: 'customer', turnCount: 5 });
      expect(done.transcript.map((t) => t.text)).toEqual(['Where is my order? [de]', 'Reply to turn 1', 'It is DG-882341', 'Reply to turn 2', 'Thanks, bye!']);
      expect(customerCalls.filter((c) => c.name === name).map((c) => c.said)).toEqual([0, 1, 2]);
    });

    it('drops the turn it asked for ahead when the record finds the conversation cancelled', async () => {
      const caseId = randomUUID();
      const name = `dropped ${caseId}`;
      stuckOnSecondTurn.add(name);
      let answer!: () => void;
      heldAnswers.set(caseId, new Promise<void>((resolve) => (answer = resolve)));
      await publish(Topics.simulationRequested, caseId, requestFor(caseId, { name }));
      await waitFor('the first agent call', () => agentCalls.some((c) => c.body.conversationId === caseId));
      const lock = await lockConversation(caseId);
      let ahead: (typeof customerCalls)[number];
      try {
        answer();
        ahead = await waitFor('the second customer turn asked for', () => customerCalls.find((c) => c.name === name && c.said === 1), 5_000);
      } finally {
        await lock.release(true);
      }
      await waitFor('the turn asked for ahead to be dropped', () => ahead.signal?.aborted);
      await pause(300);
      expect(await storedTurns(caseId)).toBe(0);
      expect(completionsOf(caseId)).toHaveLength(0);
      expect(customerCalls.filter((c) => c.name === name)).toHaveLength(2);
    });

    it('stops the conversations of a cancelled run', async () => {
      const running = randomUUID();
      await orphan(running, 600_000);
      await publish(Topics.runUpdated, runId, { tenantId: 'acme', runId, status: TestRunStatus.CANCELLED, version: 7n });
      const status = () =>
        service.db.withTenant('acme', async (m) => (await m.query(`SELECT status FROM conversation WHERE run_case_id = $1`, [running]))[0].status);
      await waitFor('the cancellation', async () => ((await status()) === 'CANCELLED' ? true : undefined));
      // A step arriving afterwards is dropped.
      await publish(Topics.simulationStep, running, { tenantId: 'acme', runId, runCaseId: running, attempt: 1, step: 1 });
      await pause(500);
      expect(completionsOf(running)).toHaveLength(0);
    });
  });
});
