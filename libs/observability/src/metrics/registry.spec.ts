import { Registry } from 'prom-client';
import { busMetrics, llmMetrics } from './platform-metrics';
import { counter, metricsRegistry, renderMetrics, sampledGauge } from './registry';

describe('metrics registry', () => {
  it('gives every service of one process the same metric instead of failing on a second registration', async () => {
    const registry = new Registry();
    // Two services in one process (the embedded default) each ask for the bus metrics.
    busMetrics(registry).messages.inc({ topic: 'simulation.step', group: 'simulation.steps', outcome: 'handled' });
    busMetrics(registry).messages.inc({ topic: 'simulation.step', group: 'simulation.steps', outcome: 'handled' });
    const { body, contentType } = await renderMetrics(registry);
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toContain('sim_bus_messages_total{topic="simulation.step",group="simulation.steps",outcome="handled"} 2');
  });

  it('refuses a name already taken by another kind of metric', () => {
    const registry = new Registry();
    llmMetrics(registry);
    expect(() => counter(registry, { name: 'sim_llm_request_duration_seconds', help: 'x', labelNames: [] })).toThrow(/another type/);
  });

  it('reads a sampled gauge from its sources at scrape time, leaving out a failing source and a removed one', async () => {
    const registry = new Registry();
    const lag = sampledGauge(registry, { name: 'test_lag', help: 'lag', labelNames: ['topic', 'partition'], timeoutMs: 200 });
    let pending = 5;
    lag.addSource(async () => [{ labels: { topic: 'simulation.step', partition: 0 }, value: pending }]);
    lag.addSource(async () => {
      throw new Error('broker unreachable');
    });
    const removed = lag.addSource(async () => [{ labels: { topic: 'gone', partition: 1 }, value: 9 }]);
    lag.addSource(() => new Promise(() => undefined)); // never answers: cut by the timeout
    removed();

    expect((await registry.metrics()).split('\n')).toContain('test_lag{topic="simulation.step",partition="0"} 5');
    pending = 0;
    const second = await registry.metrics();
    expect(second).toContain('test_lag{topic="simulation.step",partition="0"} 0');
    expect(second).not.toContain('gone');
  });

  it('has one process registry that includes Node process metrics', async () => {
    expect(metricsRegistry()).toBe(metricsRegistry());
    expect(await metricsRegistry().metrics()).toContain('process_cpu_user_seconds_total');
  });
});
