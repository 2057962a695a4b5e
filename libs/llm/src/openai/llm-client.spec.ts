import { completion, jsonCompletion, rateLimited, serverError, badRequest, startFakeOpenAI, type FakeHandler, type FakeOpenAI } from '../testing';
import { Registry } from 'prom-client';
import { metricsRegistry, recordSpans } from '@sim/observability';
import { LlmError } from '../types';
import { chatCompletion } from './chat-completion';
import { LlmClient, type LlmClientOptions } from './llm-client';

const messages = [{ role: 'user' as const, content: 'Hello' }];
let server: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handler: FakeHandler, options: Partial<LlmClientOptions> = {}) {
  server = await startFakeOpenAI(handler);
  return new LlmClient({ baseUrl: server.url, apiKey: 'test-key', timeoutMs: 2_000, maxRetries: 3, maxConcurrency: 8, backoffBaseMs: 5, backoffMaxMs: 20, ...options });
}

describe('LlmClient retries', () => {
  it('waits as long as Retry-After says before retrying a 429', async () => {
    const client = await clientFor((_body, n) => (n === 1 ? rateLimited(1) : completion('ok')));
    const started = Date.now();
    const result = await client.complete({ model: 'm', messages });
    expect(result.text).toBe('ok');
    expect(server?.requests).toHaveLength(2);
    const [first, second] = server?.requests ?? [];
    expect(second.at - first.at).toBeGreaterThanOrEqual(1_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('honours retry-after-ms and an HTTP-date Retry-After', async () => {
    const client = await clientFor((_body, n) =>
      n === 1 ? { ...rateLimited(30), headers: { 'retry-after-ms': '300', 'retry-after': '30' } } : n === 2 ? rateLimited(new Date(Date.now() + 1_500)) : completion('ok'),
    );
    await client.complete({ model: 'm', messages });
    const [a, b, c] = server?.requests ?? [];
    expect(b.at - a.at).toBeGreaterThanOrEqual(300);
    expect(b.at - a.at).toBeLessThan(5_000);
    // An HTTP date has one-second resolution: the wait is at least what is left of it.
    expect(c.at - b.at).toBeGreaterThanOrEqual(400);
  });

  it('retries 5xx answers with backoff', async () => {
    const client = await clientFor((_body, n) => (n <= 2 ? serverError(n === 1 ? 500 : 503) : completion('recovered')));
    await expect(client.complete({ model: 'm', messages })).resolves.toMatchObject({ text: 'recovered' });
    expect(server?.requests).toHaveLength(3);
  });

  it('retries a timeout', async () => {
    const client = await clientFor((_body, n) => (n === 1 ? { ...completion('late'), delayMs: 400 } : completion('in time')), { timeoutMs: 150 });
    await expect(client.complete({ model: 'm', messages })).resolves.toMatchObject({ text: 'in time' });
  });

  it('does not retry a 400 and says which model refused what', async () => {
    const client = await clientFor(() => badRequest('model does not support json_schema'));
    const error = await client.complete({ model: 'tiny-model', messages }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LlmError);
    expect((error as LlmError).retryable).toBe(false);
    expect((error as LlmError).message).toMatch(/tiny-model.*HTTP 400.*json_schema/);
    expect(server?.requests).toHaveLength(1);
  });

  it('fails with a retryable LlmError naming status and model when retries run out', async () => {
    const client = await clientFor(() => serverError(502), { maxRetries: 2 });
    const error = (await client.complete({ model: 'gpt-x', messages }).catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(LlmError);
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/gpt-x.*3 attempts.*HTTP 502/);
    expect(server?.requests).toHaveLength(3);
  });

  it('sends the API key and never retries through the SDK itself', async () => {
    const client = await clientFor(() => completion('ok'));
    await client.complete({ model: 'm', messages });
    expect(server?.requests[0].headers.authorization).toBe('Bearer test-key');
    expect(server?.requests[0].path).toBe('/v1/chat/completions');
  });
});

describe('LlmClient adaptive concurrency', () => {
  it('halves the limit on a 429 and grows it back after runs of successes', async () => {
    const client = await clientFor((_body, n) => (n === 1 ? rateLimited(0) : completion('ok')), { maxConcurrency: 8, limiterGrowAfter: 2 });
    await client.complete({ model: 'm', messages });
    // One success (the retry) followed the halving.
    expect(client.limiter.limit).toBe(4);
    const seen: number[] = [];
    for (let i = 0; i < 9; i += 1) {
      await client.complete({ model: 'm', messages });
      seen.push(client.limiter.limit);
    }
    expect(seen).toEqual([5, 5, 6, 6, 7, 7, 8, 8, 8]);
  });

  it('never runs more requests at once than the limit', async () => {
    let inFlight = 0;
    let peak = 0;
    const client = await clientFor(
      async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 30));
        inFlight -= 1;
        return completion('ok');
      },
      { maxConcurrency: 3 },
    );
    await Promise.all(Array.from({ length: 10 }, () => client.complete({ model: 'm', messages })));
    expect(peak).toBe(3);
  });
});

