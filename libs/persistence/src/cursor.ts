/** A position in a list ordered by (createdAt, id): the last item a page returned. */
export type CursorPosition = { createdAt: Date; id: string };

const CURSOR_VERSION = 1;
const MAX_CURSOR_LENGTH = 1024;
const MAX_ID_LENGTH = 256;

/** An opaque base64url token; clients must not build or parse it. */
export function encodeCursor({ createdAt, id }: CursorPosition): string {
  if (!(createdAt instanceof Date) || Number.isNaN(createdAt.getTime())) {
    throw new TypeError('encodeCursor: createdAt must be a valid Date');
  }
  return Buffer.from(JSON.stringify([CURSOR_VERSION, createdAt.toISOString(), id]), 'utf8').toString('base64url');
}

/** The position in a cursor from encodeCursor, or null for anything else; never throws. */
export function decodeCursor(cursor: unknown): CursorPosition | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH) return null;
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let decoded: unknown;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    // Buffer decoding forgives stray characters; insist on the exact encoding we produce.
    if (bytes.toString('base64url') !== cursor) return null;
    decoded = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 3) return null;
  const [version, iso, id] = decoded as unknown[];
  if (version !== CURSOR_VERSION || typeof iso !== 'string' || typeof id !== 'string') return null;
  if (id.length === 0 || id.length > MAX_ID_LENGTH) return null;
  const createdAt = new Date(iso);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return null;
  return { createdAt, id };
}

/** A cursor for lists kept in insertion order (`position`, then id). */
export function encodePositionCursor(position: number, id: string): string {
  return Buffer.from(JSON.stringify([CURSOR_VERSION, position, id]), 'utf8').toString('base64url');
}

export function decodePositionCursor(cursor: unknown): { position: number; id: string } | null {
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const bytes = Buffer.from(cursor, 'base64url');
    if (bytes.toString('base64url') !== cursor) return null;
    const decoded: unknown = JSON.parse(bytes.toString('utf8'));
    if (!Array.isArray(decoded) || decoded.length !== 3) return null;
    const [version, position, id] = decoded as unknown[];
    if (version !== CURSOR_VERSION || !Number.isInteger(position) || typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) return null;
    return { position: position as number, id };
  } catch {
    return null;
  }
}
