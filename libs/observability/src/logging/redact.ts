/**
 * Keeps secrets out of log lines: values under secret-looking keys are replaced, and the
 * secrets that hide inside free text (a password in a connection URL, a bearer token, an
 * API key in a query string) are masked wherever they appear.
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are never logged, compared without case or separators (`api_key` = `apiKey`). */
const SECRET_KEY = /authorization|passw(or)?d|secret|apikey|cookie|credential|privatekey|token$/;

const TEXT_SECRETS: Array<[RegExp, string]> = [
  // scheme://user:password@host
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)[^\s@/]+@/gi, `$1${REDACTED}@`],
  // Authorization: Bearer <token> / Basic <credentials>
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]+=*/g, `$1 ${REDACTED}`],
  // key=value or "key": "value" pairs with a secret-looking key
  [/\b((?:api[-_]?key|access[-_]?token|refresh[-_]?token|token|password|secret)["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1${REDACTED}`],
];

export function redactText(text: string): string {
  return TEXT_SECRETS.reduce((masked, [pattern, replacement]) => masked.replace(pattern, replacement), text);
}

/** `accessToken`, `x-api-key`, `DB_PASSWORD` are secret; `promptTokens` (a count) is not. */
export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[-_.\s]/g, ''));
}

/** A copy of `value` safe to log: secret keys masked at any depth, strings scrubbed, cycles cut. */
export function redact(value: unknown, seen = new WeakSet<object>(), depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (seen.has(value) || depth > 8) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, seen, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && item !== undefined && item !== null && item !== '' ? REDACTED : redact(item, seen, depth + 1);
  }
  return copy;
}
