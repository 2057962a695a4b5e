import { createHmac } from 'node:crypto';
import { AgentUnavailableError, type AgentConnector, type AgentReply, type AgentTurnRequest } from './agent-connector';
import { displayUrl, postJsonToAgent } from './http-post';
import type { UrlGuard } from './url-guard';

export interface HttpConnectorSettings {
  url: string;
  timeoutMs: number;
  apiKey?: string;
  signingSecret?: string;
}

export const SIGNATURE_HEADER = 'x-sim-signature';
export const TIMESTAMP_HEADER = 'x-sim-timestamp';

/** `sha256=<hex HMAC-SHA256 of the raw body>`: what an agent recomputes to know the call is ours. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}

/** The documented JSON webhook (services/simulation/CONNECTORS.md). */
export class HttpWebhookConnector implements AgentConnector {
  private readonly url: URL;

  constructor(
    private readonly settings: HttpConnectorSettings,
    private readonly guard: UrlGuard,
  ) {
    this.url = new URL(settings.url);
  }

  async send(request: AgentTurnRequest, signal?: AbortSignal): Promise<AgentReply> {
    const now = new Date();
    const body = JSON.stringify({
      conversationId: request.conversationId,
      turn: request.turn,
      message: request.message,
      language: request.language,
      chatUrl: request.chatUrl,
      metadata: request.metadata,
      // Inside the signed body, so an agent can refuse replayed calls.
      sentAt: now.toISOString(),
    });
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      [TIMESTAMP_HEADER]: String(now.getTime()),
    };
    if (this.settings.signingSecret) headers[SIGNATURE_HEADER] = webhookSignature(this.settings.signingSecret, body);
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    const answer = await postJsonToAgent(this.url, body, { headers, timeoutMs: this.settings.timeoutMs, guard: this.guard, signal });
    return parseWebhookReply(answer, displayUrl(this.url));
  }
}

/** `{ messages: [string | { text }], handoff?, end? }`, or a single `{ text }`. */
export function parseWebhookReply(answer: unknown, shownUrl: string): AgentReply {
  const invalid = (why: string) =>
    new AgentUnavailableError(`the agent at ${shownUrl} answered JSON that is not a webhook reply (${why}); expected { "messages": ["..."] }`);
  if (!answer || typeof answer !== 'object' || Array.isArray(answer)) throw invalid('not an object');
  const reply = answer as { messages?: unknown; text?: unknown; handoff?: unknown; end?: unknown };
  let messages: string[];
  if (Array.isArray(reply.messages)) {
    messages = reply.messages.map((item, i) => {
      if (typeof item === 'string') return item;
      if (item && typeof item === 'object' && typeof (item as { text?: unknown }).text === 'string') return (item as { text: string }).text;
      throw invalid(`messages[${i}] is neither a string nor { "text": "..." }`);
    });
  } else if (typeof reply.text === 'string') {
    messages = [reply.text];
  } else {
    throw invalid('no "messages" array and no "text"');
  }
  return {
    messages: messages.map((m) => m.trim()).filter(Boolean),
    handoff: reply.handoff === true,
    end: reply.end === true,
  };
}
