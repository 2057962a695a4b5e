/**
 * What an operator sees of one test run: a single trace from the GraphQL mutation that starts
 * it, through the orchestrator's outbox and the bus, every simulation step, to the judge and
 * back; and the metrics the run moved. The embedded default carries the trace the same way the
 * distributed one does (W3C traceparent in subgraph requests, outbox rows and message headers).
 */
import { recordSpans, type SpanRecorder } from '@sim/observability';
import { DEMO_WIDGET_NAME, startEmbeddedPlatform, type EmbeddedPlatform } from '@sim/embedded';
import { callerFor } from './support/graphql-client';
import { eventually } from './support/eventually';
import { startWhenProjected } from './support/start-run';

jest.setTimeout(180_000);

describe('one conversation is one trace (embedded default)', () => {
  let platform: EmbeddedPlatform;
  let spans: SpanRecorder;

  beforeAll(async () => {
    spans = recordSpans('embedded');
    delete process.env.LLM_BASE_URL;
    platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
  });
  afterAll(async () => {
    await platform?.close();
    await spans?.stop();
  });

  it('follows a run from startTestRun through every simulation step to the judge in one trace', async () => {
    const acme = await callerFor(platform.gateway.url, platform.jwtSecret, 'acme', 'erin.editor', ['editor']);
    const widgets = (await acme('{ chatWidgets { id name } }')).data!.chatWidgets;
    const demo = widgets.find((w: { name: string }) => w.name === DEMO_WIDGET_NAME);
    const [testCase] = (await acme('{ testCases(first: 1) { edges { node { id } } } }')).data!.testCases.edges.map((e: { node: { id: string } }) => e.node);

    // Seeded a moment ago: the orchestrator may still be taking in the widget's snapshot.
    const started = await startWhenProjected(acme, { name: 'Traced run', widgetId: demo.id, testCaseIds: [testCase.id] });
    expect(started.errors).toBeUndefined();
    const runId = started.data!.startTestRun.id;
    const run = await eventually(
      async () => (await acme('query($id: ID!) { testRun(id: $id) { status } }', { id: runId })).data!.testRun,
      (r) => ['COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED'].includes(r.status),
      120_000,
    );
    expect(run.status).toBe('COMPLETED');

    // The last start is the one that was accepted; any before it were refused and traced nothing further.
    const mutation = spans.spans().findLast((s) => s.name === 'graphql mutation StartRun');
    expect(mutation).toBeDefined();
    const trace = spans.spans().filter((s) => s.spanContext().traceId === mutation!.spanContext().traceId);
    const names = new Set(trace.map((s) => s.name));
    // The gateway's operation, the orchestrator's request, then each hop over the bus.
    for (const hop of [
      'orchestrator POST /graphql',
      'simulation.requested process',
      'simulation.step process',
      'simulation.completed process',
      'evaluation.completed process',
    ]) {
      expect(names).toContain(hop);
    }
    const groups = new Set(trace.map((s) => s.attributes['messaging.consumer.group.name']).filter(Boolean));
    expect(groups).toContain('evaluation.judge');
    // Every exchange of the conversation, not just the first, stayed in the trace, in order.
    const exchanges = trace.filter((s) => s.name === 'simulation exchange');
    expect(exchanges.length).toBeGreaterThan(1);
    expect(exchanges.every((s) => s.attributes['sim.run_id'] === runId)).toBe(true);
    expect(exchanges.map((s) => s.attributes['sim.step'])).toEqual(exchanges.map((_, i) => i + 1));
  });

  it('shows the run and the bus traffic it caused on /metrics', async () => {
    const text = await (await fetch(platform.gateway.url.replace('/graphql', '/metrics'))).text();
    expect(text).toMatch(/^sim_test_runs\{status="COMPLETED"\} [1-9]\d*$/m);
    expect(text).toMatch(/^sim_bus_messages_total\{topic="simulation\.step",group="simulation\.steps",outcome="handled"\} [1-9]\d*$/m);
    expect(text).toMatch(/^sim_bus_step_duration_seconds_count\{topic="simulation\.completed",group="evaluation\.judge",outcome="handled"\} [1-9]\d*$/m);
    expect(text).toMatch(/^sim_kafka_consumer_lag\{group="evaluation\.judge",topic="simulation\.completed",partition="\d+"\} 0$/m);
    expect(text).toMatch(/^sim_gateway_graphql_duration_seconds_count\{operation="mutation",outcome="ok"\} [1-9]\d*$/m);
  });
});
