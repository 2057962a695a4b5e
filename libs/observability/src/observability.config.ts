import { float, int, oneOf, optionalUrl } from '@sim/config';
import { LOG_FORMATS, LOG_LEVELS } from './logging/logger';

/**
 * The variables every process that runs on its own reads for logs, traces and shutdown (each
 * service and the gateway spread these into their own definition, so the README and the Helm
 * chart list the same names for both).
 */
export const observabilityConfigDefinition = {
  logLevel: oneOf('LOG_LEVEL', LOG_LEVELS, { description: 'Least severe level logged.', default: 'log' }),
  logFormat: oneOf('LOG_FORMAT', LOG_FORMATS, {
    description: '`json`: one JSON object per line (time, level, service, msg, tenant/run/trace ids) for a log collector; `pretty`: one readable line per entry.',
    default: 'json',
  }),
  otlpEndpoint: optionalUrl('OTEL_EXPORTER_OTLP_ENDPOINT', {
    description: 'Base URL of an OpenTelemetry collector (OTLP over HTTP; spans go to `<url>/v1/traces`). Unset: spans are still created and propagated, never exported.',
  }),
  traceSampleRatio: float('OTEL_TRACES_SAMPLE_RATIO', {
    description: 'Share of new traces recorded (0 to 1); a trace started upstream keeps its upstream decision.',
    default: 1,
    min: 0,
    max: 1,
  }),
  shutdownTimeoutMs: int('SHUTDOWN_TIMEOUT_MS', {
    description: 'On SIGTERM, how long in-flight steps may run to their end before they are handed back (uncommitted, to another worker).',
    default: 25_000,
    min: 0,
  }),
};
