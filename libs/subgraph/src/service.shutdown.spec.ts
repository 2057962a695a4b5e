/**
 * A service process stopping on SIGTERM, without the signal: a step in progress finishes and
 * its outbox message still reaches the bus, and everything the process logs on the way is one
 * JSON object per line with the service's name.
 */
import 'reflect-metadata';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import type { PGlite } from '@electric-sql/pglite';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { InProcessBus, MessageHeaders, type MessageBus } from '@sim/bus';
import { createLogger, inSpan, recordSpans, runShutdownSteps, type SpanRecorder } from '@sim/observability';
import { enqueueOutbox, messagingTablesSql, openPGlite, type Database, type OutboxRelay } from '@sim/persistence';
import { startService, type RunningService, type ServiceDefinition } from './service';
import { serviceShutdownSteps } from './service.main';
import { DATABASE, MESSAGE_BUS, OUTBOX_RELAY } from './tokens';

const SCHEMA = 'probe';

class CreateMessaging1700000000000 implements MigrationInterface {
  name = 'CreateMessaging1700000000000';
  async up(runner: QueryRunner) {
    for (const sql of messagingTablesSql(SCHEMA)) await runner.query(sql);
  }
  async down() {}
}

/** A step that takes a while and announces its result through the outbox. */
const step = { started: false, finished: false, release: () => undefined as void };

@Injectable()
class SlowStepConsumer implements OnApplicationBootstrap {
  constructor(
    @Inject(MESSAGE_BUS) private readonly bus: MessageBus,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async onApplicationBootstrap() {
    await this.bus.subscribe({
      groupId: 'probe.steps',
      topics: ['probe.step'],
      fromBeginning: true,
      handler: async () => {
        step.started = true;
        await new Promise<void>((resolve) => (step.release = resolve));
        await this.db.withSystem((m) => enqueueOutbox(m, { tenantId: 'acme', topic: 'probe.done', key: 'case-1', value: new Uint8Array([1]) }));
        this.relay.kick();
        step.finished = true;
      },
    });
  }
}

@Module({ providers: [SlowStepConsumer] })
class ProbeModule {}

const probe: ServiceDefinition = {
  name: 'probe',
  schema: SCHEMA,
  defaultPort: 0,
  entities: [],
  migrations: [CreateMessaging1700000000000],
  topics: [{ name: 'probe.step', partitions: 1 }, { name: 'probe.done', partitions: 1 }],
  module: ProbeModule,
};

describe('a service stopping gracefully', () => {
  let pglite: PGlite;
  let bus: InProcessBus;
  let service: RunningService;
  let spans: SpanRecorder;
  const lines: string[] = [];
  const logger = createLogger({ service: 'probe', level: 'log', format: 'json', write: (line) => lines.push(line) });

  beforeAll(async () => {
    spans = recordSpans('probe');
    pglite = await openPGlite();
    bus = new InProcessBus();
    service = await startService(probe, { database: { kind: 'pglite', instance: pglite }, bus, port: 0, internalSecret: 'secret', logger });
  });
  afterAll(async () => {
    await service?.close();
    await bus?.close();
    await pglite?.close();
    await spans?.stop();
  });

  it('is ready while its database and bus answer, and names the bus when it cannot carry messages', async () => {
    const ready = await fetch(`http://127.0.0.1:${service.port}/health`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ok', database: 'ok', bus: 'in-process' });

    jest.spyOn(bus, 'checkHealth').mockRejectedValueOnce(new Error('no Kafka broker answered within 3000 ms'));
    const notReady = await fetch(`http://127.0.0.1:${service.port}/health`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'unavailable', bus: 'no Kafka broker answered within 3000 ms' });
  });

  it('serves Prometheus metrics next to the health check', async () => {
    const response = await fetch(`http://127.0.0.1:${service.port}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('# TYPE sim_bus_messages_total counter');
  });

  it('lets the step in progress finish, relays what it wrote, then closes, logging JSON all the way', async () => {
    const traceId = await inSpan('start run', {}, async (span) => {
      await bus.publish('probe.step', [{ key: 'case-1', value: new Uint8Array([0]), headers: { [MessageHeaders.tenantId]: 'acme' } }]);
      return span.spanContext().traceId;
    });
    const deadline = Date.now() + 10_000;
    while (!step.started && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(step.started).toBe(true);

    // SIGTERM arrives mid-step; the step needs another 300 ms.
    const stopping = runShutdownSteps(serviceShutdownSteps({ service, bus, logger, timeoutMs: 10_000 }), logger);
    setTimeout(() => step.release(), 300);
    expect(await stopping).toBe(true);

    expect(step.finished).toBe(true);
    // What the step wrote reached the bus: the outbox was flushed before the bus closed.
    expect(bus.retainedMessages('probe.done')).toBe(1);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry).toMatchObject({ service: 'probe', time: expect.any(String), level: expect.any(String), msg: expect.any(String) });
    // Nest's own lines go through the same logger, with their context.
    expect(entries).toContainEqual(expect.objectContaining({ level: 'info', context: 'NestApplication', msg: 'Nest application successfully started' }));
    expect(spans.spans().find((s) => s.name === 'probe.step process')?.spanContext().traceId).toBe(traceId);
  });
});
