import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

/** What a failed request means for the retry loop. */
export interface FailureKind {
  retryable: boolean;
  /** A 429: the adaptive limiter backs off. */
  rateLimited: boolean;
  /** The caller aborted: stop at once, never retry. */
  aborted: boolean;
  /** For error messages: `HTTP 429`, `timeout`, `connection error`. */
  label: string;
  /** Server-requested wait in ms, when it said one. */
  retryAfterMs: number | null;
}

export function classifyFailure(error: unknown): FailureKind {
  const none = { rateLimited: false, aborted: false, retryAfterMs: null };
  if (error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError')) {
    return { ...none, retryable: false, aborted: true, label: 'aborted' };
  }
  // APIConnectionTimeoutError extends APIConnectionError: both are worth another attempt.
  if (error instanceof APIConnectionError) {
    const timeout = /timed? ?out/i.test(error.message);
    return { ...none, retryable: true, label: timeout ? 'timeout' : 'connection error' };
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    const status = error.status;
    const retryable = status === 429 || status === 408 || status === 409 || status >= 500;
    return {
      ...none,
      retryable,
      rateLimited: status === 429,
      label: `HTTP ${status}`,
      retryAfterMs: retryable ? retryAfterFromHeaders(error.headers) : null,
    };
  }
  return { ...none, retryable: false, label: error instanceof Error ? error.message : String(error) };
}

/**
 * The wait a server asked for: `retry-after-ms` (OpenAI, Azure) wins over `Retry-After`,
 * which is either delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 */
export function retryAfterFromHeaders(headers: Headers | undefined, now = Date.now()): number | null {
  if (!headers) return null;
  const ms = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const raw = headers.get('retry-after');
  if (raw === null || raw.trim() === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(raw);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Exponential backoff with full jitter, so many clients retrying together spread out. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal as AbortSignal));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function abortReason(signal: AbortSignal): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const error = new Error('the call was aborted');
  error.name = 'AbortError';
  return error;
}
