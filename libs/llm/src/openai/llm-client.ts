import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import type { Registry } from 'prom-client';
import { SpanKind, inSpan, llmMetrics, metricsRegistry, type LlmMetrics, type Span } from '@sim/observability';
import { LlmError, type ChatMessage, type TokenUsage } from '../types';
import { AdaptiveLimiter } from './adaptive-limiter';
import { createHttpFetch } from './http-fetch';
import { validateJson, type JsonSchema } from './json-schema';
import { backoffMs, classifyFailure, sleep, type FailureKind } from './retry-policy';
import { TenantBudgets, type BudgetReservation } from './tenant-budget';

export interface LlmClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  maxConcurrency: number;
  /** Omit both for an endpoint that is not metered per tenant (an agent under test). */
  tenantRequestsPerMinute?: number;
  tenantTokensPerMinute?: number;
  /** USD per million tokens; 0 when unknown. */
  promptPricePerMTok?: number;
  completionPricePerMTok?: number;
  /** First backoff step in ms (doubles per attempt, jittered). */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A server asking for a longer wait than this is waited for this long. */
  maxRetryAfterMs?: number;
  /** Length of the budget window; one minute unless a test shortens it. */
  budgetWindowMs?: number;
  /** Successes in a row before the concurrency limit grows by one. */
  limiterGrowAfter?: number;
  /** Where latency, tokens, cost and 429s are counted; default the process registry. */
  metricsRegistry?: Registry;
  /**
   * Label metrics with the model name (default). Off for endpoints a tenant configures (an
   * agent under test): their model names are the tenant's and would be unbounded labels.
   */
  modelNamesInMetrics?: boolean;
}

/** Which role a call is made for: a label of its metrics and span. */
export type LlmRole = 'customer' | 'judge' | 'generator' | 'agent';

export interface CompletionRequest {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  maxTokens?: number;
  /** Names the call in errors, e.g. `judge`. */
  purpose?: string;
  role?: LlmRole;
}

export interface StructuredRequest extends CompletionRequest {
  /** `response_format.json_schema.name`: letters, digits, `_` and `-`. */
  schemaName: string;
  schema: Extract<JsonSchema, { type: 'object' }>;
}

export interface CallOptions {
  /** Budgets apply per tenant; calls without one are not metered. */
  tenantId?: string;
  signal?: AbortSignal;
}

export interface CompletionResult {
  text: string;
  usage: TokenUsage;
}

export interface StructuredResult<T> {
  value: T;
  usage: TokenUsage;
}

type ResponseFormat = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming['response_format'];

/**
 * The one way the platform calls a model: the `openai` SDK with its own retries switched off,
 * because this loop also has to feed the adaptive limiter and the tenant budgets.
 */
export class LlmClient {
  readonly limiter: AdaptiveLimiter;
  private readonly openai: OpenAI;
  private readonly budgets: TenantBudgets | null;
  private readonly metrics: LlmMetrics;

  constructor(private readonly options: LlmClientOptions) {
    this.metrics = llmMetrics(options.metricsRegistry ?? metricsRegistry());
    this.openai = new OpenAI({ baseURL: options.baseUrl, apiKey: options.apiKey, maxRetries: 0, timeout: options.timeoutMs, fetch: createHttpFetch() });
    this.limiter = new AdaptiveLimiter(options.maxConcurrency, options.limiterGrowAfter);
    this.budgets =
      options.tenantRequestsPerMinute !== undefined || options.tenantTokensPerMinute !== undefined
        ? new TenantBudgets({
            requestsPerWindow: options.tenantRequestsPerMinute ?? Number.POSITIVE_INFINITY,
            tokensPerWindow: options.tenantTokensPerMinute ?? Number.POSITIVE_INFINITY,
            windowMs: options.budgetWindowMs,
          })
        : null;
  }

  complete(request: CompletionRequest, call: CallOptions = {}): Promise<CompletionResult> {
    return this.withRetries(request, undefined, call);
  }

