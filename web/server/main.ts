import { ConfigError } from '@sim/config';
import { buildWeb, isWebBuildFresh, startWeb, WEB_DIR } from './index';
import { loadWebConfig } from './web.config';

/**
 * Runs the web app as its own process (distributed mode, containers), configured by
 * `webConfigDefinition`. Builds first when the build is missing or older than its sources.
 */
async function main(): Promise<void> {
  const { port, host, gatewayUrl } = loadWebConfig();

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

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : error);
  process.exit(1);
});
