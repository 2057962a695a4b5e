import { DEV_JWT_SECRET } from '@sim/gateway';
import { GENERATOR_SCHEMA_NAME, JUDGE_SCHEMA_NAME, parsePayload } from '@sim/llm';
import { jsonCompletion, rateLimited, scriptedRolesHandler, startFakeOpenAI, type FakeOpenAI, type FakeResponse } from '@sim/llm/testing';
import type { DistributedStack } from '@sim/embedded';
import { callerFor, type Caller } from './support/graphql-client';
import { startSeededDistributedStack, type SeededDistributedStack } from './support/distributed';
import { eventually } from './support/eventually';
import { startFakeAgent, type FakeAgent } from './support/fake-agent';
import { startWhenProjected } from './support/start-run';
import { caseInput, CASE_FIELDS, describeTestRunsApi, RUN_FIELDS } from './test-runs.api';

jest.setTimeout(300_000);

// Distributed: each service its own process, real PostgreSQL, real Kafka, and a local
// OpenAI-compatible server playing the simulated customer and the judge.
let distributed: SeededDistributedStack;
let stack: DistributedStack;
let llm: FakeOpenAI;
/** Scripted per test: answers before the simulated roles do, or undefined to let them answer. */
let interceptLlm: ((body: any) => FakeResponse | undefined) | undefined;

beforeAll(async () => {
  const roles = scriptedRolesHandler();
  llm = await startFakeOpenAI(async (body, n, request) => interceptLlm?.(body) ?? (await roles(body, n, request)));
  distributed = await startSeededDistributedStack('sim_e2e_runs', {
    LLM_BASE_URL: llm.url,
    LLM_API_KEY: 'sk-e2e',
    LLM_MAX_RETRIES: '6',
    AGENT_URL_ALLOWLIST: '127.0.0.1',
    SIMULATION_SWEEP_INTERVAL_MS: '1000',
    SIMULATION_STEP_LEASE_MS: '5000',
    ORCHESTRATOR_SWEEP_INTERVAL_MS: '1000',
  });
  stack = distributed.stack;
});

afterAll(async () => {
  await distributed?.close();
  await llm?.close();
});

describeTestRunsApi('distributed: separate processes, PostgreSQL, Kafka and an OpenAI-compatible endpoint', async () => ({
  gatewayUrl: stack.gatewayUrl,
  jwtSecret: DEV_JWT_SECRET,
  judgeEngine: /^openai:/,
  close: async () => undefined,
}));

