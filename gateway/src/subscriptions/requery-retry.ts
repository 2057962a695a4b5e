import type { FormattedExecutionResult } from 'graphql';

/** Codes that say the answer is final for this subscriber: retrying cannot change them. */
const FINAL_CODES = new Set(['NOT_FOUND', 'FORBIDDEN', 'UNAUTHENTICATED', 'BAD_USER_INPUT', 'LIMIT_EXCEEDED', 'QUERY_TOO_DEEP', 'QUERY_TOO_COSTLY']);

/** A re-query that failed for a passing reason (a subgraph restarting, a reset connection), with nothing to show. */
export function isTransientFailure(result: FormattedExecutionResult): boolean {
  if (!result.errors?.length) return false;
  // The pushed object sits under the subscriber's response key; anything there is worth pushing.
  if (Object.values(result.data ?? {}).some((value) => value != null)) return false;
  return result.errors.every((error) => !FINAL_CODES.has(String(error.extensions?.['code'] ?? '')));
}

/**
 * Runs a subscription's re-query, and runs it again after short pauses while it fails for a
 * passing reason: the event that woke it may be the run's last, so dropping it would leave
 * the subscriber on a stale state. The last result is returned whatever it is.
 */
export async function requeryWithRetry(
  execute: () => Promise<FormattedExecutionResult>,
  delaysMs: readonly number[] = [100, 300, 1000],
  stopped: () => boolean = () => false,
): Promise<FormattedExecutionResult> {
  let result = await execute();
  for (const delay of delaysMs) {
    if (!isTransientFailure(result) || stopped()) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    result = await execute();
  }
  return result;
}
