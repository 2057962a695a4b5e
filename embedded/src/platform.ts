import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InProcessBus } from '@sim/bus';
import { createGatewayServer, loadGatewayConfig, type GatewayServer } from '@sim/gateway';
import { createLogger } from '@sim/observability';
import { openPGliteThread, PGliteMaintenance, type PGliteThread } from '@sim/persistence';
import type { RunningService } from '@sim/subgraph';
import { startAllServices } from './start-services';
import { seedDemo } from './seed/seed-demo';

export interface EmbeddedPlatformOptions {
  /** Database directory; undefined keeps the database in memory (tests). */
  dataDir?: string;
  gatewayPort: number;
  seedDemo: boolean;
  env?: Record<string, string | undefined>;
}

export interface EmbeddedPlatform {
  gateway: GatewayServer;
  services: RunningService[];
  bus: InProcessBus;
  pglite: PGliteThread;
  maintenance: PGliteMaintenance;
  jwtSecret: string;
  seeded: string[];
  close(): Promise<void>;
}

/**
 * The whole platform in one process: five services on one embedded PostgreSQL (PGlite,
 * a schema each), the in-process bus, and the gateway in front. Subgraphs listen on free
 * loopback ports; only the gateway's port is public.
 */
export async function startEmbeddedPlatform(options: EmbeddedPlatformOptions): Promise<EmbeddedPlatform> {
  const env = options.env ?? process.env;
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const pglite = await openPGliteThread(options.dataDir ? join(options.dataDir, 'pglite') : undefined);
  const logger = createLogger({ service: 'embedded-database' });
  const maintenance = new PGliteMaintenance(pglite, { onError: (error) => logger.warn('maintenance failed', { error: String(error) }) });
  const bus = new InProcessBus();
  const probe = loadGatewayConfig({ ...env, GATEWAY_PORT: String(options.gatewayPort) });
  let services: RunningService[] = [];
  try {
    services = await startAllServices({ pglite, bus, internalSecret: probe.internalAuthSecret, portBase: 'ephemeral' });
    const url = (name: string) => services.find((s) => s.name === name)!.url;
    const config = loadGatewayConfig({
      ...env,
      GATEWAY_PORT: String(options.gatewayPort),
      TEST_CASES_URL: url('test-cases'),
      GENERATION_URL: url('generation'),
      ORCHESTRATOR_URL: url('orchestrator'),
      SIMULATION_URL: url('simulation'),
      EVALUATION_URL: url('evaluation'),
    });
    const gateway = await createGatewayServer({ config, supergraphSdl: readFileSync(config.supergraphPath, 'utf8'), bus });
    maintenance.start();
    const seeded = options.seedDemo ? (await seedDemo(gateway.url, config.jwtSecret)).created : [];
    let closed = false;
    return {
      gateway,
      services,
      bus,
      pglite,
      maintenance,
      jwtSecret: config.jwtSecret,
      seeded,
      async close() {
        if (closed) return;
        closed = true;
        await maintenance.stop();
        await gateway.close();
        for (const service of [...services].reverse()) await service.close();
        await bus.close();
        await pglite.close();
      },
    };
  } catch (error) {
    for (const service of services) await service.close().catch(() => undefined);
    await bus.close().catch(() => undefined);
    await maintenance.stop();
    await pglite.close().catch(() => undefined);
    throw error;
  }
}
