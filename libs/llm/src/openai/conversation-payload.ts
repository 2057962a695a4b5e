import type { CaseSpec, TranscriptTurn } from '../types';

/**
 * Role prompts carry the case and transcript as one JSON block between these tags: models
 * read it well, and the fake server in `@sim/llm/testing` can parse it to answer in role.
 */
export const PAYLOAD_OPEN = '<conversation>';
export const PAYLOAD_CLOSE = '</conversation>';

export interface ConversationPayload {
  testCase: CaseSpec;
  transcript: { turn: number; role: TranscriptTurn['role']; text: string }[];
  maxTurns?: number;
  endedBy?: string;
}

export function renderPayload(testCase: CaseSpec, transcript: TranscriptTurn[], extra: { maxTurns?: number; endedBy?: string }): string {
  const payload: ConversationPayload = {
    testCase,
    transcript: transcript.map((t) => ({ turn: t.index + 1, role: t.role, text: t.text })),
    ...extra,
  };
  return `${PAYLOAD_OPEN}\n${JSON.stringify(payload, null, 2)}\n${PAYLOAD_CLOSE}`;
}

/** The payload of a role prompt, or null when the text has none. */
export function parsePayload(text: string): ConversationPayload | null {
  const start = text.indexOf(PAYLOAD_OPEN);
  const end = text.indexOf(PAYLOAD_CLOSE, start);
  if (start < 0 || end < 0) return null;
  try {
    return JSON.parse(text.slice(start + PAYLOAD_OPEN.length, end)) as ConversationPayload;
  } catch {
    return null;
  }
}

/** Turns of a parsed payload back as transcript turns. */
export function payloadTranscript(payload: ConversationPayload): TranscriptTurn[] {
  return payload.transcript.map((t) => ({ index: t.turn - 1, role: t.role, text: t.text }));
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', de: 'German', fr: 'French', es: 'Spanish', nl: 'Dutch', it: 'Italian', pt: 'Portuguese' };

export function languageName(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0];
  return `${LANGUAGE_NAMES[primary] ?? tag} (${tag})`;
}
