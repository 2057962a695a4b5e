import { DEFAULT_GATEWAY_URL } from '../lib/gateway';
import { buildWeb, isWebBuildFresh, startWeb, WEB_DIR } from './index';

/**
 * Runs the web app as its own process (distributed mode):
 *   WEB_PORT (default 3000), WEB_HOST (default 127.0.0.1), GATEWAY_URL (default http://127.0.0.1:4000)
 * Builds first when the build is missing or older than its sources.
 */
async function main(): Promise<void> {
  const port = readPort('WEB_PORT', 3000);
  const host = process.env.WEB_HOST || undefined;
  const gatewayUrl = process.env.GATEWAY_URL || DEFAULT_GATEWAY_URL;

  if (!isWebBuildFresh(WEB_DIR)) {
    console.log('web: the build is missing or older than its sources; running next build');
    await buildWeb(WEB_DIR);
  }
  const web = await startWeb({ port, host, gatewayUrl });
  console.log(`web: serving ${web.url} (gateway ${gatewayUrl})`);

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      web.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error('web: shutdown failed', error);
          process.exit(1);
        },
      );
    });
  }
}

function readPort(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${variable} must be a port number (0-65535), got "${raw}"`);
  }
  return port;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
