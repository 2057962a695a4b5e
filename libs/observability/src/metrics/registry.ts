/**
 * Prometheus metrics: one registry per process, served on each HTTP port at `GET /metrics`.
 *
 * In the embedded default five services share a process, and so they share this registry: a
 * metric is created the first time a service asks for it and found by name after that
 * (prom-client throws when one name is registered twice). A service process labels every
 * series with its service name (`setDefaultLabels`).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics, type Metric } from 'prom-client';

let processRegistry: Registry | undefined;

/** The registry of this process, created (with Node's process metrics) on first use. */
export function metricsRegistry(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** Prometheus's text format of everything registered, with its content type. */
export async function renderMetrics(registry: Registry = metricsRegistry()): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

interface MetricOptions<L extends string> {
  name: string;
  help: string;
  labelNames: readonly L[];
}

function existing<M extends Metric>(registry: Registry, name: string, kind: new (...args: never[]) => M): M | undefined {
  const found = registry.getSingleMetric(name);
  if (!found) return undefined;
  if (!(found instanceof kind)) throw new Error(`metric ${name} is already registered as another type`);
  return found as M;
}

export function counter<L extends string>(registry: Registry, options: MetricOptions<L>): Counter<L> {
  return existing(registry, options.name, Counter<L>) ?? new Counter<L>({ ...options, labelNames: [...options.labelNames], registers: [registry] });
}

export function histogram<L extends string>(registry: Registry, options: MetricOptions<L> & { buckets: number[] }): Histogram<L> {
  return existing(registry, options.name, Histogram<L>) ?? new Histogram<L>({ ...options, labelNames: [...options.labelNames], registers: [registry] });
}

export function gauge<L extends string>(registry: Registry, options: MetricOptions<L>): Gauge<L> {
  return existing(registry, options.name, Gauge<L>) ?? new Gauge<L>({ ...options, labelNames: [...options.labelNames], registers: [registry] });
}

export interface Sample<L extends string> {
  labels: Partial<Record<L, string | number>>;
  value: number;
}

/** Something that can tell a sampled gauge its current values, e.g. a bus its consumer lag. */
export type SampleSource<L extends string> = () => Promise<Sample<L>[]>;

export interface SampledGauge<L extends string> {
  /** Adds a source read at every scrape; the returned function removes it (on close). */
  addSource(source: SampleSource<L>): () => void;
}

const sampledGauges = new WeakMap<Registry, Map<string, SampledGauge<string>>>();

/**
 * A gauge whose values are read when Prometheus scrapes, from every source registered with it
 * (several buses or databases may live in one process). A source that fails or takes longer
 * than `timeoutMs` is left out of that scrape instead of failing it.
 */
export function sampledGauge<L extends string>(registry: Registry, options: MetricOptions<L> & { timeoutMs?: number }): SampledGauge<L> {
  let byName = sampledGauges.get(registry);
  if (!byName) sampledGauges.set(registry, (byName = new Map()));
  const known = byName.get(options.name);
  if (known) return known as SampledGauge<L>;

  const sources = new Set<SampleSource<L>>();
  const timeoutMs = options.timeoutMs ?? 5_000;
  new Gauge<L>({
    ...options,
    labelNames: [...options.labelNames],
    registers: [registry],
    async collect() {
      const results = await Promise.all([...sources].map((source) => withTimeout(source(), timeoutMs).catch(() => [] as Sample<L>[])));
      this.reset();
      for (const sample of results.flat()) this.set(sample.labels, sample.value);
    },
  });
  const sampled: SampledGauge<L> = {
    addSource(source) {
      sources.add(source);
      return () => void sources.delete(source);
    },
  };
  byName.set(options.name, sampled as SampledGauge<string>);
  return sampled;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
