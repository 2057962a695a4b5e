import type { ConnectorKind } from '../../gql/graphql';

/**
 * What each connector needs (services/simulation/CONNECTORS.md): the form shows only the
 * fields of the chosen connector, with hints on what goes in them.
 */
export interface ConnectorSpec {
  kind: ConnectorKind;
  label: string;
  summary: string;
  url: { hint: string; placeholder: string } | null;
  /** OPENAI: model and system prompt. */
  prompt: boolean;
  apiKey: string | null;
  signingSecret: boolean;
}

export const CONNECTORS: ConnectorSpec[] = [
  {
    kind: 'DEMO',
    label: 'Demo',
    summary: 'The built-in demo store agent; needs nothing outside the platform.',
    url: null,
    prompt: false,
    apiKey: null,
    signingSecret: false,
  },
  {
    kind: 'HTTP',
    label: 'HTTP webhook',
    summary: 'Your endpoint gets one JSON POST per customer message and answers with the messages.',
    url: { hint: 'Your webhook, http(s). Private and internal addresses are refused.', placeholder: 'https://agent.example.com/webhook' },
    prompt: false,
    apiKey: 'Sent as "Authorization: Bearer <key>" on every call.',
    signingSecret: true,
  },
  {
    kind: 'OPENAI',
    label: 'OpenAI-compatible',
    summary: 'A chat-completion model given your system prompt.',
    url: { hint: 'The OpenAI-compatible base URL, http(s).', placeholder: 'https://api.openai.com/v1' },
    prompt: true,
    apiKey: 'The provider key.',
    signingSecret: false,
  },
  {
    kind: 'RASA',
    label: 'Rasa',
    summary: "A Rasa server's REST channel.",
    url: { hint: 'The Rasa server; /webhooks/rest/webhook is added. http(s), no private addresses.', placeholder: 'https://rasa.example.com' },
    prompt: false,
    apiKey: 'Sent as "Authorization: Bearer <key>".',
    signingSecret: false,
  },
];

export function connectorSpec(kind: ConnectorKind): ConnectorSpec {
  return CONNECTORS.find((c) => c.kind === kind) ?? CONNECTORS[0];
}

export function connectorLabel(kind: ConnectorKind): string {
  return connectorSpec(kind).label;
}

export const TIMEOUT_MIN_MS = 100;
export const TIMEOUT_MAX_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
