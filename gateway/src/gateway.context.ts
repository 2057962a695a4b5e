import { randomUUID } from 'node:crypto';
import type { Principal } from '@sim/auth';
import { createLogger } from '@sim/observability';

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

/**
 * One JSON line per entry (time, level, service, msg, trace ids), secrets masked; the gateway
 * process makes its own from LOG_LEVEL and LOG_FORMAT, this is the default of an embedded one.
 */
export const jsonLogger: GatewayLogger = createLogger({ service: 'gateway' });

export function errorMeta(error: unknown): Record<string, unknown> {
  return error instanceof Error ? { error: error.message, errorName: error.name } : { error: String(error) };
}
