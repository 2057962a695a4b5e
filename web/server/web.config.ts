import { loadConfig, port, str, url, type ConfigOf } from '@sim/config';
import { DEFAULT_GATEWAY_URL } from '../lib/gateway';

/** Every variable the web app's own process reads (distributed mode, containers). */
export const webConfigDefinition = {
  port: port('WEB_PORT', { description: 'Port of the web app.', default: 3000 }),
  host: str('WEB_HOST', { description: 'Interface the web app listens on (0.0.0.0 in a container).', default: '127.0.0.1' }),
  gatewayUrl: url('GATEWAY_URL', {
    description: 'Base URL of the GraphQL gateway; the web app forwards `/graphql` (and its WebSocket) and `/auth/*` there.',
    default: DEFAULT_GATEWAY_URL,
  }),
  distDir: str('NEXT_DIST_DIR', {
    description: 'Where `next build` writes and the server reads the build, relative to `web/` (lets builds live side by side).',
    default: '.next',
  }),
};

export type WebConfig = ConfigOf<typeof webConfigDefinition>;

export function loadWebConfig(env: NodeJS.ProcessEnv = process.env): WebConfig {
  return loadConfig(webConfigDefinition, env);
}
