/**
 * `npm start`: the embedded default. One process: all five services, the gateway, the web
 * app, an embedded PostgreSQL under DATA_DIR, the in-process bus and the offline LLM engine.
 */
import 'reflect-metadata';
import { signDevToken } from '@sim/auth';
import { ConfigError } from '@sim/config';
import { buildWeb, isWebBuildFresh, startWeb } from '@sim/web';
import { loadEmbeddedConfig } from './embedded.config';
import { startEmbeddedPlatform } from './platform';
import { demoUsers } from './seed/demo-users';

async function main() {
  const startedAt = Date.now();
  const config = loadEmbeddedConfig();
  // Share links point at the web app this process serves, unless an operator says otherwise.
  process.env.PUBLIC_WEB_URL ??= `http://localhost:${config.webPort}`;
  // The web build is a separate process: let it run while the services boot.
  const webBuild = config.web && !isWebBuildFresh() ? buildWeb() : Promise.resolve();
  const platform = await startEmbeddedPlatform({ dataDir: config.dataDir, gatewayPort: config.gatewayPort, seedDemo: config.seedDemo });
  await webBuild;
  const web = config.web ? await startWeb({ port: config.webPort, gatewayUrl: `http://127.0.0.1:${platform.gateway.port}` }) : null;

  const lines = [
    '',
    'Conversation Simulations is running (embedded default: PGlite, in-process bus, offline LLM engine).',
    `  GraphQL   http://localhost:${platform.gateway.port}/graphql   (graphql-ws on the same path)`,
    `  Health    http://localhost:${platform.gateway.port}/health`,
    web ? `  Web app   http://localhost:${config.webPort}` : '  Web app   (EMBEDDED_WEB=false)',
    `  Data      ${config.dataDir}`,
    platform.seeded.length ? `  Seeded    ${platform.seeded.join(', ')}` : '  Seed      demo tenants already present',
    '',
    'Demo tokens (12 h; `npm run token -- --tenant <id> --user <id> --role <role>` makes more):',
  ];
  for (const user of demoUsers) {
    const token = await signDevToken(user, { secret: platform.jwtSecret });
    lines.push(`  ${user.label.padEnd(18)} ${token}`);
  }
  lines.push('', `Ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s. Ctrl-C stops.`);
  console.log(lines.join('\n'));

  let stopping = false;
  const stop = async (exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('stopping…');
    await web?.close();
    await platform.close();
    process.exit(exitCode);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Without its database the platform can only fail every request: stop, and say why. What
  // was committed is in DATA_DIR, and the next start recovers it.
  platform.pglite.onUnexpectedStop((reason) => {
    console.error(`${reason.message}; stopping the platform`);
    void stop(1);
  });
}

main().catch((error) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
