/**
 * Starts the platform in distributed mode on this machine: every service, the gateway and
 * (optionally) the web app as separate Node processes, on real PostgreSQL and real Kafka.
 * Used by `npm run distributed` and by the end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { KafkaBus } from '@sim/bus';
import { TopicSpecs } from '@sim/contracts';
import { serviceNames } from '../services';

const root = join(__dirname, '..', '..', '..');
/** Each process loads the TypeScript sources directly, as `tools/run.js` does. */
const runtimeFlags = () => ['--enable-source-maps', '-r', '@swc-node/register'];
const runtimeEnv = () => ({ SWC_NODE_PROJECT: join(root, 'tsconfig.json') });

export const SERVICE_NAMES = serviceNames;
const URL_VARIABLES: Record<(typeof SERVICE_NAMES)[number], string> = {
  'test-cases': 'TEST_CASES_URL',
  generation: 'GENERATION_URL',
  orchestrator: 'ORCHESTRATOR_URL',
  simulation: 'SIMULATION_URL',
  evaluation: 'EVALUATION_URL',
};

export interface DistributedStackOptions {
  databaseUrl: string;
  kafkaBrokers: string;
  gatewayPort: number;
  /** Services listen on servicePortBase + 1 … + 5, unless servicePorts names each port. */
  servicePortBase: number;
  servicePorts?: number[];
  webPort?: number;
  /** Where each process's output goes (one file per process). */
  logDir: string;
  env?: Record<string, string>;
}

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  port: number;
  logFile: string;
}

export interface DistributedStack {
  gatewayUrl: string;
  processes: ManagedProcess[];
  /** Restarts one process (e.g. after killing it in a test). */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function startDistributedStack(options: DistributedStackOptions): Promise<DistributedStack> {
  mkdirSync(options.logDir, { recursive: true });
  await createTopics(options.kafkaBrokers);
  const common = { ...process.env, ...options.env, DATABASE_URL: options.databaseUrl, KAFKA_BROKERS: options.kafkaBrokers };
  const specs = new Map<string, { entry: string; port: number; env: Record<string, string | undefined>; health: string }>();
  SERVICE_NAMES.forEach((name, i) => {
    const port = options.servicePorts?.[i] ?? options.servicePortBase + i + 1;
    specs.set(name, { entry: `services/${name}/src/main.ts`, port, env: { ...common, PORT: String(port), HOST: '127.0.0.1' }, health: `http://127.0.0.1:${port}/health` });
  });
  const urls = Object.fromEntries(SERVICE_NAMES.map((name) => [URL_VARIABLES[name], `http://127.0.0.1:${specs.get(name)!.port}/graphql`]));
  specs.set('gateway', {
    entry: 'gateway/src/main.ts',
    port: options.gatewayPort,
    env: { ...common, ...urls, GATEWAY_PORT: String(options.gatewayPort), GATEWAY_HOST: '127.0.0.1' },
    health: `http://127.0.0.1:${options.gatewayPort}/health`,
  });
  if (options.webPort) {
    specs.set('web', {
      entry: 'web/server/main.ts',
      port: options.webPort,
      env: { ...common, WEB_PORT: String(options.webPort), WEB_HOST: '127.0.0.1', GATEWAY_URL: `http://127.0.0.1:${options.gatewayPort}` },
      health: `http://127.0.0.1:${options.webPort}/`,
    });
  }

  const processes = new Map<string, ManagedProcess>();
  const launch = (name: string): ManagedProcess => {
    const spec = specs.get(name)!;
    const logFile = join(options.logDir, `${name}.log`);
    const log = createWriteStream(logFile, { flags: 'a' });
    const child = spawn(process.execPath, [...runtimeFlags(), join(root, spec.entry)], {
      cwd: root,
      env: { ...spec.env, ...runtimeEnv() } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const managed = { name, child, port: spec.port, logFile };
    processes.set(name, managed);
    return managed;
  };

  const close = async () => {
    await Promise.all([...processes.values()].map((p) => stopProcess(p.child)));
  };

  try {
    // Services boot in parallel (each migrates its own schema); the gateway needs them ready.
    const services = SERVICE_NAMES.map((name) => launch(name));
    await Promise.all(services.map((p) => waitForHealth(p, specs.get(p.name)!.health, 90_000)));
    const gateway = launch('gateway');
    await waitForHealth(gateway, specs.get('gateway')!.health, 60_000);
    if (options.webPort) {
      const web = launch('web');
      await waitForHealth(web, specs.get('web')!.health, 120_000);
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    gatewayUrl: `http://127.0.0.1:${options.gatewayPort}/graphql`,
    processes: [...processes.values()],
    async restart(name) {
      const existing = processes.get(name);
      if (existing) await stopProcess(existing.child);
      const managed = launch(name);
      await waitForHealth(managed, specs.get(name)!.health, 90_000);
    },
    close,
  };
}

/**
 * Creates every topic once, before the services start: services that boot together would
 * otherwise all create the same new topics at once, and a broker answers some of those
 * racing requests before the topic has a leader.
 */
async function createTopics(brokers: string): Promise<void> {
  const bus = new KafkaBus({ brokers: brokers.split(','), clientId: 'distributed-launcher' });
  try {
    await bus.ensureTopics(TopicSpecs);
  } finally {
    await bus.close();
  }
}

async function waitForHealth(process: ManagedProcess, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child.exitCode !== null) {
      throw new Error(`${process.name} exited with code ${process.child.exitCode} while starting; see ${process.logFile}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${process.name} was not healthy at ${url} within ${timeoutMs / 1000} s; see ${process.logFile}`);
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
