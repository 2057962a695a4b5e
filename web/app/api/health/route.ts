import { gatewayUrl } from '../../../lib/gateway';
import type { PlatformHealth } from '../../../lib/health';

// Health is live data: never prerender or cache this handler.
export const dynamic = 'force-dynamic';

/** Long enough for a busy gateway, short enough that the status line never hangs. */
const GATEWAY_TIMEOUT_MS = 3000;

const NO_STORE = { 'cache-control': 'no-store' };

/**
 * Proxies the gateway's `/health` so the browser needs neither CORS nor the gateway's
 * address; always answers JSON, with 503 unless the gateway says it is healthy.
 */
export async function GET(): Promise<Response> {
  let upstream: Response;
  try {
    upstream = await fetch(`${gatewayUrl()}/health`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
    });
  } catch {
    return reply({ status: 'unreachable' });
  }
  const gateway = await readJson(upstream);
  return reply({ status: upstream.ok ? 'ready' : 'not-ready', ...(gateway === undefined ? {} : { gateway }) });
}

function reply(health: PlatformHealth): Response {
  return Response.json(health, { status: health.status === 'ready' ? 200 : 503, headers: NO_STORE });
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}