  /**
   * A JSON answer conforming to `schema` (strict structured outputs). An answer that does not
   * parse or conform is retried once, then fails; the usage of both attempts is counted.
   */
  async completeStructured<T>(request: StructuredRequest, call: CallOptions = {}): Promise<StructuredResult<T>> {
    const format: ResponseFormat = {
      type: 'json_schema',
      json_schema: { name: request.schemaName, strict: true, schema: request.schema as Record<string, unknown> },
    };
    let usage = zeroUsage();
    let problem = '';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await this.withRetries(request, format, call);
      usage = sumUsage(usage, result.usage);
      problem = checkStructured(request.schema, result.text);
      if (!problem) return { value: JSON.parse(result.text) as T, usage };
    }
    throw new LlmError(`${request.purpose ?? 'structured call'}: model ${request.model} twice returned an invalid ${request.schemaName} answer (${problem})`, true);
  }

  /** One call (with its retries) is one client span; each request to the endpoint is measured. */
  private withRetries(request: CompletionRequest, format: ResponseFormat | undefined, call: CallOptions): Promise<CompletionResult> {
    const attributes = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': request.model, 'sim.llm.role': request.role ?? 'unknown' };
    return inSpan(`llm ${request.role ?? 'call'}`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const result = await this.attempts(request, format, call, span);
      span.setAttributes({ 'gen_ai.usage.input_tokens': result.usage.promptTokens, 'gen_ai.usage.output_tokens': result.usage.completionTokens });
      return result;
    });
  }

  private async attempts(request: CompletionRequest, format: ResponseFormat | undefined, call: CallOptions, span: Span): Promise<CompletionResult> {
    const estimate = estimateTokens(request);
    const labels = { role: request.role ?? 'unknown', model: this.options.modelNamesInMetrics === false ? 'tenant-configured' : request.model };
    let failure: FailureKind | null = null;
    for (let attempt = 0; attempt <= this.options.maxRetries; attempt += 1) {
      if (failure) await sleep(this.delayBefore(attempt - 1, failure), call.signal);
      const reservation = this.budgets && call.tenantId ? await this.budgets.reserve(call.tenantId, estimate, call.signal) : null;
      const slot = await this.limiter.acquire(call.signal);
      span.setAttribute('sim.llm.attempts', attempt + 1);
      const started = performance.now();
      try {
        const completion = await this.openai.chat.completions.create(
          {
            model: request.model,
            messages: request.messages,
            ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
            ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
            ...(format ? { response_format: format } : {}),
          },
          { signal: call.signal, timeout: this.options.timeoutMs },
        );
        this.limiter.release(slot, 'success');
        const usage = this.usageOf(completion.usage);
        reservation?.settle(usage.promptTokens + usage.completionTokens);
        this.metrics.requestDuration.observe({ ...labels, outcome: 'ok' }, (performance.now() - started) / 1000);
        this.countUsage(labels, usage);
        return { text: completion.choices[0]?.message?.content ?? '', usage };
      } catch (error) {
        failure = classifyFailure(error);
        this.limiter.release(slot, failure.rateLimited ? 'rate_limited' : 'other_failure');
        settleFailed(reservation);
        if (!failure.aborted) {
          this.metrics.requestDuration.observe({ ...labels, outcome: failure.rateLimited ? 'rate_limited' : 'error' }, (performance.now() - started) / 1000);
        }
        if (failure.rateLimited) this.metrics.rateLimited.inc(labels);
        if (failure.aborted) throw error;
        if (!failure.retryable) {
          throw new LlmError(`${request.purpose ?? 'model call'}: model ${request.model} refused the request: ${failure.label}${detailOf(error)}`, false);
        }
      }
    }
    const attempts = this.options.maxRetries + 1;
    throw new LlmError(
      `${request.purpose ?? 'model call'}: model ${request.model} still failing after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${failure?.label}`,
      true,
    );
  }

  private delayBefore(attempt: number, failure: FailureKind): number {
    if (failure.retryAfterMs !== null) return Math.min(failure.retryAfterMs, this.options.maxRetryAfterMs ?? 120_000);
    return backoffMs(attempt, this.options.backoffBaseMs ?? 500, this.options.backoffMaxMs ?? 30_000);
  }

  private countUsage(labels: { role: string; model: string }, usage: TokenUsage): void {
    this.metrics.tokens.inc({ ...labels, kind: 'prompt' }, usage.promptTokens);
    this.metrics.tokens.inc({ ...labels, kind: 'completion' }, usage.completionTokens);
    this.metrics.cost.inc(labels, usage.costUsd);
  }

  private usageOf(reported: OpenAI.CompletionUsage | undefined): TokenUsage {
    const promptTokens = reported?.prompt_tokens ?? 0;
    const completionTokens = reported?.completion_tokens ?? 0;
    const costUsd =
      (promptTokens * (this.options.promptPricePerMTok ?? 0) + completionTokens * (this.options.completionPricePerMTok ?? 0)) / 1_000_000;
    return { promptTokens, completionTokens, costUsd };
  }
}

function checkStructured(schema: JsonSchema, text: string): string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 80)}`;
  }
  return validateJson(schema, value).slice(0, 3).join('; ');
}

/** Before the call the budget needs a size: about four characters per token, plus the answer. */
function estimateTokens(request: CompletionRequest): number {
  const chars = request.messages.reduce((sum, m) => sum + m.content.length, 0);
  return Math.ceil(chars / 4) + (request.maxTokens ?? 500);
}

/** A failed request is not billed; it still counted as a request. */
function settleFailed(reservation: BudgetReservation | null): void {
  reservation?.settle(0);
}

function detailOf(error: unknown): string {
  const message = error instanceof Error ? error.message.replace(/^\d{3}\s*/, '') : '';
  return message ? ` (${message.slice(0, 200)})` : '';
}

const zeroUsage = (): TokenUsage => ({ promptTokens: 0, completionTokens: 0, costUsd: 0 });

function sumUsage(a: TokenUsage, b: TokenUsage): TokenUsage {
  return { promptTokens: a.promptTokens + b.promptTokens, completionTokens: a.completionTokens + b.completionTokens, costUsd: a.costUsd + b.costUsd };
}
