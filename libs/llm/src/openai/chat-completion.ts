import type { ChatRequest, ChatResponse } from '../types';
import { LlmClient } from './llm-client';

/** Clients per endpoint and key, so each agent endpoint keeps its own adaptive limit. */
const clients = new Map<string, LlmClient>();
const MAX_CLIENTS = 200;

/**
 * One chat completion for the OPENAI agent connector: the same retry loop as the roles
 * (429/5xx/timeouts, Retry-After), no tenant budget (the endpoint is the tenant's own).
 */
export async function chatCompletion(request: ChatRequest, signal?: AbortSignal): Promise<ChatResponse> {
  const client = clientFor(request);
  const result = await client.complete(
    { model: request.model, messages: request.messages, temperature: request.temperature, purpose: 'agent call', role: 'agent' },
    { signal },
  );
  return result;
}

function clientFor(request: ChatRequest): LlmClient {
  const key = `${request.baseUrl}\u0000${request.apiKey}\u0000${request.timeoutMs ?? ''}\u0000${request.maxRetries ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value as string);
    client = new LlmClient({
      baseUrl: request.baseUrl,
      apiKey: request.apiKey,
      timeoutMs: request.timeoutMs ?? 30_000,
      maxRetries: request.maxRetries ?? 2,
      maxConcurrency: 8,
      promptPricePerMTok: request.promptPricePerMTok,
      completionPricePerMTok: request.completionPricePerMTok,
      modelNamesInMetrics: false,
    });
    clients.set(key, client);
  }
  return client;
}
