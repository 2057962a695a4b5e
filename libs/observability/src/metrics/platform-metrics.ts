/**
 * Every metric the platform exports, in one place so names and labels stay consistent
 * between the services (and the README can point at one file). Labels are bounded sets
 * (topics, consumer groups, roles, models, statuses), never tenant or run ids.
 */
import type { Registry } from 'prom-client';
import { counter, gauge, histogram, metricsRegistry, sampledGauge } from './registry';

/** Seconds: bus steps and LLM calls take from milliseconds to a minute or two. */
const slowBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Seconds: a GraphQL request is fast or something is wrong. */
const requestBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function busMetrics(registry: Registry = metricsRegistry()) {
  return {
    /** handled / failed (an attempt threw; retried or dead-lettered) / dead_lettered. */
    messages: counter(registry, {
      name: 'sim_bus_messages_total',
      help: 'Consumed messages by outcome: handled, failed (an attempt that threw), dead_lettered.',
      labelNames: ['topic', 'group', 'outcome'],
    }),
    stepDuration: histogram(registry, {
      name: 'sim_bus_step_duration_seconds',
      help: 'How long one handler attempt took, by topic and consumer group (the step latency).',
      labelNames: ['topic', 'group', 'outcome'],
      buckets: slowBuckets,
    }),
    consumerLag: sampledGauge(registry, {
      name: 'sim_kafka_consumer_lag',
      help: "Messages not yet committed by the consumer group, per topic and partition (the partition's end offset minus the group's committed offset), read when scraped.",
      labelNames: ['group', 'topic', 'partition'],
    }),
  };
}

export function llmMetrics(registry: Registry = metricsRegistry()) {
  return {
    requestDuration: histogram(registry, {
      name: 'sim_llm_request_duration_seconds',
      help: 'One request to a model endpoint, by role, model and outcome (ok, rate_limited, error).',
      labelNames: ['role', 'model', 'outcome'],
      buckets: slowBuckets,
    }),
    tokens: counter(registry, {
      name: 'sim_llm_tokens_total',
      help: 'Tokens reported by the model endpoint, by role, model and kind (prompt, completion).',
      labelNames: ['role', 'model', 'kind'],
    }),
    cost: counter(registry, {
      name: 'sim_llm_cost_usd_total',
      help: 'Estimated cost in US dollars from the configured prices, by role and model.',
      labelNames: ['role', 'model'],
    }),
    rateLimited: counter(registry, {
      name: 'sim_llm_rate_limited_total',
      help: 'Requests the model endpoint answered with HTTP 429, by role and model.',
      labelNames: ['role', 'model'],
    }),
  };
}

export function runMetrics(registry: Registry = metricsRegistry()) {
  return {
    runs: sampledGauge(registry, {
      name: 'sim_test_runs',
      help: 'Test runs in the database by status, over all tenants, read when scraped (every orchestrator replica reports the same count).',
      labelNames: ['status'],
      timeoutMs: 10_000,
    }),
  };
}

export function httpMetrics(registry: Registry = metricsRegistry()) {
  return {
    graphqlDuration: histogram(registry, {
      name: 'sim_gateway_graphql_duration_seconds',
      help: 'GraphQL operations at the gateway, from request to response, by operation type and outcome (ok, error).',
      labelNames: ['operation', 'outcome'],
      buckets: requestBuckets,
    }),
    inFlight: gauge(registry, {
      name: 'sim_gateway_graphql_in_flight',
      help: 'GraphQL operations the gateway is executing now.',
      labelNames: [],
    }),
  };
}

export type BusMetrics = ReturnType<typeof busMetrics>;
export type LlmMetrics = ReturnType<typeof llmMetrics>;
export type RunMetrics = ReturnType<typeof runMetrics>;
export type HttpMetrics = ReturnType<typeof httpMetrics>;
