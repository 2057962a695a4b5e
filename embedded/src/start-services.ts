import type { EmbeddedPostgres } from '@sim/persistence';
import type { MessageBus } from '@sim/bus';
import type { RunningService } from '@sim/subgraph';
import { loadAllServices, startScopedService } from './services';

export interface StartAllOptions {
  pglite: EmbeddedPostgres;
  bus: MessageBus;
  internalSecret: string;
  /** 0 picks free ports (tests, schema generation); otherwise each service's default port. */
  portBase?: 'default' | 'ephemeral';
}

/** All five services in this process, on one embedded database, one schema each. */
export async function startAllServices(options: StartAllOptions): Promise<RunningService[]> {
  const started: RunningService[] = [];
  try {
    // One after another: they share PGlite, and parallel migrations would only queue anyway.
    for (const definition of await loadAllServices()) {
      started.push(
        await startScopedService(definition, {
          database: { kind: 'pglite', instance: options.pglite },
          bus: options.bus,
          port: options.portBase === 'ephemeral' ? 0 : definition.defaultPort,
          internalSecret: options.internalSecret,
        }),
      );
    }
    return started;
  } catch (error) {
    await Promise.allSettled(started.map((s) => s.close()));
    throw error;
  }
}
