import { TurnRoles, type TicketTurnRecord, type TurnRole } from '../entities';
import { describe } from './pai-record';
import { redactPersonalData } from './redact';

/** A ticket as stored: validated, normalised and redacted. */
export interface ValidTicket {
  externalId: string;
  channel: string;
  createdAt: Date;
  tags: string[];
  intent: string | null;
  csat: number | null;
  resolution: string | null;
  turns: TicketTurnRecord[];
}

export type FieldProblem = { field: string | null; message: string };
export type TicketResult = { ok: true; value: ValidTicket } | { ok: false; errors: FieldProblem[] };

export const TICKET_FIELDS = ['externalId', 'channel', 'createdAt', 'tags', 'intent', 'csat', 'resolution', 'turns'] as const;
export const MAX_TURNS = 200;
export const MAX_TEXT_LENGTH = 20_000;
const MAX_SHORT_LENGTH = 200;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks one ticket record from a file. CSV cells arrive as text, so `tags` may be a
 * semicolon-separated cell, `csat` a number in text and `turns` a JSON list in text.
 * Turn texts and the resolution are redacted here, before anything stores them.
 */
export function validateTicket(value: unknown): TicketResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ field: null, message: `expected a ticket object, found ${describe(value)}` }] };
  }
  const record = value as Record<string, unknown>;
  const errors: FieldProblem[] = [];
  const fail = (field: string, message: string) => {
    errors.push({ field, message });
    return null;
  };
  const unknown = Object.keys(record).filter((k) => !(TICKET_FIELDS as readonly string[]).includes(k));
  for (const field of unknown) fail(field, `unknown field "${field}" (expected ${TICKET_FIELDS.join(', ')})`);

  const externalId = requiredText(record.externalId, 'externalId', MAX_SHORT_LENGTH, fail);
  const channel = requiredText(record.channel, 'channel', MAX_SHORT_LENGTH, fail);
  const createdAt = isoDate(record.createdAt, fail);
  const tags = tagList(record.tags, fail);
  const intent = optionalText(record.intent, 'intent', MAX_SHORT_LENGTH, fail);
  const csat = csatScore(record.csat, fail);
  const resolution = optionalText(record.resolution, 'resolution', MAX_TEXT_LENGTH, fail);
  const turns = turnList(record.turns, fail);

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      externalId: externalId!,
      channel: channel!,
      createdAt: createdAt!,
      tags: tags!,
      intent,
      csat,
      resolution: resolution === null ? null : redactPersonalData(resolution),
      turns: turns!.map((t) => ({ role: t.role, text: redactPersonalData(t.text) })),
    },
  };
}

type Fail = (field: string, message: string) => null;

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function requiredText(value: unknown, field: string, max: number, fail: Fail): string | null {
  if (isBlank(value)) return fail(field, `${field} is required`);
  return optionalText(value, field, max, fail);
}

function optionalText(value: unknown, field: string, max: number, fail: Fail): string | null {
  if (isBlank(value)) return null;
  if (typeof value !== 'string' && typeof value !== 'number') return fail(field, `${field} must be text, found ${describe(value)}`);
  const text = String(value).trim();
  if (text.length > max) return fail(field, `${field} must be at most ${max} characters`);
  return text;
}

function isoDate(value: unknown, fail: Fail): Date | null {
  if (isBlank(value)) return fail('createdAt', 'createdAt is required');
  const text = value instanceof Date ? value.toISOString() : String(value).trim();
  const date = new Date(text);
  if (!ISO_DATE.test(text) || Number.isNaN(date.getTime())) {
    return fail('createdAt', `createdAt must be an ISO 8601 date such as 2024-03-15 or 2024-03-15T10:30:00Z, found ${JSON.stringify(text)}`);
  }
  return date;
}

function tagList(value: unknown, fail: Fail): string[] | null {
  if (isBlank(value)) return [];
  const items = typeof value === 'string' ? value.split(';') : Array.isArray(value) ? value : null;
  if (!items) return fail('tags', 'tags must be a list of text (in CSV: separated by ";")');
  const tags: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') return fail('tags', 'every tag must be text');
    const tag = String(item).trim();
    if (tag.length > MAX_SHORT_LENGTH) return fail('tags', `a tag must be at most ${MAX_SHORT_LENGTH} characters`);
    if (tag !== '' && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

function csatScore(value: unknown, fail: Fail): number | null {
  if (isBlank(value)) return null;
  const score = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(score) || score < 1 || score > 5) return fail('csat', `csat must be a whole number from 1 to 5, found ${JSON.stringify(value)}`);
  return score;
}

function turnList(value: unknown, fail: Fail): { role: TurnRole; text: string }[] | null {
  let list = value;
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      list = JSON.parse(value);
    } catch {
      return fail('turns', 'turns must be a JSON list such as [{"role":"CUSTOMER","text":"Where is my order?"}]');
    }
  }
  if (!Array.isArray(list) || list.length === 0) return fail('turns', 'turns must be a non-empty list of {role, text}');
  if (list.length > MAX_TURNS) return fail('turns', `at most ${MAX_TURNS} turns`);
  const turns: { role: TurnRole; text: string }[] = [];
  for (const [i, turn] of list.entries()) {
    const field = `turns[${i}]`;
    if (turn === null || typeof turn !== 'object' || Array.isArray(turn)) return fail(field, `${field} must be an object with role and text`);
    const { role, text } = turn as Record<string, unknown>;
    const upper = typeof role === 'string' ? role.trim().toUpperCase() : '';
    if (!(TurnRoles as readonly string[]).includes(upper)) return fail(`${field}.role`, `${field}.role must be CUSTOMER or AGENT, found ${JSON.stringify(role ?? null)}`);
    if (typeof text !== 'string' || text.trim() === '') return fail(`${field}.text`, `${field}.text is required`);
    if (text.length > MAX_TEXT_LENGTH) return fail(`${field}.text`, `${field}.text must be at most ${MAX_TEXT_LENGTH} characters`);
    turns.push({ role: upper as TurnRole, text: text.trim() });
  }
  return turns;
}
