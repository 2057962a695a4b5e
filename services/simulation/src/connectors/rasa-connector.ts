import { AgentUnavailableError, type AgentConnector, type AgentReply, type AgentTurnRequest } from './agent-connector';
import { displayUrl, postJsonToAgent } from './http-post';
import type { UrlGuard } from './url-guard';

export interface RasaConnectorSettings {
  /** The Rasa server, e.g. https://rasa.example.com; the REST channel path is added. */
  url: string;
  timeoutMs: number;
  apiKey?: string;
}

const REST_WEBHOOK_PATH = '/webhooks/rest/webhook';

/**
 * Rasa's REST channel: the conversation id is the sender, so Rasa's tracker keeps the
 * history itself; the platform's context travels in `metadata`.
 */
export class RasaConnector implements AgentConnector {
  readonly url: URL;

  constructor(
    private readonly settings: RasaConnectorSettings,
    private readonly guard: UrlGuard,
  ) {
    this.url = rasaWebhookUrl(settings.url);
  }

  async send(request: AgentTurnRequest, signal?: AbortSignal): Promise<AgentReply> {
    const body = JSON.stringify({
      sender: request.conversationId,
      message: request.message,
      metadata: { language: request.language, chatUrl: request.chatUrl, ...request.metadata },
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (this.settings.apiKey) headers.authorization = `Bearer ${this.settings.apiKey}`;
    const answer = await postJsonToAgent(this.url, body, { headers, timeoutMs: this.settings.timeoutMs, guard: this.guard, signal });
    if (!Array.isArray(answer)) {
      throw new AgentUnavailableError(`the Rasa server at ${displayUrl(this.url)} answered JSON that is not a list of messages`);
    }
    const messages = answer.flatMap((item) => {
      if (!item || typeof item !== 'object') return [];
      const { text, image } = item as { text?: unknown; image?: unknown };
      if (typeof text === 'string' && text.trim()) return [text.trim()];
      // An image-only bubble still said something the judge should see.
      if (typeof image === 'string') return [`[image: ${image}]`];
      return [];
    });
    return { messages, handoff: false, end: false };
  }
}

/** Accepts the server's base URL or the full webhook URL. */
export function rasaWebhookUrl(base: string): URL {
  const url = new URL(base);
  if (!url.pathname.endsWith(REST_WEBHOOK_PATH)) url.pathname = url.pathname.replace(/\/+$/, '') + REST_WEBHOOK_PATH;
  return url;
}
