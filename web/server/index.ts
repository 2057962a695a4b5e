import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type createNextServer from 'next';
import { isGatewayPath, proxyHttp, proxyUpgrade } from './gateway-proxy';

export { webConfigDefinition, loadWebConfig, type WebConfig } from './web.config';

export interface StartWebOptions {
  port: number;
  /** Defaults to 127.0.0.1; pass 0.0.0.0 to serve other machines. */
  host?: string;
  /** The Next.js project directory (web/); defaults to this project. */
  dir?: string;
  /** Base URL of the GraphQL gateway, e.g. http://127.0.0.1:4000. */
  gatewayUrl: string;
}

export interface RunningWeb {
  url: string;
  close(): Promise<void>;
}

/** web/, the directory holding next.config.ts and, once built, .next/. */
export const WEB_DIR = path.resolve(__dirname, '..');

/** What the app is built from: a change to any of these makes the build stale. */
const SOURCE_DIRS = ['app', 'components', 'lib', 'gql'];

/** Where `next build` writes, relative to web/ (next.config.ts reads the same variable). */
function distDirName(): string {
  return process.env.NEXT_DIST_DIR || '.next';
}

/**
 * Serves the production build of the web app from this process, so the embedded,
 * one-process platform can mount it next to the gateway. Requires a build (`buildWeb`).
 */
export async function startWeb(options: StartWebOptions): Promise<RunningWeb> {
  const dir = options.dir ?? WEB_DIR;
  const host = options.host ?? '127.0.0.1';
  if (!isBuildComplete(dir)) {
    throw new Error(`web: no complete production build in ${path.join(dir, distDirName())}; run \`npx nx build web\` first`);
  }
  // The health route handler reads GATEWAY_URL per request (see web/lib/gateway.ts).
  process.env.GATEWAY_URL = options.gatewayUrl;

  // Loaded lazily: requiring next installs a process-wide module-resolution hook. At run
  // time `default` is next's CommonJS export, the factory; TypeScript's node16 typing of a
  // dynamic import from CommonJS nests it one level deeper, hence the cast.
  const next = (await import('next')).default as unknown as typeof createNextServer;
  // Listen first so that `port: 0` works: Next.js is told the port actually bound.
  // Until Next.js is ready, requests get a 503 instead of hanging.
  const server = createServer(unavailable);
  const port = await listen(server, options.port, host);
  const app = next({ dev: false, dir, hostname: host, port, httpServer: server });
  try {
    await app.prepare();
  } catch (error) {
    await closeServer(server);
    throw error;
  }
  const handle = app.getRequestHandler();
  const gatewayBase = new URL(options.gatewayUrl);
  server.off('request', unavailable);
  // The gateway's WebSocket path is ours to forward; Next.js needs no upgrades in production.
  server.on('upgrade', (req, socket, head) => {
    if (isGatewayPath(req.url)) proxyUpgrade(gatewayBase, req, socket, head);
    else socket.destroy();
  });
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (isGatewayPath(req.url)) return proxyHttp(gatewayBase, req, res);
    handle(req, res).catch((error: unknown) => {
      console.error('web: request failed', error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });

  return {
    url: `http://${reachableHost(host)}:${port}`,
    async close() {
      await Promise.all([closeServer(server), app.close()]);
    },
  };
}

/** True when a complete build exists and no source file changed after it. */
export function isWebBuildFresh(dir: string = WEB_DIR): boolean {
  if (!isBuildComplete(dir)) return false;
  const builtAt = statSync(path.join(dir, distDirName(), 'BUILD_ID')).mtimeMs;
  const configs = readdirSync(dir).filter((name) => name.startsWith('next.config.'));
  const sources = [...SOURCE_DIRS, ...configs].map((name) => path.join(dir, name));
  return sources.every((source) => newestChange(source) <= builtAt);
}

/** Runs `next build` on `dir` with the workspace's own Next.js, output to this terminal. */
export function buildWeb(dir: string = WEB_DIR): Promise<void> {
  const nextBin = require.resolve('next/dist/bin/next', { paths: [dir] });
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, 'build', dir], {
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`web: next build ${dir} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/**
 * BUILD_ID is written before pages are prerendered, the prerender manifest at the end:
 * both must exist or the last build stopped halfway.
 */
function isBuildComplete(dir: string): boolean {
  const distDir = path.join(dir, distDirName());
  return existsSync(path.join(distDir, 'BUILD_ID')) && existsSync(path.join(distDir, 'prerender-manifest.json'));
}

/** Latest modification time of a file or anything under a directory; 0 when missing. */
function newestChange(target: string): number {
  if (!existsSync(target)) return 0;
  const stats = statSync(target);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestChange(path.join(target, name))),
    stats.mtimeMs,
  );
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function closeServer(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Keep-alive browser connections would otherwise hold close() open.
    server.closeAllConnections();
  });
}

function unavailable(_req: IncomingMessage, res: ServerResponse): void {
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '1' });
  res.end('The web app is starting.\n');
}

/** A wildcard bind address is not something a browser can open. */
function reachableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}
