/**
 * kafkajs 2.2.4 keeps a 1 ms timer running on every broker connection, for as long as the
 * connection lives: each answered request schedules a check of the queue of waiting requests,
 * and with nothing waiting and no throttle the delay comes out negative, so the check runs
 * again at once and schedules itself again (kafkajs issues #1556 and #1704, not mended in a
 * release). A service holds several connections (a consumer per subscription, the producer,
 * the admin), so an idle service woke up about 1,500 times a second and used 5% of a core
 * doing nothing; under load the same timers compete with the handlers.
 *
 * The check is only needed while requests wait: for the end of a throttle, or for a free slot
 * when the in-flight limit is reached (an answer also triggers the check, so the timer is a
 * fallback there). This replaces the scheduling with one that keeps kafkajs's delays for
 * that case and schedules nothing when no request waits. push() schedules again when a
 * request has to wait.
 */
/** The RequestQueue fields the scheduling reads: kafkajs's own names. */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own retry delay for waiting requests that are not throttled. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

/** The version whose scheduling this replaces; another version must be read again before it is patched. */
export const PATCHED_KAFKAJS_VERSION = '2.2.4';

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.pending.length === 0 || this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

let applied = false;

/**
 * Replaces RequestQueue's scheduling, once per process, if the installed kafkajs is the version
 * this was written against. Returns whether the replacement is in place.
 */
export function stopIdleRequestQueueTimers(): boolean {
  if (applied) return true;
  // kafkajs declares no exports map, so its files load by path (through the caller's loader, so
  // that a test runner's module registry gets the same copy kafkajs itself uses).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== PATCHED_KAFKAJS_VERSION) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  applied = true;
  return true;
}
