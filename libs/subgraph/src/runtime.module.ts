import { Controller, Get, Global, HttpException, Inject, Module, Res, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Response } from 'express';
import { renderMetrics } from '@sim/observability';
import type { MessageBus } from '@sim/bus';
import type { Database, OutboxRelay } from '@sim/persistence';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from './tokens';
import { DomainErrorFilter } from './domain-error.filter';

export interface ServiceRuntime {
  name: string;
  db: Database;
  bus: MessageBus;
  relay: OutboxRelay;
}

@Controller()
class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
  ) {}

  /**
   * Ready when the service can reach its database and its bus: a replica that cannot do
   * either would take requests or partitions it cannot serve. Readiness probes and the
   * gateway's /health use it; each failing dependency is named with its reason.
   */
  @Get('health')
  async health() {
    const [database, bus] = await Promise.allSettled([this.db.withSystem((m) => m.query('SELECT 1')), this.bus.checkHealth(3_000)]);
    const problems: Record<string, string> = {};
    if (database.status === 'rejected') problems.database = (database.reason as Error).message;
    if (bus.status === 'rejected') problems.bus = (bus.reason as Error).message;
    if (Object.keys(problems).length > 0) {
      throw new HttpException({ status: 'unavailable', reason: Object.entries(problems).map(([k, v]) => `${k}: ${v}`).join('; '), ...problems }, 503);
    }
    return { status: 'ok', database: 'ok', bus: this.bus.kind };
  }
}

@Controller()
class MetricsController {
  /** Prometheus scrapes this (the process's registry: in the embedded default, every service's). */
  @Get('metrics')
  async metrics(@Res() res: Response): Promise<void> {
    const { contentType, body } = await renderMetrics();
    res.setHeader('content-type', contentType);
    res.send(body);
  }
}

/** Hands a service what its host gave it: the database, the bus and the outbox relay. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: DATABASE, useValue: runtime.db },
        { provide: MESSAGE_BUS, useValue: runtime.bus },
        { provide: OUTBOX_RELAY, useValue: runtime.relay },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
      ],
      exports: [DATABASE, MESSAGE_BUS, OUTBOX_RELAY],
    };
  }
}
