import type { LoggerService } from '@nestjs/common';
import type { LogFields, Logger } from '@sim/observability';

type Level = 'error' | 'warn' | 'info' | 'debug';

/**
 * NestJS's logger calls (its own and every `new Logger(Context)` in a service) written by the
 * platform's logger, so a service process logs one JSON object per line, with the context
 * class as a field and the stack of an error kept apart from its message.
 */
export class NestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    const fields: LogFields = {};
    // Nest passes the context (the class name) last, and an error's stack before it.
    if (rest.length > 0 && typeof rest[rest.length - 1] === 'string') fields.context = rest.pop();
    if (level === 'error' && typeof rest[0] === 'string' && /\n\s+at /.test(rest[0])) fields.stack = rest.shift();
    if (rest.length > 0) fields.details = rest;
    let text: string;
    if (message instanceof Error) {
      text = message.message;
      fields.error = message;
    } else if (typeof message === 'string') {
      text = message;
    } else {
      text = 'details';
      fields.details = message;
    }
    this.logger[level](text, fields);
  }
}