describe('Resilience of a run in distributed mode', () => {
  let acme: Caller;
  let agent: FakeAgent;
  let widgetId: string;

  beforeAll(async () => {
    acme = await callerFor(stack.gatewayUrl, DEV_JWT_SECRET, 'acme', 'erin.editor', ['editor']);
    // An agent that never quite answers keeps each conversation going for several turns.
    agent = await startFakeAgent({ latencyMs: 300, reply: () => ({ messages: ['Let me look into that for you, one moment.'] }) });
    widgetId = (await acme(`mutation($input: ChatWidgetInput!) { createChatWidget(input: $input) { id } }`, { input: { name: 'Slow thinker', connector: 'HTTP', url: agent.url, timeoutMs: 2000 } }))
      .data!.createChatWidget.id;
  });
  afterAll(async () => {
    await agent?.close();
  });

  const createCases = async (prefix: string, count: number) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const created = await acme(`mutation($input: TestCaseInput!) { createTestCase(input: $input) { id } }`, { input: caseInput(`${prefix} ${i}`) });
      ids.push(created.data!.createTestCase.id);
    }
    return ids;
  };

  /** The widget and the cases were created a moment ago: their snapshots reach the orchestrator soon after. */
  const startRun = async (input: Record<string, unknown>) => {
    const started = await startWhenProjected(acme, input);
    expect(started.errors).toBeUndefined();
    return started.data!.startTestRun.id as string;
  };

  const runById = async (id: string) => (await acme(`query($id: ID!) { testRun(id: $id) { ${RUN_FIELDS} cases(first: 50) { edges { node { ${CASE_FIELDS} } } } } }`, { id })).data!.testRun;

  const judgeCallsByCase = () => {
    const counts = new Map<string, number>();
    for (const request of llm.requests) {
      if (request.body?.response_format?.json_schema?.name !== JUDGE_SCHEMA_NAME) continue;
      const prompt = [...request.body.messages].reverse().find((m: { role: string }) => m.role === 'user');
      const name = parsePayload(String(prompt?.content ?? ''))?.testCase.name ?? '?';
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  };

  it('survives a simulation worker killed with SIGKILL mid-run: one result per case, the judge called once per case', async () => {
    const ids = await createCases('Kill test', 4);
    const runId = await startRun({ name: 'Worker killed mid-run', widgetId, testCaseIds: ids, maxTurns: 5 });
    // Kill it once conversations are under way.
    await eventually(
      () => runById(runId),
      (run) => run.cases.edges.some((e: { node: any }) => (e.node.conversation?.turns.length ?? 0) >= 2),
      60_000,
    );
    const simulation = stack.processes.find((p) => p.name === 'simulation')!;
    simulation.child.kill('SIGKILL');
    await new Promise((resolve) => simulation.child.once('exit', resolve));
    await stack.restart('simulation');

    const run = await eventually(
      () => runById(runId),
      (r) => ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'].includes(r.status),
      240_000,
    );
    const cases = run.cases.edges.map((e: { node: any }) => e.node);
    expect(cases.filter((c: { status: string }) => c.status !== 'COMPLETED').map((c: any) => `${c.name}: ${c.status} ${c.error}`)).toEqual([]);
    expect(run.status).toBe('COMPLETED');
    for (const runCase of cases) {
      expect(runCase.status).toBe('COMPLETED');
      expect(runCase.evaluation.score).toBe(runCase.score);
      // One conversation per case: every turn index once, in order.
      expect(runCase.conversation.turns.map((t: { index: number }) => t.index)).toEqual(runCase.conversation.turns.map((_: unknown, i: number) => i));
    }
    const judged = judgeCallsByCase();
    for (const runCase of cases) expect(judged.get(runCase.name)).toBe(1);
  });

  it('honours Retry-After through a storm of 429s and loses no case', async () => {
    const ids = await createCases('Storm test', 3);
    let refused = 0;
    const refusedAt: { at: number; body: string }[] = [];
    interceptLlm = (body) => {
      if (refused >= 12) return undefined;
      refused++;
      refusedAt.push({ at: Date.now(), body: JSON.stringify(body.messages) });
      return rateLimited(1);
    };
    try {
      const runId = await startRun({ name: 'Through the storm', widgetId, testCaseIds: ids, maxTurns: 3 });
      const run = await eventually(
        () => runById(runId),
        (r) => ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'].includes(r.status),
        180_000,
      );
      expect(refused).toBe(12);
      expect(run.status).toBe('COMPLETED');
      for (const edge of run.cases.edges) expect(edge.node.status).toBe('COMPLETED');
      // Every refused request came back, and not before its Retry-After second had passed.
      for (const refusal of refusedAt) {
        const retry = llm.requests.find((r) => r.at > refusal.at && JSON.stringify(r.body.messages) === refusal.body);
        expect(retry).toBeDefined();
        expect(retry!.at - refusal.at).toBeGreaterThanOrEqual(1000);
      }
    } finally {
      interceptLlm = undefined;
    }
  });
});

