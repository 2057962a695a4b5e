import { chatCompletion, type ChatMessage, type ChatRequest, type ChatResponse } from '@sim/llm';
import { AgentUnavailableError, type AgentConnector, type AgentReply, type AgentTurnRequest } from './agent-connector';
import { displayUrl } from './http-post';
import type { UrlGuard } from './url-guard';

export interface OpenAiConnectorSettings {
  /** OpenAI-compatible base URL, e.g. https://api.openai.com/v1. */
  url: string;
  model: string;
  systemPrompt: string;
  timeoutMs: number;
  apiKey?: string;
}

export type ChatCompletion = (request: ChatRequest, signal?: AbortSignal) => Promise<ChatResponse>;

/**
 * An agent that is an LLM behind a system prompt. It is stateless, so the whole
 * conversation so far is sent each turn; the run's context (language, chat URL, metadata)
 * rides in the system message, as a real widget would inject it.
 */
export class OpenAiAgentConnector implements AgentConnector {
  private readonly url: URL;

  constructor(
    private readonly settings: OpenAiConnectorSettings,
    private readonly guard: UrlGuard,
    private readonly complete: ChatCompletion = chatCompletion,
  ) {
    this.url = new URL(settings.url);
  }

  async send(request: AgentTurnRequest, signal?: AbortSignal): Promise<AgentReply> {
    const shown = displayUrl(this.url);
    try {
      await this.guard.assertAllowed(this.url);
    } catch (error) {
      throw new AgentUnavailableError(`the agent URL ${shown} is refused: ${(error as Error).message}`);
    }
    const messages: ChatMessage[] = [
      { role: 'system', content: `${this.settings.systemPrompt}\n\n${contextLine(request)}` },
      ...request.history.map((turn): ChatMessage => ({ role: turn.role === 'CUSTOMER' ? 'user' : 'assistant', content: turn.text })),
      { role: 'user', content: request.message },
    ];
    let response: ChatResponse;
    try {
      const call: ChatRequest = {
        baseUrl: this.settings.url,
        // Local OpenAI-compatible servers need no key, but the client wants one.
        apiKey: this.settings.apiKey ?? 'not-set',
        model: this.settings.model,
        messages,
        timeoutMs: this.settings.timeoutMs,
        // The step itself tries once more; more retries here would outlast the step's lease.
        maxRetries: 1,
      };
      response = await this.complete(call, signal);
    } catch (error) {
      // The model here is the agent under test: its failures are the agent's, not the simulator's.
      throw new AgentUnavailableError(`the OpenAI-compatible agent at ${shown} (model ${this.settings.model}) failed: ${(error as Error).message}`);
    }
    const text = response.text.trim();
    return { messages: text ? [text] : [], handoff: false, end: false };
  }
}

export function contextLine(request: Pick<AgentTurnRequest, 'language' | 'chatUrl' | 'metadata'>): string {
  return `Conversation context: language=${request.language}; chat URL=${request.chatUrl ?? 'none'}; metadata=${JSON.stringify(request.metadata)}`;
}
