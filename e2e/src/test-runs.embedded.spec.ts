import { startEmbeddedPlatform, DEMO_WIDGET_NAME, type EmbeddedPlatform } from '@sim/embedded';
import { callerFor } from './support/graphql-client';
import { eventually } from './support/eventually';
import { startWhenProjected } from './support/start-run';
import { CASE_FIELDS, describeTestRunsApi, RUN_FIELDS } from './test-runs.api';

jest.setTimeout(180_000);

const OFFLINE_ENGINE = /^offline-rules\//;

async function startPlatform(): Promise<EmbeddedPlatform> {
  // The webhook agents of these tests listen on loopback, which only an operator allow-list admits.
  process.env.AGENT_URL_ALLOWLIST = '127.0.0.1';
  delete process.env.LLM_BASE_URL;
  return startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
}

// The embedded default: one process, PGlite, the in-process bus, the offline engine.
describeTestRunsApi('embedded default: PGlite, the in-process bus and the offline engine', async () => {
  const platform = await startPlatform();
  return { gatewayUrl: platform.gateway.url, jwtSecret: platform.jwtSecret, judgeEngine: OFFLINE_ENGINE, close: () => platform.close() };
});

describe('A first run of the demo tenant on the demo store agent (embedded default, offline engine)', () => {
  let platform: EmbeddedPlatform;
  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform?.close();
  });

  it('runs all twelve seeded cases to COMPLETED, with honest scores across all three bands', async () => {
    const acme = await callerFor(platform.gateway.url, platform.jwtSecret, 'acme', 'erin.editor', ['editor']);
    const widgets = (await acme('{ chatWidgets { id name connector } }')).data!.chatWidgets;
    const demo = widgets.find((w: { name: string }) => w.name === DEMO_WIDGET_NAME);
    expect(demo).toMatchObject({ connector: 'DEMO' });
    const cases = (await acme('{ testCases(first: 50) { edges { node { id name } } } }')).data!.testCases.edges.map((e: { node: any }) => e.node);
    expect(cases).toHaveLength(12);

    // Seeded a moment ago: the orchestrator may still be taking in the widget's and the cases' snapshots.
    const started = await startWhenProjected(acme, { name: 'Demo regression pack', widgetId: demo.id, testCaseIds: cases.map((c: { id: string }) => c.id) });
    expect(started.errors).toBeUndefined();
    const runId = started.data!.startTestRun.id;
    const run = await eventually(
      async () => (await acme(`query($id: ID!) { testRun(id: $id) { ${RUN_FIELDS} cases(first: 50) { edges { node { ${CASE_FIELDS} } } } } }`, { id: runId })).data!.testRun,
      (r) => ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'].includes(r.status),
      120_000,
    );
    const results = run.cases.edges.map((e: { node: any }) => e.node);
    const errors = results.filter((c: { status: string }) => c.status !== 'COMPLETED').map((c: any) => `${c.name}: ${c.status} ${c.error}`);
    expect(errors).toEqual([]);
    expect(run.status).toBe('COMPLETED');
    const bands = new Set(results.map((c: { band: string }) => c.band));
    expect(bands).toEqual(new Set(['PASSED', 'NEEDS_ATTENTION', 'FAILED']));
    for (const result of results) {
      expect(result.evaluation.engine).toMatch(OFFLINE_ENGINE);
      // The simulated customer speaks the case's language: the German case is held in German.
      if (result.name.startsWith('Wo ist meine Bestellung')) expect(result.conversation.turns[0].text).toMatch(/Bestellung|bitte|ich/i);
    }
    // Deterministic: the same pack scores the same again.
    const rerun = (await acme(`mutation($id: ID!) { rerunTestRun(id: $id) { id } }`, { id: runId })).data!.rerunTestRun;
    const again = await eventually(
      async () => (await acme(`query($id: ID!) { testRun(id: $id) { status cases(first: 50) { edges { node { name score } } } } }`, { id: rerun.id })).data!.testRun,
      (r) => r.status === 'COMPLETED',
      120_000,
    );
    const scores = (r: { edges: { node: { name: string; score: number } }[] }) => Object.fromEntries(r.edges.map((e) => [e.node.name, e.node.score]));
    expect(scores(again.cases)).toEqual(scores(run.cases));
  });
});
