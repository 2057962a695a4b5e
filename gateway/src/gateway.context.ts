import { randomUUID } from 'node:crypto';
import type { Principal } from '@sim/auth';

/** What every operation executes with, over HTTP or graphql-ws. */
export interface GatewayContext {
  principal: Principal;
  /** Sent to subgraphs as `x-request-id`, so one request can be followed through the logs. */
  requestId: string;
}

const REQUEST_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Keeps a caller's request id when it is safe to log and forward, else makes one. */
export function requestIdFrom(given: unknown): string {
  return typeof given === 'string' && REQUEST_ID_PATTERN.test(given) ? given : randomUUID();
}

export interface GatewayLogger {
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

/** One JSON line per entry on stdout/stderr. */
export const jsonLogger: GatewayLogger = {
  info: (message, meta) => console.log(JSON.stringify({ level: 'info', service: 'gateway', message, ...meta })),
  warn: (message, meta) => console.warn(JSON.stringify({ level: 'warn', service: 'gateway', message, ...meta })),
  error: (message, meta) => console.error(JSON.stringify({ level: 'error', service: 'gateway', message, ...meta })),
};

export function errorMeta(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, errorName: error.name } : { error: String(error) };
}
