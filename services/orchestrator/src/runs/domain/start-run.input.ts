import type { FieldError } from '@sim/errors';
import { checkLanguageTag } from './language-tag';

/** What a caller asks for when starting a run (GraphQL `StartTestRunInput`). */
export interface StartRunInput {
  name: string;
  widgetId: string;
  testCaseIds: string[];
  languageOverride?: string | null;
  chatUrl?: string | null;
  metadata?: unknown;
  maxTurns?: number | null;
}

/** The input once validated: trimmed, canonical, nulls for what was not given. */
export interface ValidStartRun {
  name: string;
  widgetId: string;
  testCaseIds: string[];
  languageOverride: string | null;
  chatUrl: string | null;
  metadata: Record<string, unknown> | null;
  maxTurns: number | null;
}

export const NAME_MAX_LENGTH = 200;
export const MAX_TURNS = { min: 1, max: 50 } as const;
const WIDGET_ID_MAX_LENGTH = 200;
const CHAT_URL_MAX_LENGTH = 2048;
/** Metadata goes to the agent on every turn: keep it a reasonable size. */
const METADATA_MAX_BYTES = 16 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type StartRunValidation = { ok: true; value: ValidStartRun } | { ok: false; errors: FieldError[] };

/** Every problem at once, each naming its field. */
export function validateStartRun(input: StartRunInput): StartRunValidation {
  const errors: FieldError[] = [];
  const fail = (field: string, message: string) => errors.push({ field, message });

  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name) fail('name', 'name is required');
  else if (name.length > NAME_MAX_LENGTH) fail('name', `name must be at most ${NAME_MAX_LENGTH} characters`);

  const widgetId = typeof input.widgetId === 'string' ? input.widgetId.trim() : '';
  if (!widgetId) fail('widgetId', 'widgetId is required: choose the chat widget to test');
  else if (widgetId.length > WIDGET_ID_MAX_LENGTH) fail('widgetId', `widgetId must be at most ${WIDGET_ID_MAX_LENGTH} characters`);

  const testCaseIds = Array.isArray(input.testCaseIds) ? input.testCaseIds : [];
  if (testCaseIds.length === 0) fail('testCaseIds', 'select at least one test case');
  else {
    const seen = new Set<string>();
    const duplicates = new Set<string>();
    for (const id of testCaseIds) (seen.has(id) ? duplicates : seen).add(id);
    if (duplicates.size > 0) fail('testCaseIds', `each test case may be selected once; repeated: ${[...duplicates].join(', ')}`);
  }

  let languageOverride: string | null = null;
  if (input.languageOverride !== undefined && input.languageOverride !== null && input.languageOverride.trim() !== '') {
    const checked = checkLanguageTag(input.languageOverride.trim());
    if (checked.ok) languageOverride = checked.tag;
    else fail('languageOverride', `languageOverride ${checked.message}`);
  }

  let chatUrl: string | null = null;
  if (input.chatUrl !== undefined && input.chatUrl !== null && input.chatUrl.trim() !== '') {
    chatUrl = input.chatUrl.trim();
    if (chatUrl.length > CHAT_URL_MAX_LENGTH) fail('chatUrl', `chatUrl must be at most ${CHAT_URL_MAX_LENGTH} characters`);
    else if (!isHttpUrl(chatUrl)) fail('chatUrl', 'chatUrl must be an http:// or https:// URL, e.g. https://shop.example.com/orders');
  }

  let metadata: Record<string, unknown> | null = null;
  if (input.metadata !== undefined && input.metadata !== null) {
    if (typeof input.metadata !== 'object' || Array.isArray(input.metadata)) {
      fail('metadata', 'metadata must be a JSON object of fields, e.g. {"plan": "gold"}');
    } else if (Buffer.byteLength(JSON.stringify(input.metadata)) > METADATA_MAX_BYTES) {
      fail('metadata', `metadata must be at most ${METADATA_MAX_BYTES / 1024} KB of JSON`);
    } else {
      metadata = input.metadata as Record<string, unknown>;
    }
  }

  const maxTurns = input.maxTurns ?? null;
  if (maxTurns !== null && (!Number.isInteger(maxTurns) || maxTurns < MAX_TURNS.min || maxTurns > MAX_TURNS.max)) {
    fail('maxTurns', `maxTurns must be a whole number from ${MAX_TURNS.min} to ${MAX_TURNS.max}`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { name, widgetId, testCaseIds, languageOverride, chatUrl, metadata, maxTurns } };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Ids that cannot name a test case (test cases have UUIDs): reported as not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** "Nightly" -> "Nightly (rerun)", kept within the name's maximum length. */
export function rerunName(name: string): string {
  const suffix = ' (rerun)';
  return name.length + suffix.length <= NAME_MAX_LENGTH ? name + suffix : name.slice(0, NAME_MAX_LENGTH - suffix.length) + suffix;
}