describe('LlmClient tenant budgets', () => {
  it('delays a call over the requests-per-window budget instead of failing it, per tenant', async () => {
    const client = await clientFor(() => completion('ok'), { tenantRequestsPerMinute: 2, tenantTokensPerMinute: 1_000_000, budgetWindowMs: 600 });
    const started = Date.now();
    await client.complete({ model: 'm', messages }, { tenantId: 'a' });
    await client.complete({ model: 'm', messages }, { tenantId: 'a' });
    await client.complete({ model: 'm', messages }, { tenantId: 'b' });
    expect(Date.now() - started).toBeLessThan(500);
    await client.complete({ model: 'm', messages }, { tenantId: 'a' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });

  it('delays a call over the tokens budget using the reported usage', async () => {
    const client = await clientFor(() => completion('ok', { promptTokens: 70, completionTokens: 20 }), {
      tenantRequestsPerMinute: 100,
      tenantTokensPerMinute: 100,
      budgetWindowMs: 600,
    });
    const started = Date.now();
    await client.complete({ model: 'm', messages, maxTokens: 10 }, { tenantId: 'a' });
    expect(Date.now() - started).toBeLessThan(500);
    await client.complete({ model: 'm', messages, maxTokens: 10 }, { tenantId: 'a' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
  });
});

describe('LlmClient usage and structured outputs', () => {
  const schema = {
    type: 'object' as const,
    properties: { answer: { type: 'string' as const }, confidence: { type: 'number' as const } },
    required: ['answer', 'confidence'],
    additionalProperties: false as const,
  };

  it('computes usage and cost from the reported tokens and the prices', async () => {
    const client = await clientFor(() => completion('ok', { promptTokens: 1_000, completionTokens: 500 }), { promptPricePerMTok: 2.5, completionPricePerMTok: 10 });
    const { usage } = await client.complete({ model: 'm', messages });
    expect(usage.promptTokens).toBe(1_000);
    expect(usage.completionTokens).toBe(500);
    expect(usage.costUsd).toBeCloseTo(0.0025 + 0.005, 10);
  });

  it('sends a strict json_schema response format and parses the answer', async () => {
    const client = await clientFor(() => jsonCompletion({ answer: 'yes', confidence: 0.9 }));
    const { value } = await client.completeStructured<{ answer: string; confidence: number }>({ model: 'm', messages, schemaName: 'verdict', schema });
    expect(value).toEqual({ answer: 'yes', confidence: 0.9 });
    expect(server?.requests[0].body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'verdict', strict: true, schema } });
  });

  it('retries a malformed answer once and counts the usage of both', async () => {
    const client = await clientFor((_body, n) => (n === 1 ? completion('{"answer": "yes"', { promptTokens: 7, completionTokens: 3 }) : jsonCompletion({ answer: 'ok', confidence: 1 }, { promptTokens: 7, completionTokens: 3 })));
    const { value, usage } = await client.completeStructured({ model: 'm', messages, schemaName: 'verdict', schema });
    expect(value).toEqual({ answer: 'ok', confidence: 1 });
    expect(usage.promptTokens).toBe(14);
  });

  it('fails with LlmError after a second answer that does not match the schema', async () => {
    const client = await clientFor(() => jsonCompletion({ answer: 42 }));
    const error = (await client.completeStructured({ model: 'judge-model', messages, schemaName: 'verdict', schema }).catch((e: unknown) => e)) as LlmError;
    expect(error).toBeInstanceOf(LlmError);
    expect(error.message).toMatch(/judge-model.*verdict.*\$\.answer: expected a string/);
    expect(server?.requests).toHaveLength(2);
  });

  it('stops at once when the caller aborts', async () => {
    const client = await clientFor(() => rateLimited(5));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    await expect(client.complete({ model: 'm', messages }, { signal: controller.signal })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('chatCompletion', () => {
  it('calls the given endpoint with its key and retries like the roles', async () => {
    server = await startFakeOpenAI((_body, n) => (n === 1 ? serverError(500) : completion('Hello from the agent', { promptTokens: 12, completionTokens: 4 })));
    const response = await chatCompletion({ baseUrl: server.url, apiKey: 'agent-key', model: 'agent-model', messages, temperature: 0.2 });
    expect(response.text).toBe('Hello from the agent');
    expect(response.usage).toMatchObject({ promptTokens: 12, completionTokens: 4 });
    expect(server.requests[1].headers.authorization).toBe('Bearer agent-key');
    expect(server.requests[1].body).toMatchObject({ model: 'agent-model', temperature: 0.2, messages });
  });
});

describe('LlmClient metrics and traces', () => {
  const series = (text: string, name: string, labels: string) => text.split('\n').find((line) => line.startsWith(`${name}{${labels}}`))?.split(' ')[1];

  it('counts latency per request, 429s, tokens and cost by role and model, in one span per call', async () => {
    const registry = new Registry();
    const spans = recordSpans();
    try {
      const client = await clientFor((_body, n) => (n === 1 ? { ...rateLimited(0), headers: { 'retry-after-ms': '10' } } : completion('ok', { promptTokens: 1_000, completionTokens: 500 })), {
        promptPricePerMTok: 2.5,
        completionPricePerMTok: 10,
        metricsRegistry: registry,
      });
      await client.complete({ model: 'gpt-judge', messages, role: 'judge' });
      const text = await registry.metrics();
      const judge = 'role="judge",model="gpt-judge"';
      expect(series(text, 'sim_llm_rate_limited_total', judge)).toBe('1');
      expect(series(text, 'sim_llm_request_duration_seconds_count', `${judge},outcome="rate_limited"`)).toBe('1');
      expect(series(text, 'sim_llm_request_duration_seconds_count', `${judge},outcome="ok"`)).toBe('1');
      expect(series(text, 'sim_llm_tokens_total', `${judge},kind="prompt"`)).toBe('1000');
      expect(series(text, 'sim_llm_tokens_total', `${judge},kind="completion"`)).toBe('500');
      expect(Number(series(text, 'sim_llm_cost_usd_total', judge))).toBeCloseTo(0.0075, 10);

      const [span] = spans.spans().filter((s) => s.name === 'llm judge');
      expect(span.attributes).toMatchObject({ 'gen_ai.request.model': 'gpt-judge', 'sim.llm.attempts': 2, 'gen_ai.usage.input_tokens': 1_000 });
    } finally {
      await spans.stop();
    }
  });

  it("labels an agent under test's calls without the tenant's model name", async () => {
    server = await startFakeOpenAI(() => completion('hi'));
    const agentCalls = async () => Number(series(await metricsRegistry().metrics(), 'sim_llm_request_duration_seconds_count', 'role="agent",model="tenant-configured",outcome="ok"') ?? 0);
    const before = await agentCalls();
    await chatCompletion({ baseUrl: server.url, apiKey: 'agent-key', model: 'tenant-secret-model-name', messages });
    expect(await agentCalls()).toBe(before + 1);
    expect(await metricsRegistry().metrics()).not.toContain('tenant-secret-model-name');
  });
});
