import { trace } from '@opentelemetry/api';
import { annotateLogContext, type LogContext } from './logging/log-context';

/**
 * Names what the current message or request is about, once it is known (typically right after
 * decoding a message): the log lines that follow carry the ids, and so does the active span,
 * where a trace backend can search for them. Takes any decoded message and keeps only the
 * `tenantId`, `runId` and `runCaseId` it has.
 */
export function tagCurrentWork(message: object): void {
  const source = message as Record<string, unknown>;
  const fields: LogContext = {};
  for (const key of ['tenantId', 'runId', 'runCaseId'] as const) {
    if (typeof source[key] === 'string' && source[key] !== '') fields[key] = source[key] as string;
  }
  annotateLogContext(fields);
  const span = trace.getActiveSpan();
  if (fields.tenantId) span?.setAttribute('sim.tenant_id', fields.tenantId);
  if (fields.runId) span?.setAttribute('sim.run_id', fields.runId);
  if (fields.runCaseId) span?.setAttribute('sim.run_case_id', fields.runCaseId);
}
