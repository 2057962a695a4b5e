/**
 * Who a piece of work is for, carried along async calls so every log line written while
 * handling a message or a request names its tenant, run and run case without each call site
 * passing them. Trace and span ids come from the active OpenTelemetry span instead.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface LogContext {
  tenantId?: string;
  runId?: string;
  runCaseId?: string;
}

const storage = new AsyncLocalStorage<LogContext>();

/**
 * Off until a process asks for it (service processes and the gateway, with their tracing).
 * On Node 20 the first AsyncLocalStorage.run() turns on promise hooks for the whole process,
 * a cost on every promise: `npm run bench` measured the embedded default 25-35% slower with
 * it (PGlite awaits a great many). The embedded default logs for a person at a terminal and
 * does without the ids.
 */
let enabled = false;

export function enableLogContext(): void {
  enabled = true;
}

/** Runs `work` with these fields added to the current context (inner values win). */
export function withLogContext<T>(fields: LogContext, work: () => T): T {
  if (!enabled) return work();
  return storage.run({ ...storage.getStore(), ...defined(fields) }, work);
}

/**
 * Adds fields to the context of the work in progress, e.g. the run case once a message is
 * decoded. Visible to everything this work does from now on, not to its caller.
 */
export function annotateLogContext(fields: LogContext): void {
  const store = storage.getStore();
  if (store) Object.assign(store, defined(fields));
}

export function currentLogContext(): LogContext {
  return storage.getStore() ?? {};
}

function defined(fields: LogContext): LogContext {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => typeof value === 'string' && value !== '')) as LogContext;
}
