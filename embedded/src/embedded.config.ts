import { join } from 'node:path';
import { bool, loadConfig, port, str, type ConfigOf } from '@sim/config';

const repoRoot = join(__dirname, '..', '..');

/** Variables of the one-process embedded default (the gateway's own are documented with it). */
export const embeddedConfigDefinition = {
  gatewayPort: port('GATEWAY_PORT', { description: 'Port of the GraphQL gateway (HTTP and graphql-ws on /graphql).', default: 4000 }),
  webPort: port('WEB_PORT', { description: 'Port of the web app.', default: 3000 }),
  dataDir: str('DATA_DIR', {
    description: 'Where the embedded database (PGlite) keeps its files; it survives restarts.',
    default: join(repoRoot, '.data'),
    defaultDoc: '`.data/` in the repository',
  }),
  seedDemo: bool('SEED_DEMO', { description: 'Create the demo tenants `acme` and `globex` on first start.', default: true }),
  web: bool('EMBEDDED_WEB', { description: 'Serve the web app from the same process.', default: true }),
};

export type EmbeddedConfig = ConfigOf<typeof embeddedConfigDefinition>;

export function loadEmbeddedConfig(env = process.env): EmbeddedConfig {
  return loadConfig(embeddedConfigDefinition, env);
}
