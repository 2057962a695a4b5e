/**
 * The platform's logger: one JSON object per line for a log collector, or one readable line
 * per entry on a developer's terminal. Every entry carries the service, the tenant / run /
 * run case of the work in progress (log-context.ts) and the active trace and span ids, so a
 * line found in the logs leads to its trace and back. Secrets are masked (redact.ts).
 */
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { currentLogContext } from './log-context';
import { redact, redactText } from './redact';

/** NestJS's level names, so one LOG_LEVEL means the same in a service and in the gateway. */
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  error(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  debug(msg: string, fields?: LogFields): void;
  /** Entries that test whether a level is on before building an expensive message. */
  enabled(level: LogLevel): boolean;
  /** The same logger with fields added to every entry (e.g. `{ component: 'outbox' }`). */
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  service: string;
  level?: LogLevel;
  format?: LogFormat;
  /** Where lines go; default stdout, and stderr for warnings and errors. */
  write?: (line: string, level: LogLevel) => void;
  now?: () => Date;
}

/** The level names written out: `log` is `info` to every log collector. */
const levelNames: Record<LogLevel, string> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug' };

export function createLogger(options: LoggerOptions): Logger {
  const threshold = LOG_LEVELS.indexOf(options.level ?? 'log');
  const format = options.format ?? 'json';
  const write = options.write ?? writeToConsole;
  const now = options.now ?? (() => new Date());

  const make = (bound: LogFields): Logger => {
    const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
      if (LOG_LEVELS.indexOf(level) > threshold) return;
      const entry = buildEntry(options.service, level, msg, { ...bound, ...fields }, now());
      write(format === 'json' ? JSON.stringify(entry) : prettyLine(entry), level);
    };
    return {
      error: (msg, fields) => emit('error', msg, fields),
      warn: (msg, fields) => emit('warn', msg, fields),
      info: (msg, fields) => emit('log', msg, fields),
      debug: (msg, fields) => emit('debug', msg, fields),
      enabled: (level) => LOG_LEVELS.indexOf(level) <= threshold,
      child: (fields) => make({ ...bound, ...fields }),
    };
  };
  return make({});
}

type Entry = Record<string, unknown> & { time: string; level: string; service: string; msg: string };

function buildEntry(service: string, level: LogLevel, msg: string, fields: LogFields, time: Date): Entry {
  const entry: Entry = { time: time.toISOString(), level: levelNames[level], service, msg: redactText(msg) };
  Object.assign(entry, currentLogContext());
  const span = trace.getActiveSpan()?.spanContext();
  if (span && isSpanContextValid(span)) {
    entry.traceId = span.traceId;
    entry.spanId = span.spanId;
  }
  const extra = redact(fields) as LogFields;
  for (const [key, value] of Object.entries(extra)) {
    // The envelope's own keys are not overwritten by a field of the same name.
    if (value !== undefined && !(key in entry)) entry[key] = value;
  }
  return entry;
}

function prettyLine(entry: Entry): string {
  const { time, level, service, msg, ...rest } = entry;
  const details = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} [${service}] ${msg}${details ? `  ${details}` : ''}`;
}

function writeToConsole(line: string, level: LogLevel): void {
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
}
