import { BadUserInputError, type FieldError } from '@sim/errors';
import { ConnectorKinds, URL_CONNECTORS, type ConnectorKind } from '../connectors/connector-registry';
import type { ChatWidgetSettings } from './chat-widget.entity';

/** What the API accepts (GraphQL `ChatWidgetInput`). */
export interface ChatWidgetInput {
  name: string;
  connector: ConnectorKind;
  url?: string | null;
  model?: string | null;
  systemPrompt?: string | null;
  /** Omitted or null keeps the stored secret; an empty string removes it. */
  apiKey?: string | null;
  signingSecret?: string | null;
  timeoutMs?: number | null;
}

export interface NormalizedChatWidgetInput {
  name: string;
  connector: ConnectorKind;
  settings: Omit<ChatWidgetSettings, 'hasApiKey' | 'hasSigningSecret'>;
  /** undefined: keep what is stored; null: remove; a string: replace. */
  apiKey: string | null | undefined;
  signingSecret: string | null | undefined;
}

export const NAME_MAX_LENGTH = 200;
export const URL_MAX_LENGTH = 2000;
export const MODEL_MAX_LENGTH = 200;
export const SYSTEM_PROMPT_MAX_LENGTH = 20_000;
export const SECRET_MAX_LENGTH = 4096;
export const TIMEOUT_MIN_MS = 100;
export const TIMEOUT_MAX_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Checks everything that needs no network (the SSRF check on `url` is the service's, it
 * resolves the host) and reports every problem at once, each naming its field.
 */
export function validateChatWidgetInput(input: ChatWidgetInput): NormalizedChatWidgetInput {
  const errors: FieldError[] = [];
  const text = (field: keyof ChatWidgetInput, max: number, required: boolean): string | null => {
    const value = input[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required) errors.push({ field, message: `${field} is required` });
      return null;
    }
    if (typeof value !== 'string') {
      errors.push({ field, message: `${field} must be a string` });
      return null;
    }
    if (value.length > max) errors.push({ field, message: `${field} must be at most ${max} characters` });
    return value.trim();
  };

  const connector = input.connector;
  if (!(ConnectorKinds as readonly string[]).includes(connector)) {
    errors.push({ field: 'connector', message: `connector must be one of ${ConnectorKinds.join(', ')}` });
  }
  const name = text('name', NAME_MAX_LENGTH, true);
  const needsUrl = URL_CONNECTORS.includes(connector);
  const isOpenAi = connector === 'OPENAI';
  const url = needsUrl ? text('url', URL_MAX_LENGTH, true) : null;
  if (url) {
    const problem = urlProblem(url);
    if (problem) errors.push({ field: 'url', message: problem });
  }
  const model = isOpenAi ? text('model', MODEL_MAX_LENGTH, true) : null;
  const systemPrompt = isOpenAi ? text('systemPrompt', SYSTEM_PROMPT_MAX_LENGTH, true) : null;

  const timeoutMs = input.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isInteger(timeoutMs) || timeoutMs < TIMEOUT_MIN_MS || timeoutMs > TIMEOUT_MAX_MS) {
    errors.push({ field: 'timeoutMs', message: `timeoutMs must be an integer between ${TIMEOUT_MIN_MS} and ${TIMEOUT_MAX_MS}` });
  }
  const secret = (field: 'apiKey' | 'signingSecret'): string | null | undefined => {
    const value = input[field];
    if (value === undefined || value === null) return undefined;
    if (value.length > SECRET_MAX_LENGTH) errors.push({ field, message: `${field} must be at most ${SECRET_MAX_LENGTH} characters` });
    return value === '' ? null : value;
  };
  const apiKey = secret('apiKey');
  const signingSecret = secret('signingSecret');

  if (errors.length > 0) throw new BadUserInputError(errors);
  return { name: name!, connector, settings: { url, model, systemPrompt, timeoutMs }, apiKey, signingSecret };
}

function urlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'url must be an absolute URL, e.g. https://agent.example.com/webhook';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `url must use http or https, got ${url.protocol.replace(':', '')}`;
  if (url.username || url.password) return 'url must not contain credentials; use apiKey or signingSecret';
  return null;
}
