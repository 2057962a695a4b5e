/**
 * Opaque pagination cursors (base64url JSON with a kind and a version): clients pass back
 * what a page returned and must not build or parse one. A cursor of one list is refused by
 * another (a run cursor is not a case cursor).
 */

/** A position in the newest-first list of runs. */
export type RunCursor = { createdAt: Date; id: string };
/** A position in a run's cases, which are listed in the order the run was started with. */
export type CaseCursor = { position: number };

const VERSION = 1;
const MAX_LENGTH = 512;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function encode(parts: unknown[]): string {
  return Buffer.from(JSON.stringify([VERSION, ...parts]), 'utf8').toString('base64url');
}

/** The parts after the version and kind, or null when the token is not ours. */
function decode(cursor: unknown, kind: string): unknown[] | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_LENGTH) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let parsed: unknown;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.toString('base64url') !== cursor) return null;
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed[0] !== VERSION || parsed[1] !== kind) return null;
  return parsed.slice(2);
}

export function encodeRunCursor({ createdAt, id }: RunCursor): string {
  return encode(['run', createdAt.toISOString(), id]);
}

export function decodeRunCursor(cursor: unknown): RunCursor | null {
  const parts = decode(cursor, 'run');
  if (!parts || parts.length !== 2) return null;
  const [iso, id] = parts;
  if (typeof iso !== 'string' || typeof id !== 'string' || !UUID.test(id)) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id };
}

export function encodeCaseCursor({ position }: CaseCursor): string {
  return encode(['case', position]);
}

export function decodeCaseCursor(cursor: unknown): CaseCursor | null {
  const parts = decode(cursor, 'case');
  if (!parts || parts.length !== 1) return null;
  const [position] = parts;
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 0) return null;
  return { position };
}
