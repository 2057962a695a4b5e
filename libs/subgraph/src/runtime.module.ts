import { Controller, Get, Global, HttpException, Inject, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
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
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Ready when the service can reach its database (probes and the gateway's /health use it). */
  @Get('health')
  async health() {
    try {
      await this.db.withSystem((m) => m.query('SELECT 1'));
      return { status: 'ok' };
    } catch (error) {
      throw new HttpException({ status: 'unavailable', reason: (error as Error).message }, 503);
    }
  }
}

/** Hands a service what its host gave it: the database, the bus and the outbox relay. */
@Global()
@Module({})
export class RuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [HealthController],
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
