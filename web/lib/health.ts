/**
 * What `/api/health` answers, whatever shape the gateway's own `/health` has:
 * `ready` when the gateway answered 2xx, `not-ready` when it answered anything else,
 * `unreachable` when it did not answer in time. `gateway` is the gateway's JSON body, if any.
 */
export type PlatformStatus = 'ready' | 'not-ready' | 'unreachable';

export interface PlatformHealth {
  status: PlatformStatus;
  gateway?: unknown;
}

export function isPlatformHealth(value: unknown): value is PlatformHealth {
  if (typeof value !== 'object' || value === null) return false;
  const status = (value as { status?: unknown }).status;
  return status === 'ready' || status === 'not-ready' || status === 'unreachable';
}
