/**
 * The order a process stops in on SIGTERM (Kubernetes sends it, then SIGKILL after the pod's
 * grace period): each step runs after the previous one settled, a failing step is logged and
 * does not keep the later ones (closing the database, flushing spans) from running.
 */
import type { Logger } from '../logging/logger';

export interface ShutdownStep {
  name: string;
  run(): Promise<unknown>;
}

/** Runs the steps in order; true when every one succeeded. */
export async function runShutdownSteps(steps: ShutdownStep[], logger: Logger): Promise<boolean> {
  let ok = true;
  for (const step of steps) {
    const started = Date.now();
    try {
      await step.run();
      logger.debug(`shutdown: ${step.name} done`, { ms: Date.now() - started });
    } catch (error) {
      ok = false;
      logger.error(`shutdown: ${step.name} failed`, { error });
    }
  }
  return ok;
}

export interface SignalOptions {
  logger: Logger;
  /** After this long the process exits with 1 even if a step hangs. */
  hardDeadlineMs: number;
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

/**
 * Runs `stop` once, on the first of the signals, then exits 0 (or 1 if a step failed). A
 * second signal while stopping is ignored: the hard deadline bounds the wait.
 */
export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<boolean>, options: SignalOptions): void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    options.logger.info('shutting down', { signal });
    const deadline = setTimeout(() => {
      options.logger.error('shutdown did not finish in time; exiting', { ms: options.hardDeadlineMs });
      exit(1);
    }, options.hardDeadlineMs);
    deadline.unref();
    stop(signal).then(
      (ok) => {
        clearTimeout(deadline);
        options.logger.info(ok ? 'stopped' : 'stopped with errors');
        exit(ok ? 0 : 1);
      },
      (error: unknown) => {
        clearTimeout(deadline);
        options.logger.error('shutdown failed', { error });
        exit(1);
      },
    );
  };
  for (const signal of options.signals ?? ['SIGTERM', 'SIGINT']) process.on(signal, onSignal);
}