describe('Generating test cases with an OpenAI-compatible endpoint (distributed)', () => {
  /** Plays the generator: one case per material item, grounded in it (an order's number as a persona fact). */
  const generatorAnswer = (body: any): FakeResponse | undefined => {
    if (body?.response_format?.json_schema?.name !== GENERATOR_SCHEMA_NAME) return undefined;
    const prompt = String(body.messages.at(-1)?.content ?? '');
    const material = prompt
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { id: string; kind: string; data?: Record<string, string> });
    const cases = material.map((item, i) => ({
      name: `Generated from ${item.kind} ${i + 1}`,
      tone_of_voice: 'Höflich',
      behaviour: `Ask about what ${item.kind} ${i + 1} covers. Give the order number when asked. End when you have the answer; ask for a human after two failed attempts.`,
      persona_facts: item.data?.orderNumber ? [{ name: 'order_number', value: item.data.orderNumber }] : [],
      success_criteria: 'Die Kundin erhält eine klare Antwort.',
      agent_criteria: 'Der Agent antwortet innerhalb von 4 Nachrichten.',
      type: 'Generated',
      intent: 'Generated :: From Material',
      source_ref: item.id,
    }));
    return jsonCompletion({ cases }, { promptTokens: 900, completionTokens: 300 });
  };

  it('writes grounded cases from every source through the generator role with a structured-output schema, and test-cases stores them', async () => {
    const acme = await callerFor(stack.gatewayUrl, DEV_JWT_SECRET, 'acme', 'erin.editor', ['editor']);
    const sources = (await acme(`{ paiCollections { id name } knowledgeCollections { id } intents { id } }`)).data!;
    const orders = sources.paiCollections.find((c: { name: string }) => c.name === 'Demo Store Orders');
    const known = new Set(['DG-882341', 'DG-771209', 'DG-904417', 'DG-650032', 'DG-553120', 'DG-318876', 'DG-882977', 'DG-447810', 'DG-120045', 'DG-765432']);
    interceptLlm = generatorAnswer;
    try {
      const inputs = [
        { input: { source: 'PURCHASE_AI', paiCollectionId: orders.id, count: 2 }, kind: 'PURCHASE_AI', expected: 2 },
        { input: { source: 'KNOWLEDGE_SOURCE', knowledgeCollectionId: sources.knowledgeCollections[0].id, count: 2 }, kind: 'KNOWLEDGE_SOURCE', expected: 2 },
        { input: { source: 'INTENTS', intentIds: sources.intents.slice(0, 2).map((i: { id: string }) => i.id), casesPerIntent: 1 }, kind: 'INTENTS', expected: 2 },
        { input: { source: 'HISTORICAL_TICKETS', ticketFilter: { tags: ['refund'] }, count: 2 }, kind: 'HISTORICAL_TICKETS', expected: 2 },
      ];
      for (const { input, kind, expected } of inputs) {
        const started = await acme(`mutation($input: GenerateTestCasesInput!) { generateTestCases(input: $input) { id } }`, { input: { ...input, language: 'de' } });
        expect(started.errors).toBeUndefined();
        const jobId = started.data!.generateTestCases.id;
        const job = await eventually(
          async () => (await acme(`query($id: ID!) { generationJob(id: $id) { status error created testCases { language personaFacts { value } source { kind ref } } } }`, { id: jobId })).data!.generationJob,
          (j) => j.status === 'FAILED' || (j.status === 'COMPLETED' && j.created === expected),
          60_000,
        );
        expect(job).toMatchObject({ status: 'COMPLETED', error: null, created: expected });
        for (const generated of job.testCases) {
          expect(generated).toMatchObject({ language: 'de', source: { kind } });
          expect(generated.source.ref).toBeTruthy();
          if (kind === 'PURCHASE_AI') expect(known.has(generated.personaFacts[0].value)).toBe(true);
        }
      }
      const asked = llm.requests.filter((r) => r.body?.response_format?.json_schema?.name === GENERATOR_SCHEMA_NAME);
      expect(asked.length).toBeGreaterThanOrEqual(4);
      expect(asked[0].body.response_format.json_schema.strict).toBe(true);
      expect(asked[0].body.model).toBe('gpt-4o');
    } finally {
      interceptLlm = undefined;
    }
  });
});
