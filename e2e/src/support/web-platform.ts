import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { startEmbeddedPlatform, type EmbeddedPlatform } from '@sim/embedded';
import { buildWeb, isWebBuildFresh } from '@sim/web';
import { freePorts } from './free-port';

const root = join(__dirname, '..', '..', '..');

export interface WebPlatform {
  platform: EmbeddedPlatform;
  /** The web app, e.g. http://127.0.0.1:41234 (it forwards /graphql and /auth to the gateway). */
  webUrl: string;
  close(): Promise<void>;
}

/**
 * The embedded default as a browser meets it: the platform (PGlite, in-process bus, offline
 * engine, demo seed) in this process, and the production build of the web app served by its
 * own process in front of the gateway. Builds the web app first when the build is stale.
 */
export async function startWebPlatform(): Promise<WebPlatform> {
  if (!isWebBuildFresh()) await buildWeb();
  const [webPort] = await freePorts(1);
  const webUrl = `http://127.0.0.1:${webPort}`;
  process.env.PUBLIC_WEB_URL = webUrl;
  delete process.env.LLM_BASE_URL;
  const platform = await startEmbeddedPlatform({ gatewayPort: 0, seedDemo: true, env: { ...process.env, GATEWAY_HOST: '127.0.0.1' } });
  let web: ChildProcess | null = null;
  try {
    web = await startWebProcess(webPort, `http://127.0.0.1:${platform.gateway.port}`);
  } catch (error) {
    await platform.close();
    throw error;
  }
  return {
    platform,
    webUrl,
    async close() {
      await stopProcess(web);
      await platform.close();
    },
  };
}

/** The web app as its own process (distributed mode) in front of the gateway at `gatewayUrl`. */
export async function startWebProcess(port: number, gatewayUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['tools/run.js', 'web/server/main.ts'], {
    cwd: root,
    env: { ...process.env, WEB_PORT: String(port), WEB_HOST: '127.0.0.1', GATEWAY_URL: gatewayUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 120_000;
  while (!output.includes('web: serving')) {
    if (child.exitCode !== null) throw new Error(`the web app exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the web app did not start in time:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return child;
}

export function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
