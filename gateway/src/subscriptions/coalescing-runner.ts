/**
 * Runs `task` when triggered, never twice at once: triggers that arrive while it runs
 * collapse into one more run after it. A burst of N events costs at most two runs, and the
 * last run always starts after the last event, so the final state is never missed.
 */
export interface CoalescingRunner {
  trigger(): void;
  /** No new runs start; a run in progress finishes. */
  stop(): void;
  /** Resolves when no run is in progress (for tests and shutdown). */
  idle(): Promise<void>;
}

export function createCoalescingRunner(task: () => Promise<void>, onError: (error: unknown) => void): CoalescingRunner {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const loop = async () => {
    do {
      again = false;
      try {
        await task();
      } catch (error) {
        onError(error);
      }
    } while (again && !stopped);
    running = null;
  };

  return {
    trigger() {
      if (stopped) return;
      if (running) again = true;
      else running = loop();
    },
    stop() {
      stopped = true;
    },
    async idle() {
      while (running) await running;
    },
  };
}
