import { AgentUnavailableError, type AgentConnector } from './agent-connector';
import { DemoAgent } from './demo/demo-agent';
import { HttpWebhookConnector } from './http-connector';
import { OpenAiAgentConnector, type ChatCompletion } from './openai-connector';
import { RasaConnector } from './rasa-connector';
import type { UrlGuard } from './url-guard';

/** GraphQL `ConnectorKind`. */
export const ConnectorKinds = ['DEMO', 'HTTP', 'OPENAI', 'RASA'] as const;
export type ConnectorKind = (typeof ConnectorKinds)[number];

/** Connectors that call a tenant-supplied URL (and so need one, and the SSRF guard). */
export const URL_CONNECTORS: readonly ConnectorKind[] = ['HTTP', 'OPENAI', 'RASA'];

/** A widget with its secrets opened: what a connector is built from. Never logged. */
export interface WidgetConnection {
  connector: ConnectorKind;
  url: string | null;
  model: string | null;
  systemPrompt: string | null;
  timeoutMs: number;
  apiKey?: string;
  signingSecret?: string;
}

export interface ConnectorDependencies {
  guard: UrlGuard;
  /** Replaces the OpenAI-compatible client (tests). */
  chatCompletion?: ChatCompletion;
}

let demoAgent: DemoAgent | undefined;

export function createAgentConnector(widget: WidgetConnection, deps: ConnectorDependencies): AgentConnector {
  switch (widget.connector) {
    case 'DEMO':
      // Stateless (it gets the history each turn): one instance serves every conversation.
      demoAgent ??= new DemoAgent();
      return demoAgent;
    case 'HTTP':
      return new HttpWebhookConnector(
        { url: required(widget.url, 'url'), timeoutMs: widget.timeoutMs, apiKey: widget.apiKey, signingSecret: widget.signingSecret },
        deps.guard,
      );
    case 'RASA':
      return new RasaConnector({ url: required(widget.url, 'url'), timeoutMs: widget.timeoutMs, apiKey: widget.apiKey }, deps.guard);
    case 'OPENAI':
      return new OpenAiAgentConnector(
        {
          url: required(widget.url, 'url'),
          model: required(widget.model, 'model'),
          systemPrompt: required(widget.systemPrompt, 'systemPrompt'),
          timeoutMs: widget.timeoutMs,
          apiKey: widget.apiKey,
        },
        deps.guard,
        deps.chatCompletion,
      );
  }
}

function required(value: string | null, name: string): string {
  // Validation refuses such widgets when they are saved; a row edited by hand could still lack it.
  if (!value) throw new AgentUnavailableError(`the chat widget has no ${name}`);
  return value;
}
