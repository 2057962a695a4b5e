import { createLogger, type LogFormat, type LogLevel } from './logger';
import { annotateLogContext, enableLogContext, withLogContext } from './log-context';

beforeAll(() => enableLogContext());
import { inSpan } from '../tracing/spans';
import { recordSpans, type SpanRecorder } from '../tracing/span-recorder';

function capture(level: LogLevel = 'log', format: LogFormat = 'json') {
  const lines: string[] = [];
  const logger = createLogger({ service: 'simulation', level, format, write: (line) => lines.push(line), now: () => new Date('2025-01-02T03:04:05.678Z') });
  return { logger, lines, entries: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  let recorder: SpanRecorder;
  beforeAll(() => {
    recorder = recordSpans();
  });
  afterAll(() => recorder.stop());

  it('writes one JSON object per line with time, level, service and message', () => {
    const { logger, lines, entries } = capture();
    logger.info('ready', { url: 'http://127.0.0.1:4104/graphql' });
    logger.warn('slow agent');
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toContain('\n');
    expect(entries()).toEqual([
      { time: '2025-01-02T03:04:05.678Z', level: 'info', service: 'simulation', msg: 'ready', url: 'http://127.0.0.1:4104/graphql' },
      { time: '2025-01-02T03:04:05.678Z', level: 'warn', service: 'simulation', msg: 'slow agent' },
    ]);
  });

  it('names the tenant, run and run case of the work in progress, and its trace and span', async () => {
    const { logger, entries } = capture();
    let ids: { traceId: string; spanId: string } | undefined;
    await withLogContext({ tenantId: 'acme' }, () =>
      inSpan('simulation.step process', {}, async (span) => {
        ids = { traceId: span.spanContext().traceId, spanId: span.spanContext().spanId };
        annotateLogContext({ runId: 'run-1', runCaseId: 'case-7' });
        logger.info('step recorded');
      }),
    );
    logger.info('outside');
    const [inside, outside] = entries();
    expect(inside).toMatchObject({ tenantId: 'acme', runId: 'run-1', runCaseId: 'case-7', traceId: ids!.traceId, spanId: ids!.spanId });
    expect(outside).not.toHaveProperty('tenantId');
    expect(outside).not.toHaveProperty('traceId');
  });

  it('never writes a secret: secret-looking keys are masked at any depth, and so are secrets inside text', () => {
    const { logger, lines } = capture();
    logger.error('could not connect to postgres://sim:hunter2@db:5432/sim with Bearer eyJhbGciOi.payload.sig', {
      headers: { authorization: 'Bearer abc.def', 'x-api-key': 'sk-live-123' },
      config: { DATABASE_PASSWORD: 'hunter2', apiKey: 'sk-live-123', nested: [{ accessToken: 'tok-9' }] },
      promptTokens: 42,
      note: 'retrying with api_key=sk-live-123',
    });
    const line = lines[0];
    for (const secret of ['hunter2', 'sk-live-123', 'abc.def', 'eyJhbGciOi', 'tok-9']) expect(line).not.toContain(secret);
    const entry = JSON.parse(line);
    expect(entry.headers.authorization).toBe('[REDACTED]');
    expect(entry.config.nested[0].accessToken).toBe('[REDACTED]');
    // A count of tokens is not a token.
    expect(entry.promptTokens).toBe(42);
    expect(entry.msg).toContain('postgres://sim:[REDACTED]@db:5432/sim');
  });

  it('drops entries below the configured level', () => {
    const { logger, entries } = capture('warn');
    logger.debug('noise');
    logger.info('still noise');
    logger.warn('kept');
    logger.error('kept too');
    expect(entries().map((e) => e.level)).toEqual(['warn', 'error']);
    expect(logger.enabled('debug')).toBe(false);
  });

  it('writes one readable line per entry in the pretty format', () => {
    const { logger, lines } = capture('log', 'pretty');
    withLogContext({ tenantId: 'acme' }, () => logger.child({ component: 'outbox' }).warn('publish failed', { attempt: 2 }));
    expect(lines).toEqual(['03:04:05.678 WARN  [simulation] publish failed  tenantId=acme component=outbox attempt=2']);
  });
});
